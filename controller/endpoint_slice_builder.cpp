#include "controller/endpoint_slice_builder.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "identity/endpoint_slice.hpp"

namespace ordinal::controller {
namespace {

using identity::Json;
using identity::Pod;
using identity::Service;

constexpr std::string_view kIPv4 = "IPv4";
constexpr std::string_view kIPv6 = "IPv6";

std::string_view family_of(const std::string& address) {
  return address.find(':') == std::string::npos ? kIPv4 : kIPv6;
}

// Terminal pods never come back, and pods without an address have nothing to publish
// (Kubernetes' ShouldPodBeInEndpoints with terminating pods included).
bool listed(const Pod& pod) {
  if (pod.status.phase == "Failed" || pod.status.phase == "Succeeded") return false;
  return !pod.status.pod_ip.empty() || !pod.status.pod_ips.empty();
}

// The pod's first address of each family, podIPs first (it holds both families on a dual-stack
// pod), podIP for pods that only carry the primary one.
std::map<std::string_view, std::string> addresses_by_family(const Pod& pod) {
  std::vector<std::string> all = pod.status.pod_ips;
  if (all.empty()) all.push_back(pod.status.pod_ip);
  std::map<std::string_view, std::string> out;
  for (const auto& address : all)
    if (!address.empty()) out.emplace(family_of(address), address);
  return out;
}

// A Service limits its slices to its IP families; without any (never defaulted), every family
// a pod has is published.
bool family_allowed(const Service& service, std::string_view family) {
  const auto& families = service.spec.ip_families;
  return families.empty() || std::find(families.begin(), families.end(), family) != families.end();
}

std::string protocol_of(const std::string& protocol) {
  return protocol.empty() ? "TCP" : protocol;
}

// Kubernetes' FindPort: a named targetPort is looked up among the containers' ports of the
// same protocol; a pod without it gets no entry for this Service port (dns.md §2.3).
std::optional<std::int32_t> resolve_target(const identity::ServicePort& port, const Pod& pod) {
  if (!port.target_port) return port.port;
  if (!port.target_port->is_string()) {
    if (port.target_port->int_value() == 0) return port.port;
    return port.target_port->int_value();
  }
  const std::string& name = port.target_port->string_value();
  for (const auto& container : pod.spec.containers) {
    for (const auto& container_port : container.ports) {
      if (container_port.name == name &&
          protocol_of(container_port.protocol) == protocol_of(port.protocol))
        return container_port.container_port;
    }
  }
  return std::nullopt;
}

Json endpoint_ports(const Service& service, const Pod& pod) {
  Json ports = Json::array();
  for (const auto& port : service.spec.ports) {
    const auto number = resolve_target(port, pod);
    if (!number) continue;
    Json entry = {{"name", port.name}, {"protocol", protocol_of(port.protocol)}, {"port", *number}};
    if (!port.app_protocol.empty()) entry["appProtocol"] = port.app_protocol;
    ports.push_back(std::move(entry));
  }
  return ports;
}

// One endpoint, as Kubernetes' podToEndpoint writes it: ready excludes terminating pods unless
// the Service publishes not-ready addresses; serving ignores termination.
Json endpoint(const Service& service, const Pod& pod, const std::string& address) {
  const bool serving = pod.is_ready();
  const bool terminating = pod.is_terminating();
  const bool ready = identity::publishes_not_ready(service) || (serving && !terminating);
  Json out = {
      {"addresses", Json::array({address})},
      {"conditions", {{"ready", ready}, {"serving", serving}, {"terminating", terminating}}}};
  // SS-3.6 item 3: only the Service the pod names as its subdomain publishes its hostname.
  if (!pod.spec.hostname.empty() && pod.spec.subdomain == service.metadata.name &&
      pod.metadata.ns == service.metadata.ns)
    out["hostname"] = pod.spec.hostname;
  if (!pod.spec.node_name.empty()) out["nodeName"] = pod.spec.node_name;
  Json target = {{"kind", "Pod"}, {"namespace", pod.metadata.ns}, {"name", pod.metadata.name}};
  if (!pod.metadata.uid.empty()) target["uid"] = pod.metadata.uid;
  out["targetRef"] = std::move(target);
  return out;
}

struct Group {
  std::string address_type;
  Json ports;
  std::vector<Json> endpoints;
};

std::vector<DesiredSlice> chunk(std::map<std::string, Group> groups) {
  std::vector<DesiredSlice> out;
  for (auto& [key, group] : groups) {
    for (std::size_t first = 0; first < group.endpoints.size(); first += kMaxEndpointsPerSlice) {
      DesiredSlice slice{group.address_type, Json::array(), group.ports};
      const std::size_t last = std::min(group.endpoints.size(), first + kMaxEndpointsPerSlice);
      for (std::size_t i = first; i < last; ++i)
        slice.endpoints.push_back(std::move(group.endpoints[i]));
      out.push_back(std::move(slice));
    }
  }
  return out;
}

Json owner_reference(const Service& service) {
  return {{"apiVersion", std::string(Service::kApiVersion)},
          {"kind", std::string(Service::kKind)},
          {"name", service.metadata.name},
          {"uid", service.metadata.uid},
          {"controller", true},
          {"blockOwnerDeletion", true}};
}

Json slice_labels(const Service& service) {
  Json labels = Json::object();
  for (const auto& [key, value] : service.metadata.labels) labels[key] = value;
  labels[std::string(identity::EndpointSlice::kServiceNameLabel)] = service.metadata.name;
  labels[std::string(kManagedByLabel)] = std::string(kEndpointSliceControllerName);
  if (service.is_headless()) labels[std::string(kHeadlessLabel)] = "";
  return labels;
}

}  // namespace

bool publishes_endpoints(const Service& service) {
  return !service.spec.selector.empty() && service.spec.type != "ExternalName";
}

bool selects(const Service& service, const Pod& pod) {
  if (service.spec.selector.empty() || pod.metadata.ns != service.metadata.ns) return false;
  const auto& labels = pod.metadata.labels;
  return std::all_of(service.spec.selector.begin(), service.spec.selector.end(),
                     [&labels](const auto& requirement) {
                       auto it = labels.find(requirement.first);
                       return it != labels.end() && it->second == requirement.second;
                     });
}

std::vector<DesiredSlice> desired_slices(const Service& service,
                                         const std::vector<identity::PodPtr>& pods) {
  std::vector<const Pod*> chosen;
  for (const auto& pod : pods)
    if (selects(service, *pod) && listed(*pod)) chosen.push_back(pod.get());
  std::sort(chosen.begin(), chosen.end(),
            [](const Pod* a, const Pod* b) { return a->metadata.name < b->metadata.name; });
  // Endpoints whose ports resolve alike share slices: a slice has one port list for all.
  std::map<std::string, Group> groups;
  for (const Pod* pod : chosen) {
    Json ports = endpoint_ports(service, *pod);
    for (const auto& [family, address] : addresses_by_family(*pod)) {
      if (!family_allowed(service, family)) continue;
      Group& group = groups[std::string(family) + " " + ports.dump()];
      if (group.address_type.empty()) group = {std::string(family), ports, {}};
      group.endpoints.push_back(endpoint(service, *pod, address));
    }
  }
  std::vector<DesiredSlice> out = chunk(std::move(groups));
  if (out.empty()) out.push_back({std::string(kIPv4), Json::array(), Json::array()});
  return out;
}

Json apply_desired(Json slice, const Service& service, const DesiredSlice& desired) {
  if (!slice.is_object()) slice = Json::object();
  slice["apiVersion"] = std::string(identity::EndpointSlice::kApiVersion);
  slice["kind"] = std::string(identity::EndpointSlice::kKind);
  Json& metadata = slice["metadata"];
  if (!metadata.is_object()) metadata = Json::object();
  const auto name = metadata.find("name");
  if (name == metadata.end() || !name->is_string() || name->get<std::string>().empty())
    metadata["generateName"] = service.metadata.name + "-";
  metadata["namespace"] = service.metadata.ns;
  metadata["labels"] = slice_labels(service);
  metadata["ownerReferences"] = Json::array({owner_reference(service)});
  slice["addressType"] = desired.address_type;
  slice["endpoints"] = desired.endpoints;
  if (desired.ports.empty())
    slice.erase("ports");
  else
    slice["ports"] = desired.ports;
  return slice;
}

}  // namespace ordinal::controller
