// The field tree: real manifests pass, typos and wrong types are caught, unknown fields can be
// pruned, and near names are suggested.
#include "identity/schema.hpp"

#include <gtest/gtest.h>

#include "identity/kinds.hpp"
#include "identity/schema_tree.hpp"
#include "identity/suggest.hpp"

namespace ordinal::identity {
namespace {

// Each cause with its reason, which these tests check too (fixtures::messages leaves it out).
std::vector<std::string> cause_lines(const std::vector<StatusCause>& causes) {
  std::vector<std::string> out;
  for (const auto& c : causes) out.push_back(c.field + ": " + c.message + " [" + c.reason + "]");
  return out;
}

// A StatefulSet that uses most of what people put in one (as kubectl would send it).
Json rich_stateful_set() {
  return Json::parse(R"({
  "apiVersion": "apps/v1", "kind": "StatefulSet",
  "metadata": {"name": "db", "namespace": "test", "labels": {"app": "db"},
               "annotations": {"note": "x"}, "finalizers": [], "ownerReferences": []},
  "spec": {
    "replicas": 3, "serviceName": "db", "podManagementPolicy": "Parallel",
    "selector": {"matchLabels": {"app": "db"},
                 "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a"]}]},
    "updateStrategy": {"type": "RollingUpdate",
                       "rollingUpdate": {"partition": 1, "maxUnavailable": "50%"}},
    "revisionHistoryLimit": 5, "minReadySeconds": 10, "ordinals": {"start": 1},
    "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Delete", "whenScaled": "Retain"},
    "template": {
      "metadata": {"labels": {"app": "db", "tier": "a"}, "annotations": {"a": "b"}},
      "spec": {
        "terminationGracePeriodSeconds": 10, "serviceAccountName": "db",
        "securityContext": {"fsGroup": 999, "runAsNonRoot": true},
        "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
          {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "kubernetes.io/hostname"}]}},
        "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoSchedule"}],
        "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone",
          "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "db"}}}],
        "nodeSelector": {"disk": "ssd"}, "dnsPolicy": "ClusterFirst", "hostname": "h",
        "subdomain": "db", "priorityClassName": "high", "enableServiceLinks": false,
        "imagePullSecrets": [{"name": "reg"}], "dnsConfig": {"options": [{"name": "ndots", "value": "2"}]},
        "initContainers": [{"name": "init", "image": "busybox", "command": ["sh", "-c", "true"]}],
        "containers": [{
          "name": "db", "image": "postgres:16", "imagePullPolicy": "IfNotPresent",
          "args": ["-c", "x"], "workingDir": "/", "stdin": false, "tty": false,
          "ports": [{"containerPort": 5432, "name": "pg", "protocol": "TCP"}],
          "env": [{"name": "A", "value": "1"},
                  {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                  {"name": "PW", "valueFrom": {"secretKeyRef": {"name": "s", "key": "pw"}}},
                  {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu", "divisor": "1m"}}}],
          "envFrom": [{"configMapRef": {"name": "cm"}, "prefix": "X_"}],
          "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": 1}},
          "volumeMounts": [{"name": "data", "mountPath": "/var/lib/postgresql", "subPath": "pg"},
                           {"name": "conf", "mountPath": "/etc/pg", "readOnly": true}],
          "livenessProbe": {"exec": {"command": ["pg_isready"]}, "initialDelaySeconds": 5},
          "readinessProbe": {"tcpSocket": {"port": "pg"}, "periodSeconds": 2},
          "startupProbe": {"httpGet": {"path": "/", "port": 8080,
                                       "httpHeaders": [{"name": "X", "value": "y"}]},
                           "failureThreshold": 30},
          "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}},
          "securityContext": {"capabilities": {"add": ["NET_ADMIN"]}},
          "terminationMessagePolicy": "FallbackToLogsOnError"}],
        "volumes": [{"name": "conf", "configMap": {"name": "pg", "items": [{"key": "a", "path": "a"}]}},
                    {"name": "tmp", "emptyDir": {"sizeLimit": "1Gi", "medium": "Memory"}},
                    {"name": "sec", "secret": {"secretName": "s", "defaultMode": 256}},
                    {"name": "nfs", "nfs": {"server": "x", "path": "/"}}]
      }
    },
    "volumeClaimTemplates": [{"metadata": {"name": "data", "labels": {"a": "b"}},
      "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
               "resources": {"requests": {"storage": "10Gi"}}}}]
  },
  "status": {"replicas": 3, "readyReplicas": 2, "currentRevision": "db-1", "collisionCount": 0}
})");
}

