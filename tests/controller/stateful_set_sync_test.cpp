// The StatefulSet controller as a Reconciler: change mapping (SS-5.5), adoption and release
// (SS-5.2/5.3), repairs (§9), injected write failures and bad selectors.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "set_harness.hpp"

namespace ordinal::controller {
namespace {

using testing::FakeObjectManager;
using testing::Json;
using testing::kOrdered;
using testing::kParallel;
using testing::Policy;
using testing::policy_name;
using testing::SetHarness;
using testing::sts;

std::set<std::string> keys_for(
    SetHarness& h, const Json& object,
    identity::WatchEvent::Type type = identity::WatchEvent::Type::Added) {
  testing::KeysSeen keys;
  identity::WatchEvent event;
  event.type = type;
  event.object = std::make_shared<const Json>(object);
  h.controller().on_change(event, keys);
  return keys.keys;
}

Json owned_pod_json(const std::string& name, const Json& labels,
                    const Json& owners = Json::array()) {
  return {
      {"apiVersion", "v1"},
      {"kind", "Pod"},
      {"metadata",
       {{"name", name}, {"namespace", "default"}, {"labels", labels}, {"ownerReferences", owners}}},
      {"spec", {{"containers", {{{"name", "c"}, {"image", "busybox"}}}}}},
      {"status", {{"phase", "Pending"}}}};
}

TEST(StatefulSetController, NameAndKinds) {
  FakeObjectManager objects;
  StatefulSetController controller(objects);
  EXPECT_EQ(controller.name(), "statefulset");
  EXPECT_EQ(controller.watched_kinds(),
            (std::vector<std::string>{"StatefulSet", "Pod", "PersistentVolumeClaim",
                                      "ControllerRevision"}));
}

// SS-5.5: which sets a change wakes up.
TEST(StatefulSetController, OnChangeMapsToSetKeys_SS_5_5) {
  SetHarness h(sts(1, kOrdered));
  ASSERT_FALSE(h.pass().error);
  const Json set = **h.objects().get({"StatefulSet", "default", "web"});
  EXPECT_EQ(keys_for(h, set), std::set<std::string>{"default/web"});
  const Json owned = **h.objects().get({"Pod", "default", "web-0"});
  EXPECT_EQ(keys_for(h, owned, identity::WatchEvent::Type::Deleted),
            std::set<std::string>{"default/web"});
  // An orphan wakes every set whose selector matches it; a pod of another controller none.
  EXPECT_EQ(keys_for(h, owned_pod_json("web-7", {{"app", "web"}})),
            std::set<std::string>{"default/web"});
  EXPECT_TRUE(keys_for(h, owned_pod_json("db-0", {{"app", "db"}})).empty());
  const Json foreign = owned_pod_json("web-8", {{"app", "web"}},
                                      Json::array({{{"apiVersion", "apps/v1"},
                                                    {"kind", "ReplicaSet"},
                                                    {"name", "rs"},
                                                    {"uid", "u"},
                                                    {"controller", true}}}));
  EXPECT_TRUE(keys_for(h, foreign).empty());
  // Claims carry the selector's labels (SS-4.2).
  const Json claim = **h.objects().get({"PersistentVolumeClaim", "default", "www-web-0"});
  EXPECT_EQ(keys_for(h, claim), std::set<std::string>{"default/web"});
  const auto revision = h.revisions().at(0).to_json();
  EXPECT_EQ(keys_for(h, revision), std::set<std::string>{"default/web"});
}

TEST(StatefulSetController, MissingSetIsDone) {
  FakeObjectManager objects;
  StatefulSetController controller(objects);
  const SyncOutcome outcome = controller.sync("default/nothing", objects.clock().now());
  EXPECT_FALSE(outcome.error);
  EXPECT_FALSE(outcome.requeue_after);
  EXPECT_TRUE(objects.writes().empty());
}

// SS-1.2: a set without a usable selector gets a warning and no pods.
TEST(StatefulSetController, BadSelectorWarnsAndCreatesNothing_SS_1_2) {
  Json json = sts(2, kOrdered);
  json["spec"]["selector"] = {{"matchLabels", {{"app", "other"}}}};
  SetHarness h(json);
  h.skip_invariants();
  const SyncOutcome outcome = h.pass();
  EXPECT_FALSE(outcome.error);
  EXPECT_EQ(h.pod_names(), "");
  EXPECT_EQ(h.events("InvalidSelector").size(), 1U);
  h.edit([](Json& set) { set["spec"]["selector"] = Json::object(); });
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "");
  EXPECT_EQ(h.events("SelectingAll").size(), 1U);
}

class Sync : public ::testing::TestWithParam<Policy> {};

// SS-5.2: a matching orphan is adopted (not recreated); a pod whose name does not match is not.
TEST_P(Sync, AdoptsMatchingOrphans_SS_5_2) {
  SetHarness h(sts(2, GetParam()));
  // An orphan left behind by an earlier set of this name, with its storage (SS-14.2).
  Json left_behind = owned_pod_json("web-0", {{"app", "web"}});
  left_behind["spec"]["volumes"] = {
      {{"name", "www"}, {"persistentVolumeClaim", {{"claimName", "www-web-0"}}}}};
  auto orphan = h.objects().create(left_behind);
  ASSERT_TRUE(orphan);
  ASSERT_TRUE(h.objects().create(owned_pod_json("webby-0", {{"app", "web"}})));
  h.run_ready("web-0");
  ASSERT_FALSE(h.pass().error);
  const auto adopted = h.pod("web-0");
  EXPECT_EQ(adopted->metadata.uid, identity::metadata_string(**orphan, "uid"));
  ASSERT_NE(adopted->metadata.controller_ref(), nullptr);
  EXPECT_EQ(adopted->metadata.controller_ref()->uid, h.set().metadata.uid);
  // The identity repair (SS-9.1) adds the identity labels in the same pass.
  EXPECT_EQ(adopted->metadata.label("statefulset.kubernetes.io/pod-name"), "web-0");
  EXPECT_TRUE(h.pod("webby-0")->metadata.owner_references.empty());
  EXPECT_TRUE(h.pod("web-1")) << "web-0 counts as Running+Ready, so web-1 follows";
  EXPECT_EQ(h.set().status.replicas, 1) << "web-1 was only planned when the pass counted";
  // Without a revision label the adopted pod is outdated (SS-11.2) and rolled like any other.
  h.settle();
  EXPECT_EQ(h.revision_of("web-0"), h.set().status.update_revision);
  EXPECT_EQ(h.set().status.replicas, 2);
}

// SS-5.3, SS-10.1: a pod that stops matching is released; its name stays taken, so creating
// the replacement fails with AlreadyExists until the user moves the pod away.
TEST_P(Sync, ReleasesPodsThatStopMatching_SS_5_3_SS_10_1) {
  SetHarness h(sts(2, GetParam()));
  h.settle();
  h.skip_invariants();
  Json pod = **h.objects().get({"Pod", "default", "web-1"});
  pod["metadata"]["labels"]["app"] = "debug";
  ASSERT_TRUE(h.objects().update(pod));
  const SyncOutcome outcome = h.pass();
  EXPECT_TRUE(h.pod("web-1")->metadata.owner_references.empty()) << "released";
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->reason, "AlreadyExists");
  ASSERT_TRUE(h.objects().remove({"Pod", "default", "web-1"}, {0, {}, {}}));
  ASSERT_FALSE(h.pass().error);
  ASSERT_TRUE(h.pod("web-1"));
  EXPECT_EQ(h.pod("web-1")->metadata.label("app"), "web");
}

