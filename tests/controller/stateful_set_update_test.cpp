// Updates and revisions of the StatefulSet controller (§11, §12): rolling update order,
// partition, OnDelete, rollback, revisions of recreated pods, maxUnavailable and history.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "controller/revision_hash.hpp"
#include "set_harness.hpp"

namespace ordinal::controller {
namespace {

using testing::Json;
using testing::kOrdered;
using testing::kParallel;
using testing::Policy;
using testing::policy_name;
using testing::SetHarness;
using testing::sts;

class Update : public ::testing::TestWithParam<Policy> {};

// Pods deleted for the update, in order, running passes with the kubelet keeping up.
std::vector<std::string> update_deletions(SetHarness& h) {
  std::vector<std::string> out;
  for (int i = 0; i < 40; ++i) {
    EXPECT_FALSE(h.pass().error);
    const auto writes = h.object_writes();
    for (const std::string& write : writes)
      if (write.starts_with("remove Pod")) out.push_back(write.substr(write.rfind('/') + 1));
    h.ready_all();
    h.finish_all_deletions();
    const bool pods_touched = std::any_of(writes.begin(), writes.end(), [](const auto& w) {
      return w.find(" Pod ") != std::string::npos;
    });
    if (!pods_touched && i > 0) break;
  }
  return out;
}

// SS-11.3/11.4: highest ordinal first, one at a time, each recreated at the update revision
// and ready before the next goes; the same under Parallel.
TEST_P(Update, RollingUpdateHighestFirstOneAtATime_SS_11_3) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  const std::string old_revision = h.set().status.current_revision;
  h.set_image("nginx:1.28");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2~");
  EXPECT_EQ(h.set().status.current_replicas, 2) << "SS-13.3: decremented at once";
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2~") << "one at a time";
  h.finish_deletion("web-2");
  ASSERT_FALSE(h.pass().error);
  const std::string new_revision = h.set().status.update_revision;
  EXPECT_NE(new_revision, old_revision);
  EXPECT_EQ(h.revision_of("web-2"), new_revision);
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2") << "waits for web-2 to be ready";
  h.run_ready("web-2");
  EXPECT_EQ(update_deletions(h), (std::vector<std::string>{"web-1", "web-0"}));
  const auto status = h.set().status;
  EXPECT_EQ(status.current_revision, new_revision);
  EXPECT_EQ(status.updated_replicas, 3);
  EXPECT_EQ(status.current_replicas, 3);
  for (const auto& pod : h.pods()) EXPECT_EQ(pod.spec.containers[0].image, "nginx:1.28");
}

// SS-11.6, 16.6: with ordinals.start 2 and partition 1 only ordinals >= 3 are updated; the
// current revision does not advance (SS-13.4).
TEST_P(Update, PartitionCountsFromStartOrdinal_SS_11_6) {
  Json json = sts(3, GetParam());
  json["spec"]["ordinals"] = {{"start", 2}};
  json["spec"]["updateStrategy"] = {{"type", "RollingUpdate"},
                                    {"rollingUpdate", {{"partition", 1}}}};
  SetHarness h(json);
  h.settle();
  const std::string old_revision = h.set().status.current_revision;
  h.set_image("nginx:1.28");
  EXPECT_EQ(update_deletions(h), (std::vector<std::string>{"web-4", "web-3"}));
  const auto status = h.set().status;
  EXPECT_EQ(h.revision_of("web-2"), old_revision);
  EXPECT_EQ(h.revision_of("web-3"), status.update_revision);
  EXPECT_EQ(status.current_revision, old_revision);
  EXPECT_EQ(status.updated_replicas, 2);
  EXPECT_EQ(status.current_replicas, 1);
  // A pod below the partition that is deleted comes back at the current revision.
  h.delete_pod("web-2");
  h.finish_deletion("web-2");
  h.settle();
  EXPECT_EQ(h.revision_of("web-2"), old_revision);
}

// SS-11.8, 16.2: OnDelete never deletes for an update; pods deleted by hand come back at the
// update revision, and once all have, the current revision advances.
TEST_P(Update, OnDelete_SS_11_8) {
  Json json = sts(2, GetParam());
  json["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  SetHarness h(json);
  h.settle();
  const std::string old_revision = h.set().status.current_revision;
  h.set_image("nginx:1.28");
  EXPECT_TRUE(update_deletions(h).empty());
  const std::string new_revision = h.set().status.update_revision;
  EXPECT_NE(new_revision, old_revision);
  EXPECT_EQ(h.revision_of("web-1"), old_revision);
  h.delete_pod("web-1");
  h.finish_deletion("web-1");
  h.settle();
  EXPECT_EQ(h.revision_of("web-1"), new_revision);
  EXPECT_EQ(h.set().status.current_revision, old_revision);
  h.delete_pod("web-0");
  h.finish_deletion("web-0");
  h.settle();
  EXPECT_EQ(h.set().status.current_revision, new_revision) << "16.2: completion for OnDelete";
  // Scaled-up pods get the update revision too.
  h.scale(3);
  h.settle();
  EXPECT_EQ(h.revision_of("web-2"), new_revision);
}

// SS-11.10, SS-12.3: going back to an earlier template renumbers its revision instead of
// creating a new object, and rolls the pods back to it.
TEST_P(Update, RollbackRenumbersOldRevision_SS_11_10_SS_12_3) {
  SetHarness h(sts(2, GetParam()));
  h.settle();
  const std::string first = h.set().status.update_revision;
  h.set_image("nginx:1.28");
  h.settle();
  ASSERT_EQ(h.revisions().size(), 2U);
  h.set_image("nginx:1.27");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.set().status.update_revision, first);
  for (const std::string& write : h.object_writes())
    EXPECT_FALSE(write.starts_with("create ControllerRevision")) << write;
  h.settle();
  const auto revisions = h.revisions();
  ASSERT_EQ(revisions.size(), 2U);
  for (const auto& revision : revisions) {
    if (revision.metadata.name == first) {
      EXPECT_EQ(revision.revision, 3);
    }
  }
  EXPECT_EQ(h.set().status.current_revision, first);
  for (const auto& pod : h.pods()) EXPECT_EQ(pod.spec.containers[0].image, "nginx:1.27");
}

// SS-11.9: without a rollingUpdate block a recreated pod below status.currentReplicas keeps the
// current revision; with the (defaulted) block and partition 0 it gets the update revision.
TEST(UpdateRevisionOfRecreatedPod, WithoutRollingUpdateBlock_SS_11_9) {
  for (const bool block : {false, true}) {
    Json json = sts(3, kOrdered);
    json["spec"]["updateStrategy"] = {{"type", "RollingUpdate"}};
    if (block) json["spec"]["updateStrategy"]["rollingUpdate"] = Json::object();
    SetHarness h(json);
    h.settle();
    const std::string old_revision = h.set().status.current_revision;
    h.set_image("nginx:1.28");
    ASSERT_FALSE(h.pass().error);  // deletes web-2; currentReplicas becomes 2
    ASSERT_EQ(h.set().status.current_replicas, 2);
    h.delete_pod("web-0");
    h.finish_all_deletions();
    ASSERT_FALSE(h.pass().error);
    ASSERT_TRUE(h.pod("web-0"));
    EXPECT_EQ(h.revision_of("web-0") == old_revision, !block) << "block: " << block;
  }
}

// SS-11.12, 16.3: maxUnavailable 2 deletes two outdated pods in one pass.
TEST_P(Update, MaxUnavailableTwo_SS_11_12) {
  Json json = sts(4, GetParam());
  json["spec"]["updateStrategy"] = {{"type", "RollingUpdate"},
                                    {"rollingUpdate", {{"maxUnavailable", 2}}}};
  SetHarness h(json);
  h.settle();
  h.set_image("nginx:1.28");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2~ web-3~");
  EXPECT_EQ(h.set().status.current_replicas, 2);
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2~ web-3~") << "budget used up";
  h.settle();
  const auto status = h.set().status;
  EXPECT_EQ(status.current_revision, status.update_revision);
  EXPECT_EQ(status.updated_replicas, 4);
}

// 16.3: a percentage rounds down (but at least 1): 50% of 3 is 1, the classic path.
TEST_P(Update, MaxUnavailablePercentRoundsDown_SS_11_12) {
  Json json = sts(3, GetParam());
  json["spec"]["updateStrategy"] = {{"type", "RollingUpdate"},
                                    {"rollingUpdate", {{"maxUnavailable", "50%"}}}};
  SetHarness h(json);
  h.settle();
  h.set_image("nginx:1.28");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2~");
}

// SS-6.15, SS-11.11: scaling comes before the update.
TEST_P(Update, ScaleBeforeUpdate_SS_11_11) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  h.edit([](Json& json) {
    json["spec"]["replicas"] = 2;
    json["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.28";
  });
  ASSERT_FALSE(h.pass().error);
  // Burst mode's scale-down does not stop the pass, so the update follows in the same pass.
  EXPECT_EQ(h.pod_names(), GetParam() == kParallel ? "web-0 web-1~ web-2~" : "web-0 web-1 web-2~");
  h.settle();
  EXPECT_EQ(h.pod_names(), "web-0 web-1");
  EXPECT_EQ(h.set().status.current_revision, h.set().status.update_revision);
}

INSTANTIATE_TEST_SUITE_P(Policies, Update, ::testing::Values(kOrdered, kParallel), policy_name);

// SS-12.5: at most revisionHistoryLimit revisions besides the live ones are kept, oldest
// trimmed first.
TEST(History, TrimmedToLimit_SS_12_5) {
  Json json = sts(1, kParallel);
  json["spec"]["revisionHistoryLimit"] = 2;
  SetHarness h(json);
  h.settle();
  std::vector<std::string> names = {h.set().status.update_revision};
  for (const std::string image : {"nginx:2", "nginx:3", "nginx:4", "nginx:5"}) {
    h.set_image(image);
    h.settle();
    names.push_back(h.set().status.update_revision);
  }
  std::vector<std::string> kept;
  for (const auto& revision : h.revisions()) kept.push_back(revision.metadata.name);
  std::sort(kept.begin(), kept.end());
  std::vector<std::string> expected = {names[2], names[3], names[4]};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(kept, expected);
}

// SS-12.6: a revision still named by a pod is never trimmed, however old.
TEST(History, RevisionOfAPodIsKept_SS_12_6) {
  Json json = sts(1, kParallel);
  json["spec"]["revisionHistoryLimit"] = 0;
  json["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  SetHarness h(json);
  h.settle();
  const std::string first = h.set().status.update_revision;
  for (const std::string image : {"nginx:2", "nginx:3", "nginx:4"}) {
    h.set_image(image);
    h.settle();
  }
  std::vector<std::string> kept;
  for (const auto& revision : h.revisions()) kept.push_back(revision.metadata.name);
  EXPECT_EQ(kept.size(), 2U);
  EXPECT_NE(std::find(kept.begin(), kept.end(), first), kept.end());
  EXPECT_NE(std::find(kept.begin(), kept.end(), h.set().status.update_revision), kept.end());
}

// SS-12.3: a revision name taken by other data bumps collisionCount and rehashes.
TEST(History, NameCollisionBumpsCollisionCount_SS_12_3) {
  SetHarness h(sts(1, kOrdered));
  Json taken = new_revision(h.set(), 1, 0);
  taken["metadata"]["labels"] = Json::object();  // not selected, so not adopted either
  taken["metadata"]["ownerReferences"] = Json::array();
  taken["data"] = {{"spec", {{"template", {{"metadata", {{"labels", {{"other", "data"}}}}}}}}}};
  ASSERT_TRUE(h.objects().create(taken));
  h.settle();
  const auto status = h.set().status;
  EXPECT_EQ(status.collision_count, 1);
  EXPECT_NE(status.update_revision, taken["metadata"]["name"].get<std::string>());
  EXPECT_EQ(status.update_revision, new_revision(h.set(), 1, 1)["metadata"]["name"]);
  EXPECT_EQ(h.revision_of("web-0"), status.update_revision);
}

// SS-11.1: changes outside the template make no revision.
TEST(History, OnlyTemplateChangesMakeRevisions_SS_11_1) {
  SetHarness h(sts(2, kOrdered));
  h.settle();
  h.edit([](Json& json) {
    json["spec"]["replicas"] = 3;
    json["spec"]["minReadySeconds"] = 0;
    json["spec"]["updateStrategy"]["rollingUpdate"]["partition"] = 1;
  });
  h.settle();
  EXPECT_EQ(h.revisions().size(), 1U);
}

}  // namespace
}  // namespace ordinal::controller
