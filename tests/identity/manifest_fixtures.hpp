#pragma once
// Shared inputs of the manifest, schema and validation tests: a valid StatefulSet manifest
// with known line numbers, a way to edit it, and the users' example as a defaulted object.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "identity/defaults.hpp"
#include "identity/manifest.hpp"

namespace ordinal::identity::fixtures {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline std::vector<std::string> error_lines(const DecodedManifests& decoded) {
  std::vector<std::string> lines;
  for (const auto& e : decoded.errors) lines.push_back(e.to_string());
  return lines;
}

// A valid StatefulSet; cases below edit one line of it. Line numbers:
//  1 apiVersion, 2 kind, 3 metadata, 4 name, 5 spec, 6 selector, 7 matchLabels, 8 app,
//  9 serviceName, 10 replicas, 11 template, 12 metadata, 13 labels, 14 app, 15 spec,
// 16 containers, 17 - name, 18 image, 19 ports, 20 - containerPort, 21 name,
// 22 volumeMounts, 23 - name, 24 mountPath, 25 volumeClaimTemplates, 26 - metadata,
// 27 name, 28 spec, 29 accessModes, 30 resources, 31 requests, 32 storage.
inline const char* const kStatefulSet = R"(apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  replicas: 3
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
)";

// kStatefulSet with lines `first`..`last` (1-based) replaced by `replacement` (which may hold
// several lines, or none).
inline std::string edit(int first, int last, const std::string& replacement) {
  std::istringstream in(kStatefulSet);
  std::string out;
  std::string current;
  for (int n = 1; std::getline(in, current); ++n) {
    if (n < first || n > last)
      out += current + "\n";
    else if (n == first && !replacement.empty())
      out += replacement + "\n";
  }
  return out;
}

inline std::string edit(int line, const std::string& replacement) {
  return edit(line, line, replacement);
}

// The users' example StatefulSet with defaults applied, as the API server validates it.
inline Json web() {
  Json sts = Json::parse(R"({"apiVersion": "apps/v1", "kind": "StatefulSet",
    "metadata": {"name": "web", "namespace": "test"},
    "spec": {"selector": {"matchLabels": {"app": "nginx"}}, "serviceName": "nginx",
             "replicas": 3,
             "template": {"metadata": {"labels": {"app": "nginx"}},
                          "spec": {"terminationGracePeriodSeconds": 10,
                                   "containers": [{"name": "nginx", "image": "nginx",
                                     "ports": [{"containerPort": 80, "name": "web"}],
                                     "volumeMounts": [{"name": "www",
                                                       "mountPath": "/usr/share/nginx/html"}]}]}},
             "volumeClaimTemplates": [{"metadata": {"name": "www"},
               "spec": {"accessModes": ["ReadWriteOnce"],
                        "resources": {"requests": {"storage": "1Gi"}}}}]}})");
  apply_defaults(sts);
  return sts;
}

}  // namespace ordinal::identity::fixtures
