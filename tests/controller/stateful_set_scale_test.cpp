// Scaling scenarios of the StatefulSet controller under OrderedReady and Parallel (§7, §8,
// §10), with the invariants of set_harness.hpp checked after every pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "set_harness.hpp"

namespace ordinal::controller {
namespace {

using testing::kOrdered;
using testing::kParallel;
using testing::Policy;
using testing::policy_name;
using testing::SetHarness;
using testing::sts;

class Scale : public ::testing::TestWithParam<Policy> {
 protected:
  [[nodiscard]] bool parallel() const { return GetParam() == kParallel; }
};

// Pod creations and deletions of each pass until nothing changes, the kubelet keeping up.
std::vector<std::string> pod_writes_until_settled(SetHarness& h) {
  std::vector<std::string> out;
  for (int i = 0; i < 40; ++i) {
    const SyncOutcome outcome = h.pass();
    EXPECT_FALSE(outcome.error) << outcome.error->message;
    bool any = false;
    for (const std::string& write : h.object_writes()) {
      any = any || write.find("Pod") != std::string::npos;
      if (write.starts_with("create Pod") || write.starts_with("remove Pod")) out.push_back(write);
    }
    h.ready_all();
    h.finish_all_deletions();
    if (!any && i > 0) break;
  }
  return out;
}

// SS-7.9/7.10, SS-4.5: OrderedReady creates one pod per pass and waits for it to be ready;
// Parallel creates all of them at once. Each pod's claim is created before it.
TEST_P(Scale, CreatesThreePods_SS_7_9_SS_7_10) {
  SetHarness h(sts(3, GetParam()));
  ASSERT_FALSE(h.pass().error);
  if (parallel()) {
    EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2");
  } else {
    EXPECT_EQ(h.pod_names(), "web-0");
    ASSERT_FALSE(h.pass().error);
    EXPECT_EQ(h.pod_names(), "web-0") << "web-1 waits for web-0 to be Running+Ready";
    h.run_ready("web-0");
    ASSERT_FALSE(h.pass().error);
    EXPECT_EQ(h.pod_names(), "web-0 web-1");
  }
  h.settle();
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2");
  const auto status = h.set().status;
  EXPECT_EQ(status.replicas, 3);
  EXPECT_EQ(status.ready_replicas, 3);
  EXPECT_EQ(h.events("SuccessfulCreate").size(), 6U);  // three claims, three pods
}

// SS-4.5: the claim is created in the same pass, before its pod.
TEST_P(Scale, ClaimCreatedBeforePod_SS_4_5) {
  SetHarness h(sts(1, GetParam()));
  ASSERT_FALSE(h.pass().error);
  const std::vector<std::string> expected = {
      "create PersistentVolumeClaim default/www-web-0", "create Pod default/web-0",
      "create ControllerRevision default/" + h.set().status.update_revision};
  auto writes = h.object_writes();
  // The revision is created first (SS-6.2); the status last.
  ASSERT_GE(writes.size(), 4U);
  EXPECT_EQ(writes[0], expected[2]);
  EXPECT_EQ(writes[1], expected[0]);
  EXPECT_EQ(writes[2], expected[1]);
  EXPECT_EQ(writes.back(), "update-status StatefulSet default/web");
  const auto claim = h.claim("www-web-0");
  ASSERT_TRUE(claim);
  EXPECT_EQ(claim->metadata.label("app"), "web") << "claims carry the matchLabels (SS-4.2)";
  EXPECT_EQ(h.events("SuccessfulCreate"),
            (std::vector<std::string>{"create Claim www-web-0 Pod web-0 in StatefulSet web success",
                                      "create Pod web-0 in StatefulSet web successful"}));
}

// SS-8.1/8.4: OrderedReady deletes the highest ordinal first, one pod at a time, waiting for
// each to vanish; Parallel deletes all condemned pods in one pass.
TEST_P(Scale, ScaleDown_SS_8_1_SS_8_4) {
  SetHarness h(sts(4, GetParam()));
  h.settle();
  h.scale(1);
  ASSERT_FALSE(h.pass().error);
  if (parallel()) {
    EXPECT_EQ(h.pod_names(), "web-0 web-1~ web-2~ web-3~");
  } else {
    EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2 web-3~");
    ASSERT_FALSE(h.pass().error);
    EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2 web-3~") << "waits for web-3 to vanish";
    h.finish_deletion("web-3");
    ASSERT_FALSE(h.pass().error);
    EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2~");
  }
  h.settle();
  EXPECT_EQ(h.pod_names(), "web-0");
  EXPECT_TRUE(h.claim("www-web-3")) << "scale-down keeps claims (SS-8.6)";
  EXPECT_EQ(h.set().status.replicas, 1);
  EXPECT_EQ(h.events("SuccessfulDelete").front(), "delete Pod web-3 in StatefulSet web successful");
}

TEST_P(Scale, ScaleDownOrder_SS_8_1) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  h.scale(0);
  const auto writes = pod_writes_until_settled(h);
  if (parallel()) {
    EXPECT_EQ(writes.size(), 3U);
  } else {
    EXPECT_EQ(writes,
              (std::vector<std::string>{"remove Pod default/web-2", "remove Pod default/web-1",
                                        "remove Pod default/web-0"}));
  }
  EXPECT_EQ(h.pod_names(), "");
}

// SS-8.3/8.5: under OrderedReady an unhealthy in-range pod blocks the scale-down; so does an
// unhealthy condemned pod that is not the first unavailable one. Parallel goes ahead.
TEST_P(Scale, ScaleDownBlockedByUnhealthyPod_SS_8_3_SS_8_5) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  h.set_ready("web-0", false);
  h.scale(2);
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), parallel() ? "web-0 web-1 web-2~" : "web-0 web-1 web-2");
}

