#include "identity/defaults_pod.hpp"

namespace ordinal::identity {
namespace {

// Volume sources that carry a file mode, defaulted to 0644 (420) as the API server does.
constexpr const char* kModeSources[] = {"configMap", "secret", "downwardAPI", "projected"};

bool is_object(const Json& parent, const char* key) {
  const auto it = parent.find(key);
  return it != parent.end() && it->is_object();
}

void default_probe(Json& container, const char* key) {
  if (!is_object(container, key)) return;
  Json& probe = container[key];
  default_field(probe, "timeoutSeconds", 1);
  default_field(probe, "periodSeconds", 10);
  default_field(probe, "successThreshold", 1);
  default_field(probe, "failureThreshold", 3);
  if (is_object(probe, "httpGet")) {
    default_field(probe["httpGet"], "path", "/");
    default_field(probe["httpGet"], "scheme", "HTTP");
  }
}

void default_env(Json& container) {
  const auto env = container.find("env");
  if (env == container.end() || !env->is_array()) return;
  for (auto& var : *env) {
    if (!var.is_object() || !is_object(var, "valueFrom")) continue;
    if (is_object(var["valueFrom"], "fieldRef"))
      default_field(var["valueFrom"]["fieldRef"], "apiVersion", "v1");
  }
}

void default_container(Json& c) {
  if (!c.is_object()) return;
  default_field(c, "terminationMessagePath", "/dev/termination-log");
  default_field(c, "terminationMessagePolicy", "File");
  const auto image = c.find("image");
  if (image != c.end() && image->is_string())
    default_field(c, "imagePullPolicy",
                  std::string(default_pull_policy(image->get<std::string>())));
  if (const auto ports = c.find("ports"); ports != c.end() && ports->is_array())
    for (auto& port : *ports)
      if (port.is_object()) default_field(port, "protocol", "TCP");
  default_env(c);
  for (const char* probe : {"livenessProbe", "readinessProbe", "startupProbe"})
    default_probe(c, probe);
}

void default_volume(Json& v) {
  if (!v.is_object()) return;
  for (const char* source : kModeSources)
    if (is_object(v, source)) default_field(v[source], "defaultMode", 420);
  if (is_object(v, "hostPath")) default_field(v["hostPath"], "type", "");
  // A volume with no source at all is an emptyDir.
  bool has_source = false;
  for (const auto& [key, value] : v.items())
    if (key != "name" && !value.is_null()) has_source = true;
  if (!has_source) v["emptyDir"] = Json::object();
}

void for_each_in(Json& spec, const char* key, void (*fn)(Json&)) {
  const auto list = spec.find(key);
  if (list == spec.end() || !list->is_array()) return;
  for (auto& item : *list) fn(item);
}

}  // namespace

Json& default_field(Json& object, const char* key, Json value) {
  Json& field = object[key];
  if (field.is_null()) field = std::move(value);
  return field;
}

std::string_view default_pull_policy(std::string_view image) {
  if (image.find('@') != std::string_view::npos) return "IfNotPresent";
  const std::size_t slash = image.rfind('/');
  const std::size_t colon = image.rfind(':');
  const bool has_tag =
      colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash);
  if (!has_tag || image.substr(colon + 1) == "latest") return "Always";
  return "IfNotPresent";
}

void default_pod_spec(Json& spec) {
  if (!spec.is_object()) return;
  default_field(spec, "restartPolicy", "Always");
  default_field(spec, "terminationGracePeriodSeconds", 30);
  default_field(spec, "dnsPolicy", "ClusterFirst");
  default_field(spec, "securityContext", Json::object());
  default_field(spec, "schedulerName", "default-scheduler");
  default_field(spec, "enableServiceLinks", true);
  for_each_in(spec, "containers", default_container);
  for_each_in(spec, "initContainers", default_container);
  for_each_in(spec, "volumes", default_volume);
  // With host networking the host port is the container port.
  if (spec.contains("hostNetwork") && spec["hostNetwork"] == true) {
    for (const char* list : {"containers", "initContainers"}) {
      if (!spec.contains(list) || !spec[list].is_array()) continue;
      for (auto& c : spec[list]) {
        if (!c.is_object() || !c.contains("ports") || !c["ports"].is_array()) continue;
        for (auto& port : c["ports"])
          if (port.is_object() && port.contains("containerPort"))
            default_field(port, "hostPort", port["containerPort"]);
      }
    }
  }
}

}  // namespace ordinal::identity
