#pragma once
// Typed view of a Service (core/v1): the fields the DNS zone and the endpoint publisher read.
// Keeps the JSON it was read from, so sessionAffinity, externalTrafficPolicy and every other
// unmodelled field survive a round trip.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/int_or_string.hpp"
#include "identity/json.hpp"
#include "identity/json_fields.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::identity {

struct ServicePort {
  std::string name;
  std::string protocol;  ///< "TCP" (the default when empty), "UDP", "SCTP"
  std::optional<std::int32_t> port;
  std::optional<IntOrString> target_port;  ///< a number or a container port name
  std::string app_protocol;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ServicePort from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct ServiceSpec {
  std::string type;        ///< "ClusterIP" (the default when empty), "NodePort", "ExternalName"...
  std::string cluster_ip;  ///< "None" for a headless Service
  std::vector<std::string> cluster_ips;
  std::vector<ServicePort> ports;
  fields::StringMap selector;
  std::optional<bool> publish_not_ready_addresses;
  std::string external_name;
  std::vector<std::string> ip_families;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ServiceSpec from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct Service {
  static constexpr std::string_view kApiVersion = "v1";
  static constexpr std::string_view kKind = "Service";

  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  ServiceSpec spec;
  Json original;  ///< the document read; to_json writes on top of it (status included)

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static Service from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared; an absent
  /// `metadata` or `spec` that stayed empty stays absent.
  [[nodiscard]] Json to_json() const;

  /// `clusterIP: None`.
  [[nodiscard]] bool is_headless() const { return spec.cluster_ip == "None"; }
  /// `publishNotReadyAddresses: true`: every endpoint counts as ready (SS-3.6).
  [[nodiscard]] bool publishes_not_ready() const {
    return spec.publish_not_ready_addresses.value_or(false);
  }
};

}  // namespace ordinal::identity
