// Validation of new objects with Kubernetes's wording (statefulset.md §1, §16).
#include "identity/validation.hpp"

#include <gtest/gtest.h>

#include "identity/defaults.hpp"
#include "identity/validation_fixtures.hpp"

namespace ordinal::identity {
namespace {

using fixtures::Lines;
using fixtures::messages;
using fixtures::web;

Lines check(const Json& object) {
  return messages(validate_object(object));
}

TEST(Validation, ExampleIsValid) {
  EXPECT_EQ(check(web()), Lines{});
}

TEST(Validation, Replicas_SS_1_1) {
  Json sts = web();
  sts["spec"]["replicas"] = -1;
  EXPECT_EQ(check(sts),
            Lines{"spec.replicas: Invalid value: -1: must be greater than or equal to 0"});
  sts["spec"]["replicas"] = 0;
  EXPECT_EQ(check(sts), Lines{});
}

TEST(Validation, Selector_SS_1_2) {
  Json sts = web();
  sts["spec"].erase("selector");
  EXPECT_EQ(check(sts), Lines{"spec.selector: Required value"});
  sts["spec"]["selector"] = Json::object();
  EXPECT_EQ(check(sts), Lines{"spec.selector: Invalid value: map[string]string{}: empty "
                              "selector is not valid for statefulset."});
  sts["spec"]["selector"] = {{"matchLabels", {{"app", "x"}}}};
  EXPECT_EQ(check(sts), Lines{"spec.template.metadata.labels: Invalid value: "
                              "map[string]string{\"app\":\"nginx\"}: `selector` does not match "
                              "template `labels`"});
  Json unlabeled = sts;
  unlabeled["spec"]["template"]["metadata"].erase("labels");
  EXPECT_EQ(check(unlabeled), Lines{"spec.template.metadata.labels: Invalid value: "
                                    "map[string]string(nil): `selector` does not match template "
                                    "`labels`"});
  sts["spec"]["selector"] = Json::parse(
      R"({"matchExpressions": [{"key": "app", "operator": "In", "values": ["nginx", "web"]}]})");
  EXPECT_EQ(check(sts), Lines{});
  sts["spec"]["selector"]["matchExpressions"][0]["operator"] = "Like";
  EXPECT_EQ(check(sts), Lines{"spec.selector.matchExpressions[0].operator: Invalid value: "
                              "\"Like\": not a valid selector operator"});
}

TEST(Validation, Template_SS_1_3) {
  Json sts = web();
  sts["spec"]["template"]["spec"]["restartPolicy"] = "Never";
  sts["spec"]["template"]["spec"]["activeDeadlineSeconds"] = 30;
  EXPECT_EQ(check(sts),
            (Lines{"spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported "
                   "values: \"Always\"",
                   "spec.template.spec.activeDeadlineSeconds: Invalid value: 30: must not be "
                   "specified"}));
}

TEST(Validation, PodManagementPolicy_SS_1_6) {
  Json sts = web();
  sts["spec"]["podManagementPolicy"] = "Sometimes";
  EXPECT_EQ(check(sts), Lines{"spec.podManagementPolicy: Unsupported value: \"Sometimes\": "
                              "supported values: \"OrderedReady\", \"Parallel\""});
  sts["spec"]["podManagementPolicy"] = "Parallel";
  EXPECT_EQ(check(sts), Lines{});
}

TEST(Validation, UpdateStrategy_SS_1_7_and_16_8) {
  Json sts = web();
  sts["spec"]["updateStrategy"] =
      Json::parse(R"({"type": "OnDelete", "rollingUpdate": {"partition": 0}})");
  EXPECT_EQ(check(sts), Lines{"spec.updateStrategy.rollingUpdate: Invalid value: "
                              "{\"partition\":0}: only allowed for updateStrategy "
                              "'RollingUpdate'"});
  sts["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  EXPECT_EQ(check(sts), Lines{});
  sts["spec"]["updateStrategy"] = {{"type", "Recreate"}};
  EXPECT_EQ(check(sts), Lines{"spec.updateStrategy.type: Unsupported value: \"Recreate\": "
                              "supported values: \"OnDelete\", \"RollingUpdate\""});
  sts["spec"]["updateStrategy"] = {{"type", "RollingUpdate"}};  // no block: valid (SS-1.7)
  EXPECT_EQ(check(sts), Lines{});
}

TEST(Validation, Partition_SS_1_8) {
  Json sts = web();
  sts["spec"]["updateStrategy"]["rollingUpdate"]["partition"] = -1;
  EXPECT_EQ(check(sts), Lines{"spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: "
                              "must be greater than or equal to 0"});
}

TEST(Validation, MaxUnavailable_SS_1_9) {
  const std::string field = "spec.updateStrategy.rollingUpdate.maxUnavailable: ";
  const std::vector<std::pair<Json, Lines>> cases = {
      {2, {}},
      {"50%", {}},
      {"100%", {}},
      {0, {field + "Invalid value: 0: cannot be 0"}},
      {"0%", {field + "Invalid value: \"0%\": cannot be 0"}},
      {-1, {field + "Invalid value: -1: must be greater than or equal to 0"}},
      {"101%", {field + "Invalid value: \"101%\": must not be greater than 100%"}},
      {"half", {field + "Invalid value: \"half\": must be an integer or percentage (e.g '5%')"}},
  };
  for (const auto& [value, expected] : cases) {
    Json sts = web();
    sts["spec"]["updateStrategy"]["rollingUpdate"]["maxUnavailable"] = value;
    EXPECT_EQ(check(sts), expected) << value;
  }
}

TEST(Validation, MinReadySecondsRetentionOrdinals_SS_1_11_to_1_13) {
  Json sts = web();
  sts["spec"]["minReadySeconds"] = -5;
  sts["spec"]["persistentVolumeClaimRetentionPolicy"]["whenScaled"] = "Keep";
  sts["spec"]["ordinals"] = {{"start", -1}};
  EXPECT_EQ(check(sts),
            (Lines{"spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0",
                   "spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "
                   "\"Keep\": supported values: \"Retain\", \"Delete\"",
                   "spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0"}));
  sts = web();
  sts["spec"]["revisionHistoryLimit"] = -1;  // SS-1.10: negative means never trim
  EXPECT_EQ(check(sts), Lines{});
}

TEST(Validation, NameIsDnsLabel_SS_1_15) {
  Json sts = web();
  sts["metadata"]["name"] = "web.v2";
  EXPECT_EQ(check(sts),
            Lines{"metadata.name: Invalid value: \"web.v2\": a lowercase RFC 1123 label must "
                  "consist of lower case alphanumeric characters or '-', and must start and end "
                  "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                  "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"});
  sts["metadata"]["name"] = std::string(64, 'a');
  EXPECT_EQ(check(sts), Lines{"metadata.name: Invalid value: \"" + std::string(64, 'a') +
                              "\": must be no more than 63 characters"});
}

TEST(Validation, NameLeavesRoomForOrdinals_16_10) {
  Json sts = web();
  sts["metadata"]["name"] = std::string(61, 'a');  // a...a-2 is 63 characters
  EXPECT_EQ(check(sts), Lines{});
  sts["spec"]["replicas"] = 11;  // a...a-10 would be 64
  EXPECT_EQ(check(sts), Lines{"metadata.name: Invalid value: \"" + std::string(61, 'a') +
                              "\": must be no more than 60 characters, so that the name of pod "
                              "10 (<name>-10) is at most 63 characters"});
  sts["spec"]["replicas"] = 1;
  sts["spec"]["ordinals"] = {{"start", 100}};  // a...a-100
  EXPECT_EQ(check(sts).size(), 1U);
}

TEST(Validation, Status_SS_2_4) {
  Json sts = web();
  sts["status"] = Json::parse(R"({"replicas": 2, "readyReplicas": 3, "availableReplicas": 3,
                                  "currentReplicas": -1})");
  EXPECT_EQ(check(sts),
            (Lines{"status.currentReplicas: Invalid value: -1: must be greater than or equal to 0",
                   "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas",
                   "status.availableReplicas: Invalid value: 3: cannot be greater than "
                   "status.replicas"}));
}

TEST(Validation, Containers) {
  Json sts = web();
  Json& containers = sts["spec"]["template"]["spec"]["containers"];
  containers.push_back({{"name", "nginx"},
                        {"imagePullPolicy", "Always"},
                        {"terminationMessagePolicy", "File"},
                        {"ports", Json::parse(R"([{"containerPort": 70000, "protocol": "tcp",
                          "name": "a-very-long-port-name"}, {"containerPort": 0}])")}});
  containers.push_back({{"image", "x"}, {"imagePullPolicy", "Sometimes"}});
  EXPECT_EQ(check(sts),
            (Lines{"spec.template.spec.containers[1].name: Duplicate value: \"nginx\"",
                   "spec.template.spec.containers[1].image: Required value",
                   "spec.template.spec.containers[1].ports[0].name: Invalid value: "
                   "\"a-very-long-port-name\": must be no more than 15 characters",
                   "spec.template.spec.containers[1].ports[0].containerPort: Invalid value: "
                   "70000: must be between 1 and 65535, inclusive",
                   "spec.template.spec.containers[1].ports[0].protocol: Unsupported value: "
                   "\"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                   "spec.template.spec.containers[1].ports[1].containerPort: Required value",
                   "spec.template.spec.containers[1].ports[1].protocol: Required value",
                   "spec.template.spec.containers[2].name: Required value",
                   "spec.template.spec.containers[2].imagePullPolicy: Unsupported value: "
                   "\"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"",
                   "spec.template.spec.containers[2].terminationMessagePolicy: Required value: "
                   "must be 'File' or 'FallbackToLogsOnError'"}))
      << "containers[2] was added after defaulting";
}

TEST(Validation, MountsNeedAVolumeOrClaimTemplate) {
  Json sts = web();
  sts["spec"]["volumeClaimTemplates"][0]["metadata"]["name"] = "data";
  EXPECT_EQ(check(sts), Lines{"spec.template.spec.containers[0].volumeMounts[0].name: Not "
                              "found: \"www\""});
  sts["spec"]["template"]["spec"]["volumes"] = {{{"name", "www"}, {"emptyDir", Json::object()}}};
  EXPECT_EQ(check(sts), Lines{});
}

TEST(Validation, LabelsAndNamespace) {
  Json sts = web();
  sts["metadata"]["labels"] = {{"bad key", "v"}, {"ok", "bad value!"}};
  EXPECT_EQ(check(sts).size(), 2U);
  EXPECT_EQ(check(sts)[0].rfind("metadata.labels: Invalid value: \"bad key\": name part must "
                                "consist of alphanumeric characters",
                                0),
            0U);
  Json sc = Json::parse(R"({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
    "metadata": {"name": "fast", "namespace": "test"}, "provisioner": "x"})");
  apply_defaults(sc);
  EXPECT_EQ(check(sc), Lines{"metadata.namespace: Forbidden: not allowed on this type"});
}

TEST(Validation, Services) {
  Json svc = Json::parse(R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "1db"},
    "spec": {"type": "Balanced", "ports": [{"port": 80, "name": "web"}, {"port": 81, "name": "web"},
                                           {"port": 0}]}})");
  apply_defaults(svc);
  EXPECT_EQ(
      check(svc),
      (Lines{"metadata.name: Invalid value: \"1db\": a DNS-1035 label must consist of lower "
             "case alphanumeric characters or '-', start with an alphabetic character, and "
             "end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used "
             "for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
             "spec.type: Unsupported value: \"Balanced\": supported values: \"ClusterIP\", "
             "\"ExternalName\", \"LoadBalancer\", \"NodePort\"",
             "spec.ports[1].name: Duplicate value: \"web\"", "spec.ports[2].name: Required value",
             "spec.ports[2].port: Invalid value: 0: must be between 1 and 65535, inclusive",
             "spec.ports[2].targetPort: Invalid value: 0: must be between 1 and 65535, "
             "inclusive"}));
  Json plain = Json::parse(R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"},
    "spec": {"selector": {"app": "x"}}})");
  apply_defaults(plain);
  EXPECT_EQ(check(plain), Lines{"spec.ports: Required value"});
  plain["spec"]["clusterIP"] = "None";  // headless services may have no ports
  EXPECT_EQ(check(plain), Lines{});
  plain["spec"]["clusterIP"] = "10.0.0.300";
  EXPECT_EQ(check(plain), (Lines{"spec.ports: Required value",
                                 "spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a "
                                 "valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"}));
}

TEST(Validation, ClaimsAndRevisions) {
  Json pvc = Json::parse(R"({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
    "metadata": {"name": "c"}, "spec": {"accessModes": ["ReadWriteSometimes"]}})");
  apply_defaults(pvc);
  EXPECT_EQ(check(pvc), (Lines{"spec.accessModes: Unsupported value: \"ReadWriteSometimes\": "
                               "supported values: \"ReadOnlyMany\", \"ReadWriteMany\", "
                               "\"ReadWriteOnce\", \"ReadWriteOncePod\"",
                               "spec.resources[storage]: Required value"}));
  Json rev = Json::parse(R"({"apiVersion": "apps/v1", "kind": "ControllerRevision",
    "metadata": {"name": "web-abc"}, "revision": -1})");
  EXPECT_EQ(check(rev), (Lines{"data: Required value: data is mandatory",
                               "revision: Invalid value: -1: must be greater than or equal to 0"}));
}

}  // namespace
}  // namespace ordinal::identity