TEST(Schema, EveryServedKindHasASchema) {
  for (const auto& k : all_kinds()) EXPECT_NE(kind_schema(k.kind), nullptr) << k.kind;
  EXPECT_EQ(kind_schema("Deployment"), nullptr);
}

TEST(Schema, RichStatefulSetPasses) {
  EXPECT_TRUE(check_schema(rich_stateful_set()).empty())
      << ::testing::PrintToString(cause_lines(check_schema(rich_stateful_set())));
}

TEST(Schema, TyposAreUnknownWithSuggestions) {
  Json sts = rich_stateful_set();
  Json& container = sts["spec"]["template"]["spec"]["containers"][0];
  container["imagePulPolicy"] = "Always";
  container.erase("volumeMounts");
  container["volumeMount"] = Json::array();
  sts["spec"]["updateStrategy"]["rollingupdate"] = Json::object();
  sts["spec"]["bogus"] = 1;
  EXPECT_EQ(cause_lines(check_schema(sts)),
            (std::vector<std::string>{
                "spec.bogus: unknown field [FieldValueUnknown]",
                "spec.template.spec.containers[0].imagePulPolicy: unknown field; did you mean "
                "\"imagePullPolicy\"? [FieldValueUnknown]",
                "spec.template.spec.containers[0].volumeMount: unknown field; did you mean "
                "\"volumeMounts\"? [FieldValueUnknown]",
                "spec.updateStrategy.rollingupdate: unknown field; did you mean "
                "\"rollingUpdate\"? [FieldValueUnknown]",
            }));
}

TEST(Schema, WrongTypes) {
  Json sts = rich_stateful_set();
  sts["spec"]["replicas"] = "3";
  sts["spec"]["template"]["spec"]["containers"][0]["ports"] = 80;
  sts["spec"]["template"]["spec"]["containers"][0]["command"] = "sleep 1";
  sts["spec"]["updateStrategy"]["rollingUpdate"]["maxUnavailable"] = true;
  sts["metadata"]["labels"]["app"] = 1;
  EXPECT_EQ(
      cause_lines(check_schema(sts)),
      (std::vector<std::string>{
          "metadata.labels[app]: expected a string, got an integer: 1 [FieldValueTypeInvalid]",
          "spec.replicas: expected an integer, got a string: \"3\" [FieldValueTypeInvalid]",
          "spec.template.spec.containers[0].command: expected a list, got a string: "
          "\"sleep 1\" [FieldValueTypeInvalid]",
          "spec.template.spec.containers[0].ports: expected a list, got an integer: 80 "
          "[FieldValueTypeInvalid]",
          "spec.updateStrategy.rollingUpdate.maxUnavailable: expected an integer or a "
          "string, got a boolean: true [FieldValueTypeInvalid]",
      }));
}

TEST(Schema, RequiredFields) {
  Json sts = rich_stateful_set();
  sts["spec"].erase("selector");
  sts["spec"].erase("serviceName");
  sts["spec"]["template"] = nullptr;  // null counts as missing
  sts["spec"]["template"] = nullptr;
  sts["spec"]["volumeClaimTemplates"][0]["spec"]["selector"] = {
      {"matchExpressions", {{{"operator", "Exists"}}}}};
  EXPECT_EQ(cause_lines(check_schema(sts)),
            (std::vector<std::string>{
                "spec.volumeClaimTemplates[0].spec.selector.matchExpressions[0].key: Required "
                "value [FieldValueRequired]",
                "spec.selector: Required value [FieldValueRequired]",
                "spec.serviceName: Required value [FieldValueRequired]",
                "spec.template: Required value [FieldValueRequired]",
            }));
}

TEST(Schema, ApiVersionAndKind) {
  EXPECT_EQ(cause_lines(check_schema({{"apiVersion", "apps/v1beta2"}, {"kind", "StatefulSet"}})),
            std::vector<std::string>{"apiVersion: no matches for kind \"StatefulSet\" in version "
                                     "\"apps/v1beta2\"; use apiVersion \"apps/v1\" "
                                     "[FieldValueNotSupported]"});
  EXPECT_EQ(cause_lines(check_schema({{"apiVersion", "apps/v1"}, {"kind", "Deployment"}})),
            std::vector<std::string>{"kind: no matches for kind \"Deployment\" in version "
                                     "\"apps/v1\" [FieldValueNotSupported]"});
  EXPECT_EQ(cause_lines(check_schema({{"apiVersion", "v1"}, {"kind", "service"}})),
            std::vector<std::string>{"kind: no matches for kind \"service\" in version \"v1\"; "
                                     "did you mean \"Service\"? [FieldValueNotSupported]"});
  EXPECT_EQ(check_schema(Json::array()).size(), 1U);
}

