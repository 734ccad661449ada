#pragma once
// Shared objects for the controller's identity tests: a set "web" in namespace "default" with
// one claim template "www", and helpers to build pods around it.
#include <string>

#include "identity/json.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller::testing {

using identity::Json;

/// The set's JSON: replicas 3, selector app=web, service "nginx", a template whose volumes
/// include one named like the claim template (to check SS-1.5) and one configMap volume.
inline Json web_set_json() {
  return Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "StatefulSet",
    "metadata": {"name": "web", "namespace": "default", "uid": "uid-web",
                 "annotations": {"team": "storage"}},
    "spec": {
      "replicas": 3,
      "serviceName": "nginx",
      "selector": {"matchLabels": {"app": "web"}},
      "template": {
        "metadata": {"name": "ignored", "labels": {"app": "web", "tier": "front"},
                     "annotations": {"note": "from-template"},
                     "finalizers": ["example.com/keep"]},
        "spec": {
          "containers": [{"name": "nginx", "image": "nginx:1.27",
                          "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}],
          "volumes": [{"name": "config", "configMap": {"name": "web-config"}},
                      {"name": "www", "emptyDir": {}}],
          "hostname": "user-set",
          "tolerations": [{"key": "dedicated", "operator": "Exists"}]
        }
      },
      "volumeClaimTemplates": [{
        "metadata": {"name": "www", "labels": {"app": "claim", "kind": "data"},
                     "annotations": {"backup": "daily"}},
        "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
                 "resources": {"requests": {"storage": "1Gi"}}},
        "status": {"phase": "Pending"}
      }]
    }
  })");
}

inline identity::StatefulSet web_set() {
  return identity::StatefulSet::from_json(web_set_json());
}

/// `set` with a second claim template "logs" after "www".
inline identity::StatefulSet with_logs_template(const identity::StatefulSet& set) {
  Json json = set.to_json();
  json["spec"]["volumeClaimTemplates"].push_back(
      Json::parse(R"({"metadata": {"name": "logs"}, "spec": {"accessModes": ["ReadWriteOnce"]}})"));
  return identity::StatefulSet::from_json(json);
}

/// A minimal pod named `name` in `ns` with `labels`.
inline identity::Pod bare_pod(const std::string& name, const std::string& ns = "default",
                              const Json& labels = Json::object()) {
  Json json = {{"apiVersion", "v1"},
               {"kind", "Pod"},
               {"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels}}}};
  return identity::Pod::from_json(json);
}

}  // namespace ordinal::controller::testing
