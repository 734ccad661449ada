// The controller manager's work queue: de-duplication, timers and failure backoff.
#include "controller/work_queue.hpp"

#include <gtest/gtest.h>

namespace ordinal::controller {
namespace {

using std::chrono::milliseconds;

const TimePoint kStart{std::chrono::seconds{1795306508}};

TEST(WorkQueue, KeysAreDeduplicatedAndServedInOrder) {
  WorkQueue queue;
  queue.add("a");
  queue.add("b");
  queue.add("a");
  EXPECT_EQ(queue.pop_ready(kStart), "a");
  EXPECT_EQ(queue.pop_ready(kStart), "b");
  EXPECT_EQ(queue.pop_ready(kStart), std::nullopt);
}

TEST(WorkQueue, TimedKeyBecomesReadyAtItsTime) {
  WorkQueue queue;
  queue.add_at("a", kStart + milliseconds(100));
  EXPECT_EQ(queue.pop_ready(kStart), std::nullopt);
  EXPECT_EQ(queue.next_deadline(), kStart + milliseconds(100));
  EXPECT_EQ(queue.pop_ready(kStart + milliseconds(100)), "a");
  EXPECT_EQ(queue.next_deadline(), std::nullopt);
}

TEST(WorkQueue, EarlierTimeWinsAndAChangeBeatsATimer) {
  WorkQueue queue;
  queue.add_at("a", kStart + milliseconds(100));
  queue.add_at("a", kStart + milliseconds(50));
  queue.add_at("a", kStart + milliseconds(80));
  EXPECT_EQ(queue.next_deadline(), kStart + milliseconds(50));
  queue.add("a");
  EXPECT_EQ(queue.pop_ready(kStart), "a");
  EXPECT_EQ(queue.pop_ready(kStart + milliseconds(200)), std::nullopt) << "stale timers dropped";
}

TEST(WorkQueue, FailuresBackOffExponentiallyUpToTheCapAndForgetResets) {
  WorkQueue queue(WorkQueue::Backoff{milliseconds(10), milliseconds(50)});
  queue.add_rate_limited("a", kStart);
  EXPECT_EQ(queue.next_deadline(), kStart + milliseconds(10));
  ASSERT_EQ(queue.pop_ready(kStart + milliseconds(10)), "a");
  queue.add_rate_limited("a", kStart);
  EXPECT_EQ(queue.next_deadline(), kStart + milliseconds(20));
  ASSERT_EQ(queue.pop_ready(kStart + milliseconds(20)), "a");
  queue.add_rate_limited("a", kStart);
  ASSERT_EQ(queue.pop_ready(kStart + milliseconds(40)), "a");
  queue.add_rate_limited("a", kStart);
  EXPECT_EQ(queue.next_deadline(), kStart + milliseconds(50)) << "capped";
  ASSERT_EQ(queue.pop_ready(kStart + milliseconds(50)), "a");
  EXPECT_EQ(queue.failures("a"), 4);
  queue.forget("a");
  queue.add_rate_limited("a", kStart);
  EXPECT_EQ(queue.next_deadline(), kStart + milliseconds(10));
}

}  // namespace
}  // namespace ordinal::controller