TEST(Schema, IntOrStringAndQuantities) {
  Json svc = {{"apiVersion", "v1"},
              {"kind", "Service"},
              {"metadata", {{"name", "s"}}},
              {"spec",
               {{"ports",
                 {{{"port", 80}, {"targetPort", "http"}}, {{"port", 81}, {"targetPort", 8081}}}}}}};
  EXPECT_TRUE(check_schema(svc).empty());
  Json pvc = {{"apiVersion", "v1"},
              {"kind", "PersistentVolumeClaim"},
              {"metadata", {{"name", "c"}}},
              {"spec", {{"resources", {{"requests", {{"storage", 1073741824}}}}}}}};
  EXPECT_TRUE(check_schema(pvc).empty());
  for (const char* good : {"1Gi", "500Mi", "1.5", "100m", "1e3", "+2k", "0.5Ti"}) {
    pvc["spec"]["resources"]["requests"]["storage"] = good;
    EXPECT_TRUE(check_schema(pvc).empty()) << good;
  }
  for (const char* bad : {"1GB", "one", "", "1Gi "}) {
    pvc["spec"]["resources"]["requests"]["storage"] = bad;
    EXPECT_EQ(check_schema(pvc).size(), 1U) << bad;
  }
}

TEST(Schema, StatusAndOpaqueSubtreesAreAccepted) {
  Json pod = {{"apiVersion", "v1"},
              {"kind", "Pod"},
              {"metadata", {{"name", "p"}}},
              {"spec",
               {{"containers", {{{"name", "c"}, {"image", "i"}}}},
                {"affinity", {{"anything", {{"goes", 1}}}}}}},
              {"status", {{"phase", "Running"}, {"whatever", true}}}};
  EXPECT_TRUE(check_schema(pod).empty());
  Json ingress = {{"apiVersion", "networking.k8s.io/v1"},
                  {"kind", "Ingress"},
                  {"metadata", {{"name", "i"}}},
                  {"spec", {{"rules", {{{"host", "x"}}}}, {"newField", 1}}}};
  EXPECT_TRUE(check_schema(ingress).empty());
  Json revision = {{"apiVersion", "apps/v1"},
                   {"kind", "ControllerRevision"},
                   {"metadata", {{"name", "r"}}},
                   {"data", {{"spec", {{"template", 1}}}}},
                   {"revision", 2}};
  EXPECT_TRUE(check_schema(revision).empty());
}

TEST(Schema, PruneRemovesExactlyTheUnknownFields) {
  Json sts = rich_stateful_set();
  const Json original = sts;
  sts["spec"]["template"]["spec"]["containers"][0]["volumeMount"] = Json::array();
  sts["spec"]["bogus"] = 1;
  sts["spec"]["template"]["spec"]["affinity"]["kept"] = 1;  // inside an opaque subtree
  Json expected = original;
  expected["spec"]["template"]["spec"]["affinity"]["kept"] = 1;
  const std::vector<std::string> removed = prune_unknown_fields(sts);
  EXPECT_EQ(removed, (std::vector<std::string>{"spec.bogus",
                                               "spec.template.spec.containers[0].volumeMount"}));
  EXPECT_EQ(sts, expected);
  EXPECT_TRUE(check_schema(sts).empty());
}

TEST(Suggest, NearNames) {
  EXPECT_EQ(suggest_name("clusterIp", {"clusterIP", "clusterIPs"}), "clusterIP");
  EXPECT_EQ(suggest_name("volumeMount", {"volumeDevices", "volumeMounts"}), "volumeMounts");
  EXPECT_EQ(suggest_name("contianers", {"containers", "initContainers"}), "containers");
  EXPECT_EQ(suggest_name("SERVICENAME", {"serviceName", "selector"}), "serviceName");
  EXPECT_EQ(suggest_name("zzz", {"replicas", "selector"}), std::nullopt);
  EXPECT_EQ(suggest_name("imagee", {"image", "imagePullPolicy"}), "image");
  EXPECT_EQ(edit_distance("ab", "ba"), 1U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(did_you_mean("replica", {"replicas"}), "; did you mean \"replicas\"?");
  EXPECT_EQ(did_you_mean("qqqqqq", {"replicas"}), "");
}

}  // namespace
}  // namespace ordinal::identity
