#pragma once
// Rich objects for the model tests: every modelled field set, and unmodelled fields at every
// level (annotations, container resources, securityContext, volume sources, sessionAffinity,
// managedFields, ...), as a real API server would return them.
#include "identity/json.hpp"

namespace ordinal::identity {

inline Json rich_metadata(const char* name) {
  return Json::parse(R"({
    "name": "NAME", "namespace": "test", "uid": "uid-1", "resourceVersion": "42",
    "generation": 3, "creationTimestamp": "2026-01-02T03:04:05Z",
    "labels": {"app": "nginx", "empty": ""},
    "annotations": {"note": "kept", "kubectl.kubernetes.io/last-applied-configuration": "{}"},
    "finalizers": ["example.com/protect"],
    "ownerReferences": [
      {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": "uid-set",
       "controller": true, "blockOwnerDeletion": true},
      {"apiVersion": "v1", "kind": "ConfigMap", "name": "someone", "uid": "uid-other"}],
    "managedFields": [{"manager": "kubectl", "operation": "Apply", "fieldsV1": {"f:a": {}}}]
  })")
      .patch(Json::array({{{"op", "replace"}, {"path", "/name"}, {"value", name}}}));
}

inline Json rich_pod_spec() {
  return Json::parse(R"({
    "containers": [{
      "name": "nginx", "image": "nginx:1.25", "imagePullPolicy": "IfNotPresent",
      "command": ["nginx"], "args": ["-g", "daemon off;"],
      "env": [{"name": "MODE", "value": ""},
              {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
      "ports": [{"name": "web", "containerPort": 80, "protocol": "TCP", "hostIP": "0.0.0.0"}],
      "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html", "readOnly": true,
                        "subPath": "html", "mountPropagation": "None"}],
      "readinessProbe": {"httpGet": {"path": "/", "port": "web"}, "periodSeconds": 5},
      "livenessProbe": {"tcpSocket": {"port": 80}},
      "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "100m"}},
      "securityContext": {"runAsNonRoot": true, "capabilities": {"drop": ["ALL"]}}}],
    "initContainers": [{"name": "init", "image": "busybox", "command": ["sh", "-c", "true"],
                        "terminationMessagePolicy": "FallbackToLogsOnError"}],
    "volumes": [
      {"name": "www", "persistentVolumeClaim": {"claimName": "www-web-0", "readOnly": false}},
      {"name": "config", "configMap": {"name": "nginx-conf", "defaultMode": 420}},
      {"name": "scratch", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}}],
    "hostname": "web-0", "subdomain": "nginx", "nodeName": "node-1",
    "restartPolicy": "Always", "terminationGracePeriodSeconds": 10,
    "securityContext": {"fsGroup": 101}, "serviceAccountName": "web",
    "affinity": {"podAntiAffinity": {}}, "tolerations": [{"operator": "Exists"}]
  })");
}

inline Json rich_pod() {
  Json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", rich_metadata("web-0")},
              {"spec", rich_pod_spec()}};
  pod["status"] = Json::parse(R"({
    "phase": "Running", "podIP": "10.244.0.5",
    "podIPs": [{"ip": "10.244.0.5"}, {"ip": "fd00::5"}], "hostIP": "192.168.1.10",
    "startTime": "2026-01-02T03:04:06Z", "qosClass": "Burstable",
    "conditions": [
      {"type": "PodScheduled", "status": "True", "lastProbeTime": null,
       "lastTransitionTime": "2026-01-02T03:04:05Z"},
      {"type": "Ready", "status": "True", "lastTransitionTime": "2026-01-02T03:04:09Z",
       "reason": "", "message": ""}],
    "containerStatuses": [{"name": "nginx", "ready": true, "restartCount": 2,
      "image": "nginx:1.25", "imageID": "sha256:abc", "started": true,
      "state": {"running": {"startedAt": "2026-01-02T03:04:07Z"}},
      "lastState": {"terminated": {"exitCode": 137}}}]
  })");
  return pod;
}

inline Json rich_stateful_set() {
  Json set = {
      {"apiVersion", "apps/v1"}, {"kind", "StatefulSet"}, {"metadata", rich_metadata("web")}};
  set["spec"] = Json::parse(R"({
    "replicas": 3, "serviceName": "nginx", "podManagementPolicy": "Parallel",
    "selector": {"matchLabels": {"app": "nginx"},
                 "matchExpressions": [{"key": "tier", "operator": "In", "values": ["web"]}]},
    "updateStrategy": {"type": "RollingUpdate",
                       "rollingUpdate": {"partition": 2, "maxUnavailable": "50%"}},
    "revisionHistoryLimit": 5, "minReadySeconds": 3,
    "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Delete"},
    "ordinals": {"start": 5},
    "volumeClaimTemplates": [{
      "metadata": {"name": "www", "annotations": {"backup": "daily"}},
      "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard",
               "resources": {"requests": {"storage": "1Gi"}, "limits": {"storage": "2Gi"}},
               "dataSource": {"kind": "VolumeSnapshot", "name": "snap"}}}]
  })");
  set["spec"]["template"] = {{"metadata",
                              {{"labels", {{"app", "nginx"}, {"tier", "web"}}},
                               {"annotations", {{"prometheus.io/scrape", "true"}}}}},
                             {"spec", rich_pod_spec()}};
  set["status"] = Json::parse(R"({
    "observedGeneration": 3, "replicas": 3, "readyReplicas": 2, "currentReplicas": 1,
    "updatedReplicas": 2, "availableReplicas": 2, "currentRevision": "web-5d4c3b2a1",
    "updateRevision": "web-7c9b8f6d5", "collisionCount": 1,
    "conditions": [{"type": "Progressing", "status": "True", "reason": "Rolling"}]
  })");
  return set;
}

