// What the zone reads from a Pod and a StatefulSet: each field by the rule of the typed view
// (identity::Pod, identity::StatefulSet) that the controllers use, so that DNS and the
// controllers never disagree about whether a pod is ready or which set owns it (dns.md §2.4,
// statefulset.md §0).
#include "zones/zone_inputs.hpp"

#include <gtest/gtest.h>

#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::zones {
namespace {

using identity::Json;

Json pod() {
  return Json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web-1", "namespace": "test", "uid": "u-1",
                 "labels": {"controller-revision-hash": "web-7d9", "app": "nginx"},
                 "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet",
                                      "name": "web", "uid": "s-1", "controller": true}]},
    "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]},
    "status": {"phase": "Running", "podIP": "10.128.0.7",
               "conditions": [{"type": "Initialized", "status": "True"},
                              {"type": "Ready", "status": "True"}]}})");
}

/// The typed view's answer for each field pod_from_json reads.
PodInfo through_typed_view(const Json& object) {
  const auto typed = identity::Pod::from_json(object);
  PodInfo info;
  info.ns = typed.metadata.ns;
  info.name = typed.metadata.name;
  info.ip = typed.status.pod_ip;
  info.terminating = typed.is_terminating();
  info.ready = typed.is_ready();
  info.terminal = typed.status.phase == "Succeeded" || typed.status.phase == "Failed";
  info.uid = typed.metadata.uid;
  if (const auto* owner = typed.metadata.controller_ref(); owner && owner->kind == "StatefulSet")
    info.set = owner->name;
  info.revision = typed.metadata.label("controller-revision-hash");
  return info;
}

TEST(ZoneInputs, ReadsAReadyPodOfAStatefulSet) {
  const auto info = pod_from_json(pod());
  ASSERT_TRUE(info);
  EXPECT_EQ(info->ns, "test");
  EXPECT_EQ(info->name, "web-1");
  EXPECT_EQ(info->ip, "10.128.0.7");
  EXPECT_TRUE(info->ready);
  EXPECT_FALSE(info->terminating);
  EXPECT_FALSE(info->terminal);
  EXPECT_EQ(info->uid, "u-1");
  EXPECT_EQ(info->set, "web");
  EXPECT_EQ(info->revision, "web-7d9");
}

TEST(ZoneInputs, PodFieldsFollowTheTypedView) {
  std::vector<std::pair<const char*, Json>> cases;
  auto with = [&](const char* what, auto change) {
    Json object = pod();
    change(object);
    cases.emplace_back(what, std::move(object));
  };
  with("as read", [](Json&) {});
  with("not ready", [](Json& o) { o["status"]["conditions"][1]["status"] = "False"; });
  with("the first Ready condition counts", [](Json& o) {
    o["status"]["conditions"].push_back({{"type", "Ready"}, {"status", "True"}});
    o["status"]["conditions"][1]["status"] = "False";
  });
  with("no conditions", [](Json& o) { o["status"].erase("conditions"); });
  with("conditions not a list", [](Json& o) { o["status"]["conditions"] = "Ready"; });
  with("a condition not an object", [](Json& o) { o["status"]["conditions"][0] = 7; });
  with("terminating", [](Json& o) { o["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z"; });
  with("succeeded", [](Json& o) { o["status"]["phase"] = "Succeeded"; });
  with("failed", [](Json& o) { o["status"]["phase"] = "Failed"; });
  with("owner not the controller",
       [](Json& o) { o["metadata"]["ownerReferences"][0].erase("controller"); });
  with("controller not a StatefulSet",
       [](Json& o) { o["metadata"]["ownerReferences"][0]["kind"] = "ReplicaSet"; });
  with("the first controller counts", [](Json& o) {
    o["metadata"]["ownerReferences"].insert(
        o["metadata"]["ownerReferences"].begin(),
        Json{{"kind", "ReplicaSet"}, {"name", "rs"}, {"controller", true}});
  });
  with("controller as a string",
       [](Json& o) { o["metadata"]["ownerReferences"][0]["controller"] = "true"; });
  with("label not a string",
       [](Json& o) { o["metadata"]["labels"]["controller-revision-hash"] = 3; });
  with("no status", [](Json& o) { o.erase("status"); });
  with("podIP not a string", [](Json& o) { o["status"]["podIP"] = 10; });
  for (const auto& [what, object] : cases) {
    const auto info = pod_from_json(object);
    ASSERT_TRUE(info) << what;
    EXPECT_EQ(*info, through_typed_view(object)) << what;
  }
}

TEST(ZoneInputs, APodWithoutNameOrNamespaceIsSkipped) {
  Json nameless = pod();
  nameless["metadata"].erase("name");
  EXPECT_FALSE(pod_from_json(nameless));
  Json no_namespace = pod();
  no_namespace["metadata"]["namespace"] = "";
  EXPECT_FALSE(pod_from_json(no_namespace));
  EXPECT_FALSE(pod_from_json(Json::array()));
}

TEST(ZoneInputs, StatefulSetDefaultsFollowTheTypedView) {  // statefulset.md §0, SS-1.13
  Json object = Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "StatefulSet",
    "metadata": {"name": "web", "namespace": "test"},
    "spec": {"serviceName": "nginx", "template": {"spec": {"containers": []}}}})");
  auto info = set_from_json(object);
  ASSERT_TRUE(info);
  const auto typed = identity::StatefulSet::from_json(object);
  EXPECT_EQ(info->service_name, "nginx");
  EXPECT_EQ(info->replicas, typed.desired_replicas());
  EXPECT_EQ(info->replicas, 1);
  EXPECT_EQ(info->ordinals_start, typed.start_ordinal());
  EXPECT_EQ(info->ready_replicas, 0);

  object["spec"]["replicas"] = 5;
  object["spec"]["ordinals"] = {{"start", 3}};
  object["status"] = {{"readyReplicas", 2}};
  info = set_from_json(object);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->replicas, 5);
  EXPECT_EQ(info->ordinals_start, 3);
  EXPECT_EQ(info->ready_replicas, 2);

  object["spec"]["replicas"] = "5";  // mistyped: unset, as the typed view reads it
  info = set_from_json(object);
  EXPECT_EQ(info->replicas, identity::StatefulSet::from_json(object).desired_replicas());

  object["metadata"].erase("namespace");
  EXPECT_FALSE(set_from_json(object));
}

}  // namespace
}  // namespace ordinal::zones
