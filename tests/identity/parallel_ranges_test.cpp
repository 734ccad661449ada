// for_ranges: every item handled once, in ordered ranges; small counts stay on the caller's
// thread; an exception reaches the caller after every range has ended.
#include "identity/parallel_ranges.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ordinal::identity {
namespace {

TEST(ForRanges, EveryItemOnceInOrderedRanges) {
  constexpr std::size_t kCount = 10007;
  std::vector<int> seen(kCount, 0);
  std::mutex mu;
  std::vector<std::pair<std::size_t, std::size_t>> ranges(kMaxRangeParts, {0, 0});
  for_ranges(kCount, 1000, [&](std::size_t part, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) ++seen[i];
    std::lock_guard lock(mu);
    ranges.at(part) = {begin, end};
  });
  for (std::size_t i = 0; i < kCount; ++i) ASSERT_EQ(seen[i], 1) << i;
  std::size_t next = 0;
  for (const auto& [begin, end] : ranges) {
    if (begin == end) continue;
    EXPECT_EQ(begin, next);
    next = end;
  }
  EXPECT_EQ(next, kCount);
}

TEST(ForRanges, FewItemsStayOnTheCallersThread) {
  const auto caller = std::this_thread::get_id();
  std::atomic<int> calls = 0;
  for_ranges(1999, 1000, [&](std::size_t part, std::size_t begin, std::size_t end) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    EXPECT_EQ(part, 0u);
    EXPECT_EQ(begin, 0u);
    EXPECT_EQ(end, 1999u);
    ++calls;
  });
  EXPECT_EQ(calls, 1);
  for_ranges(0, 1000, [&](std::size_t, std::size_t begin, std::size_t end) {
    EXPECT_EQ(begin, end);
    ++calls;
  });
  EXPECT_EQ(calls, 2);
}

TEST(ForRanges, AnExceptionReachesTheCaller) {
  std::atomic<std::size_t> done = 0;
  EXPECT_THROW(for_ranges(100000, 10,
                          [&](std::size_t, std::size_t begin, std::size_t end) {
                            done += end - begin;
                            if (begin == 0) throw std::runtime_error("first range");
                          }),
               std::runtime_error);
  EXPECT_EQ(done, 100000u) << "every range ran to its end before the exception was passed on";
}

}  // namespace
}  // namespace ordinal::identity
