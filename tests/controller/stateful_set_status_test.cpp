// Status, availability and idempotence of the StatefulSet controller (§13, SS-5.5, SS-6.8,
// SS-7.6, 16.7).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "set_harness.hpp"

namespace ordinal::controller {
namespace {

using std::chrono::seconds;
using testing::Json;
using testing::kOrdered;
using testing::kParallel;
using testing::Policy;
using testing::policy_name;
using testing::SetHarness;
using testing::sts;

class Status : public ::testing::TestWithParam<Policy> {};

// SS-13.1/13.2: counters, revisions and observed generation once the set is up.
TEST_P(Status, CountersWhenSettled_SS_13_1_SS_13_2) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  const auto set = h.set();
  EXPECT_EQ(set.status.observed_generation, set.metadata.generation);
  EXPECT_EQ(set.status.replicas, 3);
  EXPECT_EQ(set.status.ready_replicas, 3);
  EXPECT_EQ(set.status.available_replicas, 3);
  EXPECT_EQ(set.status.current_replicas, 3);
  EXPECT_EQ(set.status.updated_replicas, 3);
  EXPECT_EQ(set.status.collision_count, 0);
  EXPECT_FALSE(set.status.current_revision.empty());
  EXPECT_EQ(set.status.current_revision, set.status.update_revision);
  ASSERT_EQ(h.revisions().size(), 1U);
  EXPECT_EQ(h.revisions()[0].metadata.name, set.status.update_revision);
}

// SS-13.1: terminating pods count in replicas (and readyReplicas while ready) but not in
// current/updated.
TEST_P(Status, TerminatingPodCounts_SS_13_1) {
  SetHarness h(sts(2, GetParam()));
  h.settle();
  h.delete_pod("web-1");
  ASSERT_FALSE(h.pass().error);
  ASSERT_FALSE(h.pass().error);
  const auto status = h.set().status;
  EXPECT_EQ(status.replicas, 2);
  EXPECT_EQ(status.ready_replicas, 2);
  EXPECT_EQ(status.current_replicas, 1);
  EXPECT_EQ(status.updated_replicas, 1);
}

// SS-13.4: a partition keeps the current revision; scaling to 0 completes the update trivially,
// after which pods below the old partition come back at the new template (issue 121534).
TEST_P(Status, ScaleToZeroPromotesUpdateRevision_SS_13_4) {
  Json json = sts(2, GetParam());
  json["spec"]["updateStrategy"] = {{"type", "RollingUpdate"},
                                    {"rollingUpdate", {{"partition", 2}}}};
  SetHarness h(json);
  h.settle();
  const std::string old_revision = h.set().status.current_revision;
  h.set_image("nginx:1.28");
  h.settle();
  EXPECT_EQ(h.set().status.current_revision, old_revision);
  EXPECT_EQ(h.set().status.updated_replicas, 0);
  h.scale(0);
  h.settle();
  const auto status = h.set().status;
  EXPECT_EQ(status.replicas, 0);
  EXPECT_EQ(status.current_revision, status.update_revision);
  h.scale(2);
  h.settle();
  EXPECT_EQ(h.revision_of("web-0"), status.update_revision);
}

// SS-13.4: during a scale-down the condemned pods keep replicas above spec.replicas, so a
// pending update revision is not promoted yet.
TEST(StatusCompletion, DelayedByCondemnedPods_SS_13_4) {
  Json json = sts(2, kOrdered);
  json["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  SetHarness h(json);
  h.settle();
  h.set_image("nginx:1.28");
  h.settle();
  h.delete_pod("web-0");
  h.finish_deletion("web-0");
  h.settle();
  const std::string old_revision = h.set().status.current_revision;
  ASSERT_NE(old_revision, h.set().status.update_revision);
  h.scale(1);
  ASSERT_FALSE(h.pass().error);  // web-1 (old revision) terminating: replicas 2 > 1
  EXPECT_EQ(h.set().status.current_revision, old_revision);
  h.finish_deletion("web-1");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.set().status.current_revision, h.set().status.update_revision);
}

// SS-7.6, 16.7, SS-5.5: with minReadySeconds the next pod waits until the previous one has
// been ready long enough, and the controller asks to be woken up then.
TEST_P(Status, MinReadySecondsGatesAndTimer_SS_7_6_SS_5_5) {
  Json json = sts(2, GetParam());
  json["spec"]["minReadySeconds"] = 10;
  SetHarness h(json);
  ASSERT_FALSE(h.pass().error);
  h.ready_all();
  h.advance(seconds(3));
  const SyncOutcome outcome = h.pass();
  ASSERT_FALSE(outcome.error);
  ASSERT_TRUE(outcome.requeue_after);
  EXPECT_EQ(*outcome.requeue_after, std::chrono::milliseconds(8000)) << "7s left + 1s";
  EXPECT_EQ(h.pod_names(), GetParam() == kParallel ? "web-0 web-1" : "web-0");
  const std::int32_t ready = GetParam() == kParallel ? 2 : 1;
  EXPECT_EQ(h.set().status.ready_replicas, ready);
  EXPECT_EQ(h.set().status.available_replicas, 0);
  h.advance(seconds(7));
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1");
  EXPECT_EQ(h.set().status.available_replicas, ready);
}

TEST(StatusAvailability, NoTimerWithoutMinReadySeconds_SS_5_5) {
  SetHarness h(sts(1, kOrdered));
  ASSERT_FALSE(h.pass().error);
  h.ready_all();
  const SyncOutcome outcome = h.pass();
  EXPECT_FALSE(outcome.requeue_after);
  EXPECT_FALSE(outcome.error);
}

// 16.7: a rolling update waits for availability, not only readiness.
TEST(StatusAvailability, RollingUpdateWaitsForAvailability_SS_11_3) {
  Json json = sts(2, kParallel);
  json["spec"]["minReadySeconds"] = 5;
  SetHarness h(json);
  h.settle();
  h.advance(seconds(5));
  h.set_image("nginx:1.28");
  ASSERT_FALSE(h.pass().error);
  h.finish_deletion("web-1");
  ASSERT_FALSE(h.pass().error);
  h.run_ready("web-1");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1") << "web-1 is not available yet";
  h.advance(seconds(5));
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0~ web-1");
}

// SS-6.8, SS-14.3: a set being deleted only gets its status written.
TEST_P(Status, SetBeingDeletedOnlyWritesStatus_SS_6_8) {
  Json json = sts(2, GetParam());
  json["metadata"]["finalizers"] = {"example.com/hold"};
  SetHarness h(json);
  h.settle();
  ASSERT_TRUE(h.objects().remove({"StatefulSet", "default", "web"}));
  h.delete_pod("web-1");
  h.finish_deletion("web-1");
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0");
  EXPECT_EQ(h.object_writes(), std::vector<std::string>{"update-status StatefulSet default/web"});
  EXPECT_EQ(h.set().status.replicas, 1);
}

// SS-13.5 and idempotence: a pass with nothing changed writes nothing at all.
// A pass that writes shows the next pass a changed world (a new pod, a terminating one); the
// pass after that has nothing to do.
void expect_quiet_after_changes(SetHarness& h) {
  ASSERT_FALSE(h.pass().error);
  ASSERT_FALSE(h.pass().error);
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.objects().writes(), std::vector<std::string>{});
}

