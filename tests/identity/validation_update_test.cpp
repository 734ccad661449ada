// Immutability and re-validation on update (statefulset.md §2, 16.4).
#include <gtest/gtest.h>

#include "identity/defaults.hpp"
#include "identity/validation.hpp"
#include "identity/validation_fixtures.hpp"

namespace ordinal::identity {
namespace {

using fixtures::Lines;
using fixtures::messages;
using fixtures::web;

const char* const kSpecForbidden =
    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', "
    "'template', 'updateStrategy', 'revisionHistoryLimit', "
    "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

TEST(Validation, ImmutableStatefulSetFields_SS_2_1_and_2_2) {
  const Json old = web();
  std::vector<std::pair<const char*, Json>> changes;
  Json c = old;
  c["spec"]["serviceName"] = "other";
  changes.emplace_back("serviceName", c);
  c = old;
  c["spec"]["selector"]["matchLabels"]["tier"] = "a";
  c["spec"]["template"]["metadata"]["labels"]["tier"] = "a";
  changes.emplace_back("selector", c);
  c = old;
  c["spec"]["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"] = "2Gi";
  changes.emplace_back("volumeClaimTemplates size", c);
  c = old;
  c["spec"]["volumeClaimTemplates"] = Json::array();
  c["spec"]["template"]["spec"]["volumes"] = {{{"name", "www"}, {"emptyDir", Json::object()}}};
  changes.emplace_back("volumeClaimTemplates removed", c);
  c = old;
  c["spec"]["podManagementPolicy"] = "Parallel";
  changes.emplace_back("podManagementPolicy", c);
  for (const auto& [what, updated] : changes)
    EXPECT_EQ(messages(validate_update(old, updated)), Lines{kSpecForbidden}) << what;
}

TEST(Validation, MutableStatefulSetFields_SS_2_1_and_16_4) {
  const Json old = web();
  Json updated = old;
  updated["spec"]["replicas"] = 5;
  updated["spec"]["ordinals"] = {{"start", 2}};
  updated["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27";
  updated["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  updated["spec"]["persistentVolumeClaimRetentionPolicy"]["whenScaled"] = "Delete";
  updated["spec"]["minReadySeconds"] = 5;
  updated["spec"]["revisionHistoryLimit"] = 3;
  updated["metadata"]["labels"] = {{"new", "label"}};
  EXPECT_EQ(messages(validate_update(old, updated)), Lines{});
}

TEST(Validation, UpdatesAreRevalidated_SS_2_3) {
  const Json old = web();
  Json updated = old;
  updated["spec"]["replicas"] = -1;
  updated["spec"]["updateStrategy"]["rollingUpdate"]["maxUnavailable"] = 0;
  EXPECT_EQ(
      messages(validate_update(old, updated)),
      (Lines{"spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0",
             "spec.replicas: Invalid value: -1: must be greater than or equal to 0"}));
}

TEST(Validation, CollisionCountNeverDecreases_SS_2_4) {
  Json old = web();
  old["status"] = {{"replicas", 3}, {"collisionCount", 2}};
  Json updated = old;
  updated["status"]["collisionCount"] = 1;
  EXPECT_EQ(messages(validate_update(old, updated)),
            Lines{"status.collisionCount: Invalid value: 1: cannot be decremented"});
}

TEST(Validation, ControllerRevisionDataIsImmutable_SS_2_5) {
  const Json old = Json::parse(R"({"apiVersion": "apps/v1", "kind": "ControllerRevision",
    "metadata": {"name": "web-abc", "namespace": "test"}, "data": {"spec": {"x": 1}},
    "revision": 1})");
  Json renumbered = old;
  renumbered["revision"] = 4;
  EXPECT_EQ(messages(validate_update(old, renumbered)), Lines{});
  Json changed = old;
  changed["data"]["spec"]["x"] = 2;
  EXPECT_EQ(messages(validate_update(old, changed)),
            Lines{"data: Invalid value: {\"spec\":{\"x\":2}}: field is immutable"});
}

TEST(Validation, NameAndNamespaceAreImmutable) {
  const Json old = web();
  Json renamed = old;
  renamed["metadata"]["name"] = "web2";
  renamed["metadata"]["namespace"] = "prod";
  EXPECT_EQ(messages(validate_update(old, renamed)),
            (Lines{"metadata.name: Invalid value: \"web2\": field is immutable",
                   "metadata.namespace: Invalid value: \"prod\": field is immutable"}));
}

TEST(Validation, ClaimBindingAndPodUpdates) {
  Json pvc = Json::parse(R"({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
    "metadata": {"name": "www-web-0", "namespace": "test"},
    "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}})");
  apply_defaults(pvc);
  Json bound = pvc;
  bound["spec"]["volumeName"] = "pv-1";
  bound["spec"]["resources"]["requests"]["storage"] = "2Gi";
  EXPECT_EQ(messages(validate_update(pvc, bound)), Lines{});
  Json moved = bound;
  moved["spec"]["volumeName"] = "pv-2";
  EXPECT_EQ(messages(validate_update(bound, moved)),
            Lines{"spec: Forbidden: spec is immutable after creation except resources.requests "
                  "and volumeAttributesClassName for bound claims"});

  Json pod = Json::parse(R"({"apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web-0", "namespace": "test"},
    "spec": {"containers": [{"name": "nginx", "image": "nginx:1"}]}})");
  apply_defaults(pod);
  Json scheduled = pod;
  scheduled["spec"]["nodeName"] = "node-1";
  scheduled["spec"]["containers"][0]["image"] = "nginx:2";
  EXPECT_EQ(messages(validate_update(pod, scheduled)), Lines{});
  Json renamed = pod;
  renamed["spec"]["containers"][0]["name"] = "web";
  ASSERT_EQ(validate_update(pod, renamed).size(), 1U);
  EXPECT_EQ(validate_update(pod, renamed)[0].field, "spec");
}

TEST(Validation, ServiceClusterIpStays) {
  Json svc = Json::parse(R"({"apiVersion": "v1", "kind": "Service",
    "metadata": {"name": "db", "namespace": "test"},
    "spec": {"clusterIP": "10.96.0.10", "ports": [{"port": 5432}]}})");
  apply_defaults(svc);
  Json changed = svc;
  changed["spec"]["clusterIP"] = "10.96.0.11";
  changed["spec"]["clusterIPs"] = {"10.96.0.11"};
  EXPECT_EQ(messages(validate_update(svc, changed)),
            Lines{"spec.clusterIPs[0]: Invalid value: \"10.96.0.11\": may not change once set"});
}

}  // namespace
}  // namespace ordinal::identity
