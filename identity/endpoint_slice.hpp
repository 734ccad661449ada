#pragma once
// Typed view of an EndpointSlice (discovery.k8s.io/v1): what the DNS zone is built from
// (addresses, `conditions.ready`, `hostname`, `targetRef`, named ports). Keeps the JSON it was
// read from, so zone and hints fields survive a round trip.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"
#include "identity/object_meta.hpp"
#include "identity/object_reference.hpp"

namespace ordinal::identity {

/// `endpoints[].conditions`: each unset means "unknown" (consumers treat unset ready as ready).
struct EndpointConditions {
  std::optional<bool> ready;
  std::optional<bool> serving;
  std::optional<bool> terminating;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static EndpointConditions from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct Endpoint {
  std::vector<std::string> addresses;
  EndpointConditions conditions;
  std::string hostname;
  std::string node_name;
  std::optional<ObjectReference> target_ref;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static Endpoint from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
  /// Unset `ready` counts as ready, as EndpointSlice consumers must.
  [[nodiscard]] bool is_ready() const { return conditions.ready.value_or(true); }
};

struct EndpointPort {
  std::string name;  ///< "" for the one unnamed port
  std::optional<std::int32_t> port;
  std::string protocol;  ///< "TCP" when empty
  std::string app_protocol;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static EndpointPort from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct EndpointSlice {
  static constexpr std::string_view kApiVersion = "discovery.k8s.io/v1";
  static constexpr std::string_view kKind = "EndpointSlice";
  /// The label naming the Service a slice belongs to.
  static constexpr std::string_view kServiceNameLabel = "kubernetes.io/service-name";

  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::string address_type;  ///< "IPv4", "IPv6" or "FQDN"
  std::vector<Endpoint> endpoints;
  std::vector<EndpointPort> ports;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static EndpointSlice from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
  /// The `kubernetes.io/service-name` label, or "".
  [[nodiscard]] std::string service_name() const {
    return std::string(metadata.label(kServiceNameLabel));
  }
};

}  // namespace ordinal::identity
