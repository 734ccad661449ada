#pragma once
// Typed view of a pod's containers (and init containers) with their env, ports and volume
// mounts. Each keeps the JSON it was read from, so `resources`, `securityContext`, `lifecycle`
// and every other unmodelled field come back as they went in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity {

struct EnvVar {
  std::string name;
  std::string value;
  Json value_from;  ///< `valueFrom` as written; null when absent
  Json original;    ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static EnvVar from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct ContainerPort {
  std::string name;
  std::optional<std::int32_t> container_port;
  std::string protocol;  ///< "TCP" (the default when empty), "UDP", "SCTP"
  Json original;         ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ContainerPort from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct VolumeMount {
  std::string name;
  std::string mount_path;
  std::optional<bool> read_only;
  std::string sub_path;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static VolumeMount from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct Container {
  std::string name;
  std::string image;
  std::vector<std::string> command;
  std::vector<std::string> args;
  std::vector<EnvVar> env;
  std::vector<ContainerPort> ports;
  std::vector<VolumeMount> volume_mounts;
  Json readiness_probe;  ///< as written; null when absent
  Json liveness_probe;   ///< as written; null when absent
  Json startup_probe;    ///< as written; null when absent
  Json original;         ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static Container from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
  /// The port with this name, or nullptr. Points into this container.
  [[nodiscard]] const ContainerPort* find_port(std::string_view port_name) const;
};

}  // namespace ordinal::identity
