#pragma once
// Typed view of a pod's status: phase, addresses, conditions and container statuses. Keeps the
// JSON it was read from (qosClass, ephemeral container statuses, ... come back as they went in).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/condition.hpp"
#include "identity/json.hpp"

namespace ordinal::identity {

struct ContainerStatus {
  std::string name;
  std::optional<bool> ready;
  std::optional<std::int32_t> restart_count;
  std::string image;
  std::optional<bool> started;
  Json state;       ///< `state` as written ({"running": {...}}); null when absent
  Json last_state;  ///< `lastState` as written; null when absent
  Json original;    ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ContainerStatus from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct PodStatus {
  std::string phase;  ///< "Pending", "Running", "Succeeded", "Failed", "Unknown"; "" = not created
  std::string pod_ip;
  std::vector<std::string> pod_ips;  ///< `podIPs[].ip`
  std::string host_ip;
  std::string start_time;  ///< RFC 3339
  std::vector<Condition> conditions;
  std::vector<ContainerStatus> container_statuses;
  std::vector<ContainerStatus> init_container_statuses;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static PodStatus from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

}  // namespace ordinal::identity
