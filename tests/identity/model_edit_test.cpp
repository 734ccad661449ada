// A change to a typed field changes exactly that field of the stored document; clearing a field
// removes it; objects built from nothing contain only what was set.
#include <gtest/gtest.h>

#include <string>

#include "identity/endpoint_slice.hpp"
#include "identity/model_documents.hpp"
#include "identity/persistent_volume.hpp"
#include "identity/pod.hpp"
#include "identity/service.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::identity {
namespace {

// The JSON patch from `before` to `after` must be exactly one operation.
void expect_one_change(const Json& before, const Json& after, const std::string& op,
                       const std::string& path) {
  const Json patch = Json::diff(before, after);
  ASSERT_EQ(patch.size(), 1U) << patch.dump(2);
  EXPECT_EQ(patch[0]["op"], op) << patch.dump(2);
  EXPECT_EQ(patch[0]["path"], path) << patch.dump(2);
}

TEST(ModelEdit, SetImageChangesOnlyThatContainersImage) {
  const Json before = rich_stateful_set();
  StatefulSet set = StatefulSet::from_json(before);
  set.spec.pod_template.spec.find_container("nginx")->image = "nginx:1.26";
  const Json after = set.to_json();
  expect_one_change(before, after, "replace", "/spec/template/spec/containers/0/image");
  EXPECT_EQ(after["spec"]["template"]["spec"]["containers"][0]["resources"],
            before["spec"]["template"]["spec"]["containers"][0]["resources"]);
}

TEST(ModelEdit, ScaleChangesOnlyReplicas) {
  const Json before = rich_stateful_set();
  StatefulSet set = StatefulSet::from_json(before);
  set.spec.replicas = 5;
  expect_one_change(before, set.to_json(), "replace", "/spec/replicas");
}

TEST(ModelEdit, StatusCountersChangeOneByOne) {
  const Json before = rich_stateful_set();
  StatefulSet set = StatefulSet::from_json(before);
  set.status.ready_replicas = 3;
  expect_one_change(before, set.to_json(), "replace", "/status/readyReplicas");
}

TEST(ModelEdit, AddingALabelAddsOnlyThatLabel) {
  const Json before = rich_pod();
  Pod pod = Pod::from_json(before);
  pod.metadata.labels["controller-revision-hash"] = "web-7c9b8f6d5";
  expect_one_change(before, pod.to_json(), "add", "/metadata/labels/controller-revision-hash");
}

TEST(ModelEdit, ReadyConditionFlipKeepsOtherConditionFields) {
  const Json before = rich_pod();
  Pod pod = Pod::from_json(before);
  EXPECT_FALSE(set_condition(pod.status.conditions, "Ready", "True", "2030-01-01T00:00:00Z"))
      << "same status, reason and message: nothing changed";
  EXPECT_EQ(pod.ready_condition()->last_transition_time, "2026-01-02T03:04:09Z")
      << "no transition: the time stays";
  EXPECT_TRUE(set_condition(pod.status.conditions, "Ready", "False", "2030-01-01T00:00:00Z"));
  EXPECT_FALSE(pod.is_ready());
  const Json after = pod.to_json();
  const Json patch = Json::diff(before, after);
  ASSERT_EQ(patch.size(), 2U) << patch.dump(2);
  EXPECT_EQ(after["status"]["conditions"][0], before["status"]["conditions"][0])
      << "PodScheduled and its lastProbeTime are untouched";
}

TEST(ModelEdit, NewConditionIsAppended) {
  Pod pod;
  EXPECT_EQ(pod.ready_condition(), nullptr);
  EXPECT_FALSE(pod.is_ready());
  set_condition(pod.status.conditions, "Ready", "True", "2030-01-01T00:00:00Z");
  EXPECT_TRUE(pod.is_ready());
  EXPECT_FALSE(pod.is_running_and_ready()) << "no phase yet";
  EXPECT_EQ(
      pod.to_json()["status"]["conditions"][0],
      (Json{
          {"type", "Ready"}, {"status", "True"}, {"lastTransitionTime", "2030-01-01T00:00:00Z"}}));
}

TEST(ModelEdit, ClearingOptionalFieldsErasesThem) {
  StatefulSet set = StatefulSet::from_json(rich_stateful_set());
  set.spec.replicas.reset();
  set.spec.ordinals_start.reset();
  set.spec.update_strategy.rolling_update.reset();
  set.metadata.labels.clear();
  set.metadata.finalizers.clear();
  set.spec.pod_template.spec.containers[0].command.clear();
  set.spec.pod_template.spec.containers[0].readiness_probe = nullptr;
  set.spec.service_name.clear();
  const Json after = set.to_json();
  EXPECT_FALSE(after["spec"].contains("replicas"));
  EXPECT_EQ(after["spec"]["ordinals"], Json::object()) << "only the modelled start is erased";
  EXPECT_EQ(after["spec"]["updateStrategy"], (Json{{"type", "RollingUpdate"}}));
  EXPECT_FALSE(after["metadata"].contains("labels"));
  EXPECT_FALSE(after["metadata"].contains("finalizers"));
  EXPECT_FALSE(after["spec"].contains("serviceName"));
  const Json& container = after["spec"]["template"]["spec"]["containers"][0];
  EXPECT_FALSE(container.contains("command"));
  EXPECT_FALSE(container.contains("readinessProbe"));
  EXPECT_TRUE(container.contains("livenessProbe"));
  EXPECT_TRUE(container.contains("securityContext"));
}

TEST(ModelEdit, ClearingAClaimRefAndATargetRef) {
  PersistentVolume volume = PersistentVolume::from_json(rich_volume());
  volume.spec.claim_ref.reset();
  expect_one_change(rich_volume(), volume.to_json(), "remove", "/spec/claimRef");
  EndpointSlice slice = EndpointSlice::from_json(rich_endpoint_slice());
  slice.endpoints[0].target_ref.reset();
  slice.endpoints[0].conditions.ready.reset();
  const Json patch = Json::diff(rich_endpoint_slice(), slice.to_json());
  EXPECT_EQ(patch.size(), 2U) << patch.dump(2);
  EXPECT_FALSE(slice.to_json()["endpoints"][0]["conditions"].contains("ready"));
}

TEST(ModelEdit, RollingUpdateBlockPresenceIsKept) {
  // SS-1.7: `type: RollingUpdate` without a block differs from one with an empty block.
  const Json without = {{"spec", {{"updateStrategy", {{"type", "RollingUpdate"}}}}}};
  const Json with_block = {
      {"spec",
       {{"updateStrategy", {{"type", "RollingUpdate"}, {"rollingUpdate", Json::object()}}}}}};
  EXPECT_FALSE(StatefulSet::from_json(without).spec.update_strategy.rolling_update);
  const StatefulSet defaulted = StatefulSet::from_json(with_block);
  ASSERT_TRUE(defaulted.spec.update_strategy.rolling_update);
  EXPECT_FALSE(defaulted.spec.update_strategy.rolling_update->partition);
  EXPECT_EQ(defaulted.to_json(), with_block);

  StatefulSet set = StatefulSet::from_json(without);
  set.spec.update_strategy.rolling_update.emplace();
  EXPECT_EQ(set.to_json(), with_block) << "an empty block is written as {}";
  set.spec.update_strategy.rolling_update->max_unavailable = IntOrString::from_int(2);
  EXPECT_EQ(set.to_json()["spec"]["updateStrategy"]["rollingUpdate"],
            (Json{{"maxUnavailable", 2}}));
}

TEST(ModelEdit, TargetPortSwitchesBetweenNumberAndName) {
  const Json before = rich_service();
  Service service = Service::from_json(before);
  service.spec.ports[0].target_port = IntOrString::from_int(8080);
  const Json after = service.to_json();
  expect_one_change(before, after, "replace", "/spec/ports/0/targetPort");
  EXPECT_EQ(after["spec"]["ports"][0]["targetPort"], 8080);
  EXPECT_EQ(after["spec"]["sessionAffinityConfig"], before["spec"]["sessionAffinityConfig"]);
}

TEST(ModelEdit, PodBuiltFromNothingHoldsOnlyWhatWasSet) {
  // The shape the controller creates (cli.md "Objects the controller maintains", SS-3.2–3.4).
  Pod pod;
  pod.api_version = Pod::kApiVersion;
  pod.kind = Pod::kKind;
  pod.metadata.name = "web-0";
  pod.metadata.ns = "test";
  pod.metadata.labels = {{"statefulset.kubernetes.io/pod-name", "web-0"}};
  OwnerReference& owner = pod.metadata.owner_references.emplace_back();
  owner.api_version = "apps/v1";
  owner.kind = "StatefulSet";
  owner.name = "web";
  owner.uid = "uid-set";
  owner.controller = true;
  pod.spec.hostname = "web-0";
  pod.spec.subdomain = "nginx";
  pod.spec.volumes.push_back(Volume::for_claim("www", "www-web-0"));
  const Json expected = Json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web-0", "namespace": "test",
                 "labels": {"statefulset.kubernetes.io/pod-name": "web-0"},
                 "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet",
                                      "name": "web", "uid": "uid-set", "controller": true}]},
    "spec": {"hostname": "web-0", "subdomain": "nginx",
             "volumes": [{"name": "www", "persistentVolumeClaim": {"claimName": "www-web-0"}}]}
  })");
  EXPECT_EQ(pod.to_json(), expected);
  EXPECT_EQ(pod.metadata.controller_ref()->uid, "uid-set");
  EXPECT_FALSE(pod.is_created());
}

TEST(ModelEdit, ExplicitEmptyValuesAreKeptUnlessChanged) {
  // `storageClassName: ""` (no class) and an absent one (default class) stay distinct.
  Json claim = {{"spec", {{"storageClassName", ""}}}};
  PersistentVolumeClaim view = PersistentVolumeClaim::from_json(claim);
  EXPECT_EQ(view.spec.storage_class_name, "");
  EXPECT_EQ(view.to_json(), claim);
  view.spec.storage_class_name.reset();
  EXPECT_EQ(view.to_json(), (Json{{"spec", Json::object()}}));
  EXPECT_FALSE(PersistentVolumeClaim::from_json(Json::object()).spec.storage_class_name);
}

}  // namespace
}  // namespace ordinal::identity
