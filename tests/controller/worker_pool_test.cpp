// The worker pool behind overlapping syncs: every job runs exactly once per call, jobs of one
// call run at the same time, and a pool is reusable.
#include "controller/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <vector>

namespace ordinal::controller {
namespace {

TEST(WorkerPool, RunsEveryJobOnceAndIsReusable) {
  WorkerPool pool(3);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::atomic<int>> runs(37);
    pool.run(runs.size(), [&runs](std::size_t i) { ++runs[i]; });
    for (const auto& count : runs) ASSERT_EQ(count.load(), 1);
  }
  pool.run(0, [](std::size_t) { FAIL() << "no job to run"; });
}

TEST(WorkerPool, JobsOfOneCallOverlap) {
  WorkerPool pool(3);
  // Each job waits for all four: this only finishes when the helpers and the caller run one
  // job each at the same time.
  std::latch all_running(4);
  std::atomic<int> done{0};
  pool.run(4, [&](std::size_t) {
    all_running.arrive_and_wait();
    ++done;
  });
  EXPECT_EQ(done.load(), 4);
}

}  // namespace
}  // namespace ordinal::controller