inline Json rich_service() {
  return {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata", rich_metadata("nginx")},
          {"spec", Json::parse(R"({
    "type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"],
    "ports": [{"name": "web", "protocol": "TCP", "port": 80, "targetPort": "http",
               "appProtocol": "http"},
              {"name": "metrics", "port": 9090, "targetPort": 9090, "nodePort": 0}],
    "selector": {"app": "nginx"}, "publishNotReadyAddresses": true,
    "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
    "sessionAffinity": "ClientIP",
    "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}}
  })")},
          {"status", {{"loadBalancer", Json::object()}}}};
}

inline Json rich_endpoint_slice() {
  return Json::parse(R"({
    "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
    "metadata": {"name": "nginx-abc12", "namespace": "test",
                 "labels": {"kubernetes.io/service-name": "nginx",
                            "endpointslice.kubernetes.io/managed-by": "ordinal"}},
    "addressType": "IPv4",
    "endpoints": [
      {"addresses": ["10.244.0.5"], "conditions": {"ready": true, "serving": true,
       "terminating": false}, "hostname": "web-0", "nodeName": "node-1",
       "targetRef": {"kind": "Pod", "namespace": "test", "name": "web-0", "uid": "uid-p0"},
       "zone": "zone-a", "hints": {"forZones": [{"name": "zone-a"}]}},
      {"addresses": ["10.244.0.6"], "conditions": {"ready": false}, "hostname": "web-1"},
      {"addresses": ["10.244.0.7"], "conditions": {}}],
    "ports": [{"name": "web", "port": 80, "protocol": "TCP", "appProtocol": "http"},
              {"name": "", "port": 9090}]
  })");
}

inline Json rich_claim() {
  return Json::parse(R"({
    "apiVersion": "v1", "kind": "PersistentVolumeClaim",
    "metadata": {"name": "www-web-0", "namespace": "test", "finalizers":
                 ["kubernetes.io/pvc-protection"]},
    "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "",
             "resources": {"requests": {"storage": "1Gi"}}, "volumeName": "pv-1",
             "volumeMode": "Filesystem", "selector": {"matchLabels": {"disk": "ssd"}}},
    "status": {"phase": "Bound", "capacity": {"storage": "10Gi"},
               "accessModes": ["ReadWriteOnce"], "allocatedResources": {"storage": "10Gi"}}
  })");
}

inline Json rich_volume() {
  return Json::parse(R"({
    "apiVersion": "v1", "kind": "PersistentVolume",
    "metadata": {"name": "pv-1", "labels": {"disk": "ssd"}},
    "spec": {"capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"],
             "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "",
             "claimRef": {"kind": "PersistentVolumeClaim", "namespace": "test",
                          "name": "www-web-0", "uid": "uid-c", "resourceVersion": "7",
                          "apiVersion": "v1"},
             "volumeMode": "Filesystem", "hostPath": {"path": "/data/pv-1", "type": ""},
             "mountOptions": ["noatime"],
             "nodeAffinity": {"required": {"nodeSelectorTerms": []}}},
    "status": {"phase": "Bound", "lastPhaseTransitionTime": "2026-01-02T03:04:05Z"}
  })");
}

inline Json rich_storage_class() {
  return Json::parse(R"({
    "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
    "metadata": {"name": "standard", "annotations":
                 {"storageclass.kubernetes.io/is-default-class": "true"}},
    "provisioner": "ordinal.io/hostpath", "reclaimPolicy": "Delete",
    "volumeBindingMode": "WaitForFirstConsumer", "allowVolumeExpansion": false,
    "parameters": {"path": "/data"}, "mountOptions": ["noatime"]
  })");
}

inline Json rich_event() {
  return Json::parse(R"({
    "apiVersion": "v1", "kind": "Event",
    "metadata": {"name": "web.1786a", "namespace": "test"},
    "involvedObject": {"kind": "StatefulSet", "namespace": "test", "name": "web",
                       "uid": "uid-set", "apiVersion": "apps/v1", "resourceVersion": "42"},
    "reason": "SuccessfulCreate", "message": "create Pod web-0 in StatefulSet web successful",
    "type": "Normal", "count": 1, "firstTimestamp": "2026-01-02T03:04:05Z",
    "lastTimestamp": "2026-01-02T03:04:05Z",
    "source": {"component": "statefulset-controller", "host": "node-1"},
    "reportingComponent": "statefulset-controller", "reportingInstance": "",
    "eventTime": null, "action": "Create"
  })");
}

inline Json rich_namespace() {
  return Json::parse(R"({
    "apiVersion": "v1", "kind": "Namespace",
    "metadata": {"name": "test", "labels": {"kubernetes.io/metadata.name": "test"}},
    "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}
  })");
}

inline Json rich_controller_revision() {
  return Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "ControllerRevision",
    "metadata": {"name": "web-7c9b8f6d5", "namespace": "test",
                 "labels": {"controller.kubernetes.io/hash": "7c9b8f6d5"}},
    "data": {"spec": {"template": {"$patch": "replace", "spec": {"containers": []}}}},
    "revision": 3
  })");
}

}  // namespace ordinal::identity
