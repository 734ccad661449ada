#include "zones/zone_inputs.hpp"

#include "identity/endpoint_slice.hpp"
#include "identity/json_fields.hpp"
#include "identity/service.hpp"
#include "identity/service_readiness.hpp"
#include "zones/dns_name.hpp"

namespace ordinal::zones {
namespace {

using identity::Json;

template <class Port>
PortInfo port_info(const Port& port) {
  PortInfo info;
  info.name = port.name;
  if (!port.protocol.empty()) info.protocol = port.protocol;
  if (port.port && *port.port > 0 && *port.port <= 65535) {
    info.port = static_cast<std::uint16_t>(*port.port);
  }
  return info;
}

std::vector<std::string> cluster_ips(const identity::ServiceSpec& spec) {
  // clusterIPs lists both families on dual-stack Services; clusterIP alone on older objects.
  std::vector<std::string> listed = spec.cluster_ips;
  if (listed.empty()) listed.push_back(spec.cluster_ip);
  std::vector<std::string> out;
  for (auto& ip : listed) {
    if (is_ip_literal(ip)) out.push_back(std::move(ip));
  }
  return out;
}

EndpointInfo endpoint_info(const identity::Endpoint& endpoint) {
  EndpointInfo info;
  info.addresses = endpoint.addresses;
  info.ready = endpoint.is_ready();
  info.hostname = endpoint.hostname;
  if (endpoint.target_ref &&
      (endpoint.target_ref->kind.empty() || endpoint.target_ref->kind == "Pod")) {
    info.pod_name = endpoint.target_ref->name;
    info.pod_uid = endpoint.target_ref->uid;
  }
  return info;
}

}  // namespace

std::optional<ServiceInfo> service_from_json(const Json& object) {
  const auto service = identity::Service::from_json(object);
  if (service.metadata.name.empty() || service.metadata.ns.empty()) return std::nullopt;
  ServiceInfo info;
  info.ns = service.metadata.ns;
  info.name = service.metadata.name;
  for (const auto& port : service.spec.ports) info.ports.push_back(port_info(port));
  info.publish_not_ready = identity::publishes_not_ready(service);
  if (service.spec.type == "ExternalName") {
    info.kind = ServiceInfo::Kind::ExternalName;
    info.external_name = service.spec.external_name;
  } else if (service.is_headless()) {
    info.kind = ServiceInfo::Kind::Headless;
  } else {
    info.cluster_ips = cluster_ips(service.spec);
  }
  return info;
}

std::optional<SliceInfo> slice_from_json(const Json& object) {
  const auto slice = identity::EndpointSlice::from_json(object);
  if (slice.metadata.name.empty() || slice.metadata.ns.empty()) return std::nullopt;
  SliceInfo info;
  info.ns = slice.metadata.ns;
  info.name = slice.metadata.name;
  info.service = slice.service_name();
  for (const auto& port : slice.ports) info.ports.push_back(port_info(port));
  for (const auto& endpoint : slice.endpoints) info.endpoints.push_back(endpoint_info(endpoint));
  return info;
}

// Pods and StatefulSets are read field by field rather than through identity::Pod and
// identity::StatefulSet: those views copy the whole document at every modelled level (a pod's
// containers, a set's pod template), and the zone reads every pod at start and one per change
// for a handful of fields. Each reader below follows the typed view's rule for its field.

std::optional<PodInfo> pod_from_json(const Json& object) {
  using identity::fields::find;
  using identity::fields::get_string;
  PodInfo info;
  info.ns = get_string(object, {"metadata", "namespace"});
  info.name = get_string(object, {"metadata", "name"});
  if (info.name.empty() || info.ns.empty()) return std::nullopt;
  info.ip = get_string(object, {"status", "podIP"});
  info.terminating = !get_string(object, {"metadata", "deletionTimestamp"}).empty();
  // Pod::is_ready: the first condition of type Ready has status True.
  if (const Json* conditions = find(object, {"status", "conditions"});
      conditions != nullptr && conditions->is_array()) {
    for (const Json& condition : *conditions) {
      if (get_string(condition, {"type"}) != "Ready") continue;
      info.ready = get_string(condition, {"status"}) == "True";
      break;
    }
  }
  const std::string phase = get_string(object, {"status", "phase"});
  info.terminal = phase == "Succeeded" || phase == "Failed";
  info.uid = get_string(object, {"metadata", "uid"});
  // ObjectMeta::controller_ref: the first owner reference with controller: true.
  if (const Json* owners = find(object, {"metadata", "ownerReferences"});
      owners != nullptr && owners->is_array()) {
    for (const Json& owner : *owners) {
      if (!identity::fields::get_bool(owner, {"controller"}).value_or(false)) continue;
      if (get_string(owner, {"kind"}) == "StatefulSet") info.set = get_string(owner, {"name"});
      break;
    }
  }
  info.revision = get_string(object, {"metadata", "labels", "controller-revision-hash"});
  return info;
}

std::optional<SetInfo> set_from_json(const Json& object) {
  using identity::fields::get_int;
  using identity::fields::get_string;
  SetInfo info;
  info.ns = get_string(object, {"metadata", "namespace"});
  info.name = get_string(object, {"metadata", "name"});
  if (info.name.empty() || info.ns.empty()) return std::nullopt;
  info.service_name = get_string(object, {"spec", "serviceName"});
  // StatefulSet::desired_replicas and start_ordinal: 1 and 0 when unset.
  info.replicas = get_int<std::int32_t>(object, {"spec", "replicas"}).value_or(1);
  info.ready_replicas = get_int<std::int32_t>(object, {"status", "readyReplicas"}).value_or(0);
  info.ordinals_start = get_int<std::int32_t>(object, {"spec", "ordinals", "start"}).value_or(0);
  return info;
}

std::optional<std::string> namespace_from_json(const Json& object) {
  if (!object.is_object()) return std::nullopt;
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return std::nullopt;
  const auto name = metadata->find("name");
  if (name == metadata->end() || !name->is_string() || name->get<std::string>().empty()) {
    return std::nullopt;
  }
  return name->get<std::string>();
}

}  // namespace ordinal::zones
