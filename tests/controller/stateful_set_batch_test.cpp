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

}  // namespace
}  // namespace ordinal::controller