// SS-10.1: a pod of another controller holding the name is never touched; creation fails.
TEST_P(Sync, ForeignPodHoldingNameIsAnError_SS_10_1) {
  SetHarness h(sts(1, GetParam()));
  h.skip_invariants();
  ASSERT_TRUE(h.objects().create(owned_pod_json("web-0", {{"app", "web"}},
                                                Json::array({{{"apiVersion", "apps/v1"},
                                                              {"kind", "ReplicaSet"},
                                                              {"name", "rs"},
                                                              {"uid", "uid-rs"},
                                                              {"controller", true}}}))));
  const SyncOutcome outcome = h.pass();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->reason, "AlreadyExists");
  EXPECT_EQ(h.pod("web-0")->metadata.controller_ref()->uid, "uid-rs");
}

// Injected failures: the error is returned (and recorded), a later pass recovers.
TEST_P(Sync, CreateFailureThenRecovery_SS_6_14) {
  SetHarness h(sts(2, GetParam()));
  h.objects().fail_next(FakeObjectManager::Verb::Create, "Pod",
                        identity::internal_error("disk on fire"));
  const SyncOutcome failed = h.pass();
  ASSERT_TRUE(failed.error);
  EXPECT_EQ(failed.error->message, "disk on fire");
  ASSERT_FALSE(h.events("FailedCreate").empty());
  EXPECT_EQ(h.events("FailedCreate")[0],
            "create Pod web-0 in StatefulSet web failed error: disk on fire");
  // Burst mode stops after the failed batch (of one): web-1 was not attempted either.
  EXPECT_EQ(h.pod_names(), "");
  EXPECT_TRUE(h.claim("www-web-0")) << "the claim came first";
  h.settle();
  EXPECT_EQ(h.pod_names(), "web-0 web-1");
}

