// Returning the allocator's free memory: released when more than the threshold is free, left
// alone below it, checked until the object goes, and the real allocator's hooks usable with
// whatever allocator the program runs on.
#include "tools/cli/free_memory_release.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace ordinal::cli {
namespace {

using namespace std::chrono_literals;

/// An allocator that reports `free` bytes and counts releases; a release frees nothing more.
struct FakeAllocator {
  std::atomic<std::size_t> free{0};
  std::atomic<int> releases{0};
  std::atomic<int> checks{0};
  AllocatorHooks hooks() {
    return {[this] {
              ++checks;
              return free.load();
            },
            [this] {
              ++releases;
              free = 0;
            }};
  }
};

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 500 && !condition(); ++i) std::this_thread::sleep_for(10ms);
  return condition();
}

TEST(FreeMemoryRelease, ReleasesOnlyWhenMoreThanTheThresholdIsFree) {
  FakeAllocator allocator;
  allocator.free = 100;
  {
    const FreeMemoryRelease release(1ms, 1000, allocator.hooks());
    ASSERT_TRUE(eventually([&] { return allocator.checks >= 5; }));
    EXPECT_EQ(allocator.releases, 0);  // 100 bytes free: not worth a release
    allocator.free = 5000;
    ASSERT_TRUE(eventually([&] { return allocator.releases == 1; }));
    const int checks = allocator.checks;
    ASSERT_TRUE(eventually([&] { return allocator.checks >= checks + 5; }));
    EXPECT_EQ(allocator.releases, 1);  // nothing free since
  }
  // Gone: no check after destruction.
  const int checks = allocator.checks;
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(allocator.checks, checks);
}

TEST(FreeMemoryRelease, StopsAtOnceThoughThePeriodIsLong) {
  FakeAllocator allocator;
  const auto begin = std::chrono::steady_clock::now();
  { const FreeMemoryRelease release(1h, 0, allocator.hooks()); }
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 5s);
  EXPECT_EQ(allocator.checks, 0);
}

TEST(FreeMemoryRelease, TheAllocatorsOwnHooksWork) {
  // Whatever the allocator of this test program (tcmalloc, glibc's, a sanitizer's): freed
  // memory is counted or not, and a release returns and leaves no more free than before.
  {
    std::vector<std::unique_ptr<char[]>> blocks;
    for (int i = 0; i < 64; ++i) blocks.push_back(std::make_unique<char[]>(1 << 20));
  }
  const std::size_t before = allocator_free_bytes();
  release_free_memory();
  EXPECT_LE(allocator_free_bytes(), before);
}

}  // namespace
}  // namespace ordinal::cli
