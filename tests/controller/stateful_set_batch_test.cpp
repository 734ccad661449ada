// Slow-start batches of burst mode (SS-7.8) and the monotonic runner (SS-6.9).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "controller/pass_context.hpp"
#include "set_harness.hpp"

namespace ordinal::controller {
namespace {

using testing::Json;
using testing::kParallel;
using testing::SetHarness;
using testing::sts;

// SS-7.8: burst mode works in batches of 1, 2, 4, ...; a failed batch still finishes, and no
// later batch starts.
TEST(BurstBatches, StopAfterFailedBatch_SS_7_8) {
  std::vector<std::size_t> ran;
  const Step result = run_for_all(
      10,
      [&ran](std::size_t i) {
        ran.push_back(i);
        return i == 3 ? Step{true, identity::internal_error("no")} : Step{true, std::nullopt};
      },
      false);
  EXPECT_EQ(ran, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6}));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message, "no");
}

TEST(BurstBatches, MonotonicStopsAtFirstStop_SS_6_9) {
  std::vector<std::size_t> ran;
  const Step result = run_for_all(
      5,
      [&ran](std::size_t i) {
        ran.push_back(i);
        return Step{i == 1, std::nullopt};
      },
      true);
  EXPECT_EQ(ran, (std::vector<std::size_t>{0, 1}));
  EXPECT_TRUE(result.stop);
  EXPECT_FALSE(result.error);
}

TEST(BurstBatches, ParallelCreateFailureStopsLaterBatches_SS_7_8) {
  SetHarness h(sts(4, kParallel));
  h.skip_invariants();
  ASSERT_TRUE(h.objects().create(Json::parse(R"({"apiVersion": "v1", "kind": "Pod",
      "metadata": {"name": "web-1", "namespace": "default", "labels": {"app": "web"},
                   "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                                        "name": "rs", "uid": "uid-rs", "controller": true}]},
      "spec": {"containers": [{"name": "c", "image": "busybox"}]},
      "status": {"phase": "Pending"}})")));
  ASSERT_TRUE(h.pass().error);
  // Batch {web-0} succeeded, batch {web-1, web-2} ran in full, batch {web-3} never started.
  EXPECT_TRUE(h.pod("web-0"));
  EXPECT_TRUE(h.pod("web-2"));
  EXPECT_FALSE(h.pod("web-3"));
}

// SS-7.8: the pods of one slow-start batch are created together; each create still succeeds or
// fails on its own, with its own event, and a failed batch stops the pass.
TEST(BurstBatches, BatchCreatesSucceedOrFailOnTheirOwn_SS_7_8) {
  SetHarness h(sts(7, kParallel));
  h.objects().fail_next(testing::FakeObjectManager::Verb::Create, "Pod",
                        identity::internal_error("disk full"));
  const SyncOutcome failed = h.pass();
  ASSERT_TRUE(failed.error);
  EXPECT_EQ(failed.error->message, "disk full");
  EXPECT_EQ(h.pod_names(), "") << "batch {web-0} failed: no later batch started";
  EXPECT_EQ(h.events("FailedCreate").size(), 1u);

  EXPECT_FALSE(h.pass().error);
  EXPECT_EQ(h.pod_names(), "web-0 web-1 web-2 web-3 web-4 web-5 web-6");
  std::vector<std::string> creates;
  for (const std::string& write : h.object_writes())
    if (write.starts_with("create Pod ")) creates.push_back(write.substr(11));
  EXPECT_EQ(creates, (std::vector<std::string>{"default/web-0", "default/web-1", "default/web-2",
                                               "default/web-3", "default/web-4", "default/web-5",
                                               "default/web-6"}))
      << "in ordinal order, batch after batch";
  int pod_events = 0;
  for (const std::string& message : h.events("SuccessfulCreate"))
    pod_events += message.starts_with("create Pod ") ? 1 : 0;
  EXPECT_EQ(pod_events, 7) << "one event per pod, as when created one by one";
}

}  // namespace
}  // namespace ordinal::controller