TEST_P(Scale, UnhealthyCondemnedBelowBlocks_SS_8_3) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  h.set_ready("web-1", false);
  h.set_ready("web-2", false);
  h.scale(1);
  ASSERT_FALSE(h.pass().error);
  // web-2 is unhealthy and web-1 (lower, also unhealthy) is the first unavailable pod.
  EXPECT_EQ(h.pod_names(), parallel() ? "web-0 web-1~ web-2~" : "web-0 web-1 web-2");
}

TEST_P(Scale, UnhealthyCondemnedPodThatIsFirstUnavailableGoes_SS_8_3) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  h.set_ready("web-2", false);
  h.scale(1);
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), parallel() ? "web-0 web-1~ web-2~" : "web-0 web-1 web-2~");
}

// SS-8.7: moving the start ordinal creates the new ordinals (ascending) before deleting the
// old ones (descending) under OrderedReady.
TEST_P(Scale, StartOrdinalChange_SS_8_7) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  h.edit([](testing::Json& json) { json["spec"]["ordinals"] = {{"start", 2}}; });
  const auto writes = pod_writes_until_settled(h);
  if (!parallel()) {
    EXPECT_EQ(writes,
              (std::vector<std::string>{"create Pod default/web-3", "create Pod default/web-4",
                                        "remove Pod default/web-1", "remove Pod default/web-0"}));
  }
  EXPECT_EQ(h.pod_names(), "web-2 web-3 web-4");
  EXPECT_EQ(h.set().status.replicas, 3);
}

// SS-7.1, SS-10.3, SS-4.6: a Failed pod is deleted, replaced under the same name only after
// the deletion completed, and the replacement reuses the claim.
TEST_P(Scale, FailedPodRecreatedAfterDeletion_SS_7_1_SS_10_3) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  const std::string old_uid = h.pod("web-1")->metadata.uid;
  const std::string claim_uid = h.claim("www-web-1")->metadata.uid;
  h.set_phase("web-1", "Failed");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1~ web-2");
  EXPECT_EQ(h.events("RecreatingFailedPod"),
            std::vector<std::string>{"StatefulSet default/web is recreating failed Pod web-1"});
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod("web-1")->metadata.uid, old_uid) << "no replacement while the name is held";
  h.finish_deletion("web-1");
  ASSERT_FALSE(h.pass().error);
  ASSERT_TRUE(h.pod("web-1"));
  EXPECT_NE(h.pod("web-1")->metadata.uid, old_uid);
  EXPECT_EQ(h.claim("www-web-1")->metadata.uid, claim_uid) << "SS-4.6";
}

TEST_P(Scale, SucceededPodRecreated_SS_7_1) {
  SetHarness h(sts(2, GetParam()));
  h.settle();
  h.set_phase("web-0", "Succeeded");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0~ web-1");
  EXPECT_EQ(h.events("RecreatingTerminatedPod").size(), 1U);
  h.settle();
  EXPECT_EQ(h.pod("web-0")->status.phase, "Running");
}

// SS-7.4, SS-10.2: a terminating pod holds its name. OrderedReady stops at it; Parallel still
// creates other missing pods (SS-7.10).
TEST_P(Scale, TerminatingPodBlocks_SS_7_4_SS_10_2) {
  SetHarness h(sts(2, GetParam()));
  h.settle();
  h.delete_pod("web-0");
  h.scale(3);
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), parallel() ? "web-0~ web-1 web-2" : "web-0~ web-1");
  h.finish_deletion("web-0");
  ASSERT_FALSE(h.pass().error);
  EXPECT_FALSE(h.pod("web-0")->is_terminating());
  h.settle();
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2");
}

// SS-7.5: a not-ready pod stops higher creations under OrderedReady only.
TEST_P(Scale, NotReadyPodBlocksScaleUp_SS_7_5) {
  SetHarness h(sts(1, GetParam()));
  h.settle();
  h.set_ready("web-0", false);
  h.scale(3);
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), parallel() ? "web-0 web-1 web-2" : "web-0");
}

INSTANTIATE_TEST_SUITE_P(Policies, Scale, ::testing::Values(kOrdered, kParallel), policy_name);

}  // namespace
}  // namespace ordinal::controller
