#pragma once
// The manifest of the peer-discovery tests: a headless Service with two named ports that
// publishes members before they are Ready, and the StatefulSet it governs.
#include <string>

namespace ordinal::testing {

// A headless Service that publishes members before they are Ready (SS-3.6, dns.md §2.3), and
// the set it governs.
inline std::string peer_set_manifest(int replicas) {
  return R"(apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    app: nginx
  ports:
  - name: web
    port: 80
  - name: peer
    port: 2380
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: )" +
         std::to_string(replicas) + R"(
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - name: web
          containerPort: 80
        - name: peer
          containerPort: 2380
)";
}

}  // namespace ordinal::testing
