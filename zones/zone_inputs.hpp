#pragma once
// The parts of Namespaces, Services, EndpointSlices, Pods and StatefulSets that DNS depends on
// (dns.md §2.1; StatefulSets for the peer-discovery records of peer_records.hpp), read from the
// registry's JSON objects. Plain values; the builder never sees JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::zones {

/// A Service port or an EndpointSlice port. Slice ports may lack a number (a "sentinel").
struct PortInfo {
  std::string name;
  std::string protocol = "TCP";
  std::optional<std::uint16_t> port;

  bool operator==(const PortInfo&) const = default;
};

struct ServiceInfo {
  enum class Kind { ClusterIp, Headless, ExternalName };
  std::string ns;
  std::string name;
  Kind kind = Kind::ClusterIp;
  std::vector<std::string> cluster_ips;  ///< only parseable addresses
  std::vector<PortInfo> ports;
  bool publish_not_ready = false;
  std::string external_name;

  bool operator==(const ServiceInfo&) const = default;
};

struct EndpointInfo {
  std::vector<std::string> addresses;
  bool ready = true;  ///< conditions.ready; absent counts as ready (dns.md §2.3)
  std::string hostname;
  std::string pod_name;  ///< targetRef.name when targetRef.kind is Pod
  std::string pod_uid;   ///< targetRef.uid with pod_name; may be empty

  bool operator==(const EndpointInfo&) const = default;
};

struct SliceInfo {
  std::string ns;
  std::string name;
  std::string service;  ///< label kubernetes.io/service-name
  std::vector<PortInfo> ports;
  std::vector<EndpointInfo> endpoints;

  bool operator==(const SliceInfo&) const = default;
};

struct PodInfo {
  std::string ns;
  std::string name;
  std::string ip;  ///< status.podIP (primary); empty when none
  bool terminating = false;
  bool ready = false;     ///< condition Ready=True
  bool terminal = false;  ///< phase Succeeded or Failed
  std::string uid;
  std::string set;       ///< name of the controlling StatefulSet, or empty
  std::string revision;  ///< label controller-revision-hash, or empty

  bool operator==(const PodInfo&) const = default;
};

/// A pod the zone saw deleted while an EndpointSlice still names it (endpoint_overlay.hpp).
struct DeletedPod {
  std::string ns;
  std::string name;
  std::string uid;  ///< may be empty
};

/// A StatefulSet, as far as its governing Service's records need it.
struct SetInfo {
  std::string ns;
  std::string name;
  std::string service_name;         ///< spec.serviceName
  std::int32_t replicas = 1;        ///< spec.replicas
  std::int32_t ready_replicas = 0;  ///< status.readyReplicas
  std::int32_t ordinals_start = 0;  ///< spec.ordinals.start

  bool operator==(const SetInfo&) const = default;
};

/// Everything one snapshot is built from. Order does not matter.
struct ZoneInputs {
  std::vector<std::string> namespaces;
  std::vector<ServiceInfo> services;
  std::vector<SliceInfo> slices;
  std::vector<PodInfo> pods;
  /// Pods known to be gone that slices may still list; entries no slice names change nothing.
  std::vector<DeletedPod> deleted_pods;
  std::vector<SetInfo> sets;
};

/// Readers of registry objects, through the typed views of identity/. nullopt when the object
/// lacks a name or namespace (it cannot appear in DNS); missing optional fields take
/// Kubernetes defaults; a field of the wrong type counts as absent.
std::optional<ServiceInfo> service_from_json(const identity::Json& object);
std::optional<SliceInfo> slice_from_json(const identity::Json& object);
std::optional<PodInfo> pod_from_json(const identity::Json& object);
std::optional<SetInfo> set_from_json(const identity::Json& object);
/// metadata.name of a Namespace, or nullopt.
std::optional<std::string> namespace_from_json(const identity::Json& object);

}  // namespace ordinal::zones