TEST_P(Sync, ClaimCreateFailureKeepsPodOut_SS_4_5) {
  SetHarness h(sts(1, GetParam()));
  h.objects().fail_next(FakeObjectManager::Verb::Create, "PersistentVolumeClaim",
                        identity::internal_error("quota"));
  ASSERT_TRUE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "");
  EXPECT_EQ(h.events("FailedCreate").size(), 2U);  // the claim, then the pod
  h.settle();
  EXPECT_EQ(h.pod_names(), "web-0");
}

TEST_P(Sync, DeleteFailureThenRecovery_SS_6_14) {
  SetHarness h(sts(2, GetParam()));
  h.settle();
  h.scale(1);
  h.objects().fail_next(FakeObjectManager::Verb::Remove, "Pod",
                        identity::internal_error("node gone"));
  const SyncOutcome failed = h.pass();
  ASSERT_TRUE(failed.error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1");
  EXPECT_EQ(
      h.events("FailedDelete"),
      std::vector<std::string>{"delete Pod web-1 in StatefulSet web failed error: node gone"});
  EXPECT_EQ(h.set().status.replicas, 2) << "status still written (SS-6.14)";
  h.settle();
  EXPECT_EQ(h.pod_names(), "web-0");
}

// SS-6.14: a failed status write fails the pass; the next one writes it.
TEST_P(Sync, StatusWriteFailure_SS_6_14) {
  SetHarness h(sts(1, GetParam()));
  h.objects().fail_next(FakeObjectManager::Verb::Update, "StatefulSet",
                        identity::internal_error("busy"));
  EXPECT_TRUE(h.pass().error);
  h.settle();
  EXPECT_EQ(h.set().status.replicas, 1);
}

// SS-9.1: a lost identity label is put back with one pod update.
TEST_P(Sync, RepairsIdentityLabels_SS_9_1) {
  SetHarness h(sts(2, GetParam()));
  h.settle();
  Json pod = **h.objects().get({"Pod", "default", "web-0"});
  pod["metadata"]["labels"].erase("statefulset.kubernetes.io/pod-name");
  pod["metadata"]["labels"]["apps.kubernetes.io/pod-index"] = "9";
  ASSERT_TRUE(h.objects().update(pod));
  const std::string uid = h.pod("web-0")->metadata.uid;
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.object_writes(), std::vector<std::string>{"update Pod default/web-0"});
  EXPECT_EQ(h.pod("web-0")->metadata.label("statefulset.kubernetes.io/pod-name"), "web-0");
  EXPECT_EQ(h.pod("web-0")->metadata.label("apps.kubernetes.io/pod-index"), "0");
  EXPECT_EQ(h.pod("web-0")->metadata.uid, uid) << "SS-9.3: never recreated";
  EXPECT_EQ(h.events("SuccessfulUpdate"),
            std::vector<std::string>{"update Pod web-0 in StatefulSet web successful"});
}

// SS-9.2: pod volumes cannot change, so storage drift is reported, not repaired.
TEST_P(Sync, ReportsStorageDrift_SS_9_2) {
  SetHarness h(sts(1, GetParam()));
  h.settle();
  Json pod = **h.objects().get({"Pod", "default", "web-0"});
  pod["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"] = "somebody-elses";
  ASSERT_TRUE(h.objects().update(pod));
  const SyncOutcome outcome = h.pass();
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->code, 422);
  EXPECT_EQ(h.object_writes(), std::vector<std::string>{});
  ASSERT_EQ(h.events("FailedUpdate").size(), 1U);
  EXPECT_NE(h.events("FailedUpdate")[0].find("update Pod web-0 in StatefulSet web failed"),
            std::string::npos);
}

// SS-5.2: orphaned revisions matching the selector are adopted and reused.
TEST_P(Sync, AdoptsOrphanRevisions_SS_5_2) {
  SetHarness h(sts(1, GetParam()));
  h.settle();
  const std::string name = h.set().status.update_revision;
  Json revision = **h.objects().get({"ControllerRevision", "default", name});
  revision["metadata"]["ownerReferences"] = Json::array();
  ASSERT_TRUE(h.objects().update(revision));
  ASSERT_FALSE(h.pass().error);
  const auto adopted = identity::ControllerRevision::from_json(
      **h.objects().get({"ControllerRevision", "default", name}));
  ASSERT_NE(adopted.metadata.controller_ref(), nullptr);
  EXPECT_EQ(adopted.metadata.controller_ref()->uid, h.set().metadata.uid);
  EXPECT_EQ(h.revisions().size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Policies, Sync, ::testing::Values(kOrdered, kParallel), policy_name);

}  // namespace
}  // namespace ordinal::controller