TEST_P(Status, SecondPassWritesNothing_SS_13_5) {
  SetHarness h(sts(3, GetParam()));
  h.settle();
  ASSERT_FALSE(h.pass().error);
  EXPECT_EQ(h.objects().writes(), std::vector<std::string>{});
  // Also mid-rollout, while waiting for a terminating pod, and for a Pending one.
  h.set_image("nginx:1.28");
  expect_quiet_after_changes(h);
  h.finish_all_deletions();
  expect_quiet_after_changes(h);
  EXPECT_EQ(h.pods()[2].status.phase, "Pending");
}

TEST_P(Status, SecondPassWritesNothingWithRetention_SS_13_5) {
  Json json = sts(2, GetParam());
  json["spec"]["persistentVolumeClaimRetentionPolicy"] = {{"whenScaled", "Delete"},
                                                          {"whenDeleted", "Delete"}};
  SetHarness h(json);
  h.settle();
  h.scale(1);
  expect_quiet_after_changes(h);
  EXPECT_EQ(h.pod_names(), "web-0 web-1~");
}

INSTANTIATE_TEST_SUITE_P(Policies, Status, ::testing::Values(kOrdered, kParallel), policy_name);

// §0: availability from the Ready condition's lastTransitionTime.
TEST(PodAvailability, ReadySinceAndMinReadySeconds) {
  Json json = Json::parse(R"({"kind": "Pod", "metadata": {"name": "web-0"},
      "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True",
                 "lastTransitionTime": "2026-11-22T00:15:08Z"}]}})");
  const auto pod = identity::Pod::from_json(json);
  const TimePoint ready = *parse_timestamp("2026-11-22T00:15:08Z");
  EXPECT_TRUE(is_available(pod, 0, ready));
  EXPECT_FALSE(is_available(pod, 10, ready + seconds(9)));
  EXPECT_TRUE(is_available(pod, 10, ready + seconds(10)));
  EXPECT_EQ(time_until_available(pod, 10, ready + seconds(4)), std::chrono::milliseconds(6000));
  EXPECT_FALSE(time_until_available(pod, 10, ready + seconds(11)));
  EXPECT_TRUE(is_healthy(pod));
  json["metadata"]["deletionTimestamp"] = "2026-11-22T00:16:00Z";
  EXPECT_TRUE(is_unavailable(identity::Pod::from_json(json), 0, ready));
}

TEST(PodAvailability, ParsesTimestamps) {
  const auto utc = parse_timestamp("2026-11-22T00:15:08Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(identity::format_timestamp(*utc), "2026-11-22T00:15:08Z");
  EXPECT_EQ(parse_timestamp("2026-11-22T02:15:08.123+02:00"), utc);
  EXPECT_FALSE(parse_timestamp("2026-13-22T00:15:08Z"));
  EXPECT_FALSE(parse_timestamp("yesterday"));
  EXPECT_FALSE(parse_timestamp(""));
}

}  // namespace
}  // namespace ordinal::controller
