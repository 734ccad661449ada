#include "zones/zone_inputs.hpp"

#include "identity/endpoint_slice.hpp"
#include "identity/pod.hpp"
#include "identity/service.hpp"
#include "identity/service_readiness.hpp"
#include "identity/stateful_set.hpp"
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

std::optional<PodInfo> pod_from_json(const Json& object) {
  const auto pod = identity::Pod::from_json(object);
  if (pod.metadata.name.empty() || pod.metadata.ns.empty()) return std::nullopt;
  PodInfo info;
  info.ns = pod.metadata.ns;
  info.name = pod.metadata.name;
  info.ip = pod.status.pod_ip;
  info.terminating = pod.is_terminating();
  info.ready = pod.is_ready();
  info.terminal = pod.status.phase == "Succeeded" || pod.status.phase == "Failed";
  info.uid = pod.metadata.uid;
  if (const auto* owner = pod.metadata.controller_ref(); owner && owner->kind == "StatefulSet") {
    info.set = owner->name;
  }
  info.revision = pod.metadata.label("controller-revision-hash");
  return info;
}

std::optional<SetInfo> set_from_json(const Json& object) {
  const auto set = identity::StatefulSet::from_json(object);
  if (set.metadata.name.empty() || set.metadata.ns.empty()) return std::nullopt;
  SetInfo info;
  info.ns = set.metadata.ns;
  info.name = set.metadata.name;
  info.service_name = set.spec.service_name;
  info.replicas = set.desired_replicas();
  info.ready_replicas = set.status.ready_replicas.value_or(0);
  info.ordinals_start = set.spec.ordinals_start.value_or(0);
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
