#include "identity/defaults.hpp"

#include <string>

#include "identity/defaults_pod.hpp"

namespace ordinal::identity {
namespace {

// The field `key` of `parent` as an object, or nullptr when absent or of another type.
Json* object_field(Json& parent, const char* key) {
  const auto it = parent.find(key);
  return it != parent.end() && it->is_object() ? &*it : nullptr;
}

Json* array_field(Json& parent, const char* key) {
  const auto it = parent.find(key);
  return it != parent.end() && it->is_array() ? &*it : nullptr;
}

Json& spec_of(Json& object) {
  Json& spec = object["spec"];
  if (spec.is_null()) spec = Json::object();
  return spec;
}

void default_pvc(Json& claim) {
  if (Json* spec = object_field(claim, "spec")) default_field(*spec, "volumeMode", "Filesystem");
  Json& status = default_field(claim, "status", Json::object());
  if (status.is_object()) default_field(status, "phase", "Pending");
}

// SS-1.7: only an unset type brings an (empty) rollingUpdate block; partition then defaults.
void default_update_strategy(Json& spec) {
  Json& strategy = default_field(spec, "updateStrategy", Json::object());
  if (!strategy.is_object()) return;
  if (!strategy.contains("type") || strategy["type"].is_null()) {
    strategy["type"] = "RollingUpdate";
    default_field(strategy, "rollingUpdate", Json::object());
  }
  if (strategy["type"] == "RollingUpdate")
    if (Json* rolling = object_field(strategy, "rollingUpdate"))
      default_field(*rolling, "partition", 0);
}

// SS-1.1, 1.6, 1.7, 1.10, 1.12 and the pod template and claim templates.
void default_stateful_set(Json& object) {
  Json& spec = spec_of(object);
  if (!spec.is_object()) return;
  default_field(spec, "replicas", 1);
  default_field(spec, "podManagementPolicy", "OrderedReady");
  default_update_strategy(spec);
  default_field(spec, "revisionHistoryLimit", 10);
  Json& retention = default_field(spec, "persistentVolumeClaimRetentionPolicy", Json::object());
  if (retention.is_object()) {
    default_field(retention, "whenDeleted", "Retain");
    default_field(retention, "whenScaled", "Retain");
  }
  if (Json* tmpl = object_field(spec, "template"))
    if (Json* pod_spec = object_field(*tmpl, "spec")) default_pod_spec(*pod_spec);
  if (Json* claims = array_field(spec, "volumeClaimTemplates")) {
    for (auto& claim : *claims) {
      if (!claim.is_object()) continue;
      default_field(claim, "apiVersion", "v1");
      default_field(claim, "kind", "PersistentVolumeClaim");
      default_pvc(claim);
    }
  }
}

void default_service_ports(Json& spec) {
  Json* ports = array_field(spec, "ports");
  if (ports == nullptr) return;
  for (auto& port : *ports) {
    if (!port.is_object()) continue;
    default_field(port, "protocol", "TCP");
    // An unset, zero or empty targetPort means "the same as port".
    const Json target = port.value("targetPort", Json());
    if ((target.is_null() || target == 0 || target == "") && port.contains("port"))
      port["targetPort"] = port["port"];
  }
}

void default_service(Json& object) {
  Json& spec = spec_of(object);
  if (!spec.is_object()) return;
  const Json& type = default_field(spec, "type", "ClusterIP");
  const Json& affinity = default_field(spec, "sessionAffinity", "None");
  if (affinity == "ClientIP")
    default_field(spec, "sessionAffinityConfig", {{"clientIP", {{"timeoutSeconds", 10800}}}});
  default_service_ports(spec);
  if (type == "NodePort" || type == "LoadBalancer")
    default_field(spec, "externalTrafficPolicy", "Cluster");
  if (type == "LoadBalancer") default_field(spec, "allocateLoadBalancerNodePorts", true);
  if (type == "ExternalName") return;
  default_field(spec, "internalTrafficPolicy", "Cluster");
  if (spec.contains("clusterIP") && spec["clusterIP"].is_string() &&
      !spec["clusterIP"].get<std::string>().empty())
    default_field(spec, "clusterIPs", Json::array({spec["clusterIP"]}));
  default_field(spec, "ipFamilyPolicy", "SingleStack");
  default_field(spec, "ipFamilies", Json::array({"IPv4"}));
}

void default_pod(Json& object) {
  Json& spec = spec_of(object);
  default_pod_spec(spec);
  // A container with limits but no requests requests its limits (SetDefaults_Pod).
  for (const char* list : {"containers", "initContainers"}) {
    Json* containers = array_field(spec, list);
    if (containers == nullptr) continue;
    for (auto& c : *containers) {
      Json* resources = c.is_object() ? object_field(c, "resources") : nullptr;
      Json* limits = resources ? object_field(*resources, "limits") : nullptr;
      if (limits == nullptr) continue;
      Json& requests = default_field(*resources, "requests", Json::object());
      if (requests.is_object())
        for (const auto& [name, quantity] : limits->items())
          default_field(requests, name.c_str(), quantity);
    }
  }
}

void default_pv(Json& object) {
  Json& spec = spec_of(object);
  if (spec.is_object()) {
    default_field(spec, "persistentVolumeReclaimPolicy", "Retain");
    default_field(spec, "volumeMode", "Filesystem");
    if (Json* host_path = object_field(spec, "hostPath")) default_field(*host_path, "type", "");
  }
  Json& status = default_field(object, "status", Json::object());
  if (status.is_object()) default_field(status, "phase", "Pending");
}

void default_endpoint_slice(Json& object) {
  if (Json* ports = array_field(object, "ports"))
    for (auto& port : *ports)
      if (port.is_object()) {
        default_field(port, "name", "");
        default_field(port, "protocol", "TCP");
      }
}

void default_namespace(Json& object) {
  Json& spec = spec_of(object);
  if (spec.is_object()) default_field(spec, "finalizers", Json::array({"kubernetes"}));
  Json& status = default_field(object, "status", Json::object());
  if (status.is_object()) default_field(status, "phase", "Active");
}

void default_storage_class(Json& object) {
  default_field(object, "reclaimPolicy", "Delete");
  default_field(object, "volumeBindingMode", "Immediate");
}

}  // namespace

void apply_defaults(Json& object) {
  if (!object.is_object()) return;
  const auto kind_it = object.find("kind");
  if (kind_it == object.end() || !kind_it->is_string()) return;
  const std::string kind = kind_it->get<std::string>();
  if (kind == "StatefulSet")
    default_stateful_set(object);
  else if (kind == "Service")
    default_service(object);
  else if (kind == "Pod")
    default_pod(object);
  else if (kind == "PersistentVolumeClaim")
    default_pvc(object);
  else if (kind == "PersistentVolume")
    default_pv(object);
  else if (kind == "StorageClass")
    default_storage_class(object);
  else if (kind == "EndpointSlice")
    default_endpoint_slice(object);
  else if (kind == "Namespace")
    default_namespace(object);
  else if (kind == "Secret")
    default_field(object, "type", "Opaque");
}

}  // namespace ordinal::identity
