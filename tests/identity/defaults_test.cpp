// Defaults as the Kubernetes API server applies them (statefulset.md §1, core/v1 defaults).
#include "identity/defaults.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "identity/defaults_pod.hpp"
#include "identity/manifest.hpp"

namespace ordinal::identity {
namespace {

// The users' example (tests/data/manifests/nginx.yaml), documents in order.
std::vector<Json> example_objects() {
  std::ifstream in(std::string(ORDINAL_SOURCE_DIR) + "/tests/data/manifests/nginx.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<Json> objects;
  for (auto& d : decode_manifests(text.str(), "nginx.yaml").documents) objects.push_back(d.object);
  return objects;
}

Json defaulted(Json object) {
  apply_defaults(object);
  return object;
}

Json minimal_stateful_set() {
  return Json::parse(R"({"apiVersion": "apps/v1", "kind": "StatefulSet",
    "metadata": {"name": "web"},
    "spec": {"selector": {"matchLabels": {"app": "x"}}, "serviceName": "x",
             "template": {"metadata": {"labels": {"app": "x"}},
                          "spec": {"containers": [{"name": "c", "image": "busybox:1.36"}]}}}})");
}

TEST(Defaults, ExampleStatefulSet) {
  const std::vector<Json> objects = example_objects();
  ASSERT_EQ(objects.size(), 3U);
  const Json sts = defaulted(objects[1]);
  const Json& spec = sts["spec"];
  EXPECT_EQ(spec["replicas"], 3) << "set fields are left alone";
  EXPECT_EQ(spec["podManagementPolicy"], "OrderedReady");  // SS-1.6
  EXPECT_EQ(spec["updateStrategy"],                        // SS-1.7, 1.8
            Json::parse(R"({"type": "RollingUpdate", "rollingUpdate": {"partition": 0}})"));
  EXPECT_EQ(spec["revisionHistoryLimit"], 10);             // SS-1.10
  EXPECT_EQ(spec["persistentVolumeClaimRetentionPolicy"],  // SS-1.12
            Json::parse(R"({"whenDeleted": "Retain", "whenScaled": "Retain"})"));
  const Json& pod = spec["template"]["spec"];
  EXPECT_EQ(pod["restartPolicy"], "Always");
  EXPECT_EQ(pod["terminationGracePeriodSeconds"], 10);
  EXPECT_EQ(pod["dnsPolicy"], "ClusterFirst");
  EXPECT_EQ(pod["schedulerName"], "default-scheduler");
  EXPECT_EQ(pod["securityContext"], Json::object());
  const Json& c = pod["containers"][0];
  EXPECT_EQ(c["terminationMessagePath"], "/dev/termination-log");
  EXPECT_EQ(c["terminationMessagePolicy"], "File");
  EXPECT_EQ(c["imagePullPolicy"], "Always") << "image \"nginx\" has no tag";
  EXPECT_EQ(c["ports"][0],
            Json::parse(R"({"containerPort": 80, "name": "web", "protocol": "TCP"})"));
  EXPECT_FALSE(spec.contains("ordinals")) << "nil ordinals means start 0 (SS-1.13)";
}

TEST(Defaults, ExampleServiceAndIngress) {
  const std::vector<Json> objects = example_objects();
  ASSERT_EQ(objects.size(), 3U);
  const Json svc = defaulted(objects[0]);
  EXPECT_EQ(svc["spec"]["type"], "ClusterIP");
  EXPECT_EQ(svc["spec"]["sessionAffinity"], "None");
  EXPECT_EQ(svc["spec"]["ports"][0],
            Json::parse(R"({"port": 80, "name": "web", "protocol": "TCP", "targetPort": 80})"));
  EXPECT_EQ(svc["spec"]["ipFamilyPolicy"], "SingleStack");
  EXPECT_EQ(svc["spec"]["ipFamilies"], Json::array({"IPv4"}));
  EXPECT_EQ(svc["spec"]["clusterIPs"], Json::array({"None"}));
  EXPECT_EQ(svc["spec"]["internalTrafficPolicy"], "Cluster");
  EXPECT_EQ(defaulted(objects[2]), objects[2]) << "Ingress has no defaults";
}

TEST(Defaults, Idempotent) {
  for (const Json& object : example_objects()) {
    const Json once = defaulted(object);
    EXPECT_EQ(defaulted(once), once) << object["kind"];
  }
  const Json once = defaulted(minimal_stateful_set());
  EXPECT_EQ(defaulted(once), once);
}

TEST(Defaults, ReplicasDefaultToOne_SS_1_1) {
  EXPECT_EQ(defaulted(minimal_stateful_set())["spec"]["replicas"], 1);
  Json zero = minimal_stateful_set();
  zero["spec"]["replicas"] = 0;
  EXPECT_EQ(defaulted(zero)["spec"]["replicas"], 0);
}

TEST(Defaults, ExplicitRollingUpdateWithoutBlockStaysNil_SS_1_7) {
  Json sts = minimal_stateful_set();
  sts["spec"]["updateStrategy"] = {{"type", "RollingUpdate"}};
  EXPECT_EQ(defaulted(sts)["spec"]["updateStrategy"], Json({{"type", "RollingUpdate"}}));

  sts["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  EXPECT_EQ(defaulted(sts)["spec"]["updateStrategy"], Json({{"type", "OnDelete"}}));

  sts["spec"]["updateStrategy"] = Json::parse(R"({"rollingUpdate": {"maxUnavailable": 2}})");
  EXPECT_EQ(defaulted(sts)["spec"]["updateStrategy"], Json::parse(R"({"type": "RollingUpdate",
                            "rollingUpdate": {"maxUnavailable": 2, "partition": 0}})"));
}

TEST(Defaults, RetentionPolicyFieldsDefaultIndependently_SS_1_12) {
  Json sts = minimal_stateful_set();
  sts["spec"]["persistentVolumeClaimRetentionPolicy"] = {{"whenDeleted", "Delete"}};
  EXPECT_EQ(defaulted(sts)["spec"]["persistentVolumeClaimRetentionPolicy"],
            Json::parse(R"({"whenDeleted": "Delete", "whenScaled": "Retain"})"));
}

TEST(Defaults, SetFieldsAreLeftAlone) {
  Json sts = minimal_stateful_set();
  sts["spec"]["podManagementPolicy"] = "Parallel";
  sts["spec"]["revisionHistoryLimit"] = -1;
  sts["spec"]["template"]["spec"]["restartPolicy"] = "Never";  // invalid, but not ours to fix
  sts["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = "Never";
  const Json d = defaulted(sts);
  EXPECT_EQ(d["spec"]["podManagementPolicy"], "Parallel");
  EXPECT_EQ(d["spec"]["revisionHistoryLimit"], -1);
  EXPECT_EQ(d["spec"]["template"]["spec"]["restartPolicy"], "Never");
  EXPECT_EQ(d["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"], "Never");
}

TEST(Defaults, ClaimTemplatesLookAsTheApiServerShowsThem) {
  Json sts = minimal_stateful_set();
  sts["spec"]["volumeClaimTemplates"] = Json::parse(R"([{"metadata": {"name": "www"},
      "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}])");
  const Json d = defaulted(sts);
  const Json& claim = d["spec"]["volumeClaimTemplates"][0];
  EXPECT_EQ(claim["apiVersion"], "v1");
  EXPECT_EQ(claim["kind"], "PersistentVolumeClaim");
  EXPECT_EQ(claim["spec"]["volumeMode"], "Filesystem");
  EXPECT_EQ(claim["status"]["phase"], "Pending");
}

TEST(Defaults, ImagePullPolicy) {
  EXPECT_EQ(default_pull_policy("nginx"), "Always");
  EXPECT_EQ(default_pull_policy("nginx:latest"), "Always");
  EXPECT_EQ(default_pull_policy("nginx:1.25"), "IfNotPresent");
  EXPECT_EQ(default_pull_policy("localhost:5000/nginx"), "Always");
  EXPECT_EQ(default_pull_policy("localhost:5000/nginx:1.25"), "IfNotPresent");
  EXPECT_EQ(default_pull_policy("nginx@sha256:abcd"), "IfNotPresent");
}

TEST(Defaults, PodSpecDetails) {
  Json pod = Json::parse(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
    "spec": {"containers": [{"name": "c", "image": "i:1",
               "resources": {"limits": {"cpu": "1", "memory": "1Gi"}},
               "readinessProbe": {"httpGet": {"port": 80}},
               "env": [{"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]}],
             "volumes": [{"name": "a"}, {"name": "b", "configMap": {"name": "cm"}}]}})");
  const Json d = defaulted(pod);
  const Json& c = d["spec"]["containers"][0];
  EXPECT_EQ(c["resources"]["requests"], Json::parse(R"({"cpu": "1", "memory": "1Gi"})"));
  EXPECT_EQ(c["readinessProbe"], Json::parse(R"({"httpGet": {"port": 80, "path": "/",
      "scheme": "HTTP"}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1,
      "failureThreshold": 3})"));
  EXPECT_EQ(c["env"][0]["valueFrom"]["fieldRef"]["apiVersion"], "v1");
  EXPECT_EQ(d["spec"]["volumes"][0], Json::parse(R"({"name": "a", "emptyDir": {}})"));
  EXPECT_EQ(d["spec"]["volumes"][1]["configMap"]["defaultMode"], 420);
  EXPECT_EQ(d["spec"]["enableServiceLinks"], true);
}

TEST(Defaults, OtherKinds) {
  Json svc = Json::parse(R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
    "spec": {"type": "NodePort", "ports": [{"port": 80, "targetPort": "http"}]}})");
  const Json s = defaulted(svc);
  EXPECT_EQ(s["spec"]["ports"][0]["targetPort"], "http");
  EXPECT_EQ(s["spec"]["externalTrafficPolicy"], "Cluster");

  const Json pvc = defaulted(Json::parse(
      R"({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c"},
          "spec": {"accessModes": ["ReadWriteOnce"]}})"));
  EXPECT_EQ(pvc["spec"]["volumeMode"], "Filesystem");
  const Json pv = defaulted(Json::parse(
      R"({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "v"},
          "spec": {"hostPath": {"path": "/x"}}})"));
  EXPECT_EQ(pv["spec"]["persistentVolumeReclaimPolicy"], "Retain");
  EXPECT_EQ(pv["spec"]["volumeMode"], "Filesystem");
  EXPECT_EQ(pv["status"]["phase"], "Pending");
  const Json sc = defaulted(Json::parse(
      R"({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "s"},
          "provisioner": "x"})"));
  EXPECT_EQ(sc["reclaimPolicy"], "Delete");
  EXPECT_EQ(sc["volumeBindingMode"], "Immediate");
  const Json slice = defaulted(Json::parse(
      R"({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "e"},
          "addressType": "IPv4", "ports": [{"port": 80}]})"));
  EXPECT_EQ(slice["ports"][0]["protocol"], "TCP");
  const Json ns = defaulted(
      Json::parse(R"({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}})"));
  EXPECT_EQ(ns["spec"]["finalizers"], Json::array({"kubernetes"}));
  const Json secret = defaulted(
      Json::parse(R"({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}})"));
  EXPECT_EQ(secret["type"], "Opaque");
  const Json unknown = Json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment"})");
  EXPECT_EQ(defaulted(unknown), unknown);
}

}  // namespace
}  // namespace ordinal::identity
