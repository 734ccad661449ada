#pragma once
// Hands memory the allocator holds free back to the system once a lot of it is free.
//
// Why: tcmalloc keeps what the program frees for reuse and returns it to the system only
// slowly. A large server's start frees a good part of what it allocated (the store's rows as
// read, the first full zone build and the relist's lists once the zone updater takes over,
// 100,000 pods: about 400 MB), which then stayed resident although nothing used it. A relist
// after a lost watch does the same on a smaller scale.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>

namespace ordinal::cli {

/// Bytes the allocator holds free for reuse (tcmalloc: its page heap's free bytes; glibc
/// malloc: free bytes in its arenas).
std::size_t allocator_free_bytes();
/// Returns the allocator's free memory to the system (tcmalloc: ReleaseFreeMemory; glibc:
/// malloc_trim).
void release_free_memory();

/// Every `period`, releases free memory when more than `threshold` bytes are free. The checks
/// run on a thread of their own until destruction.
/// What FreeMemoryRelease asks and tells the allocator (tests give their own).
struct AllocatorHooks {
  std::function<std::size_t()> free_bytes = allocator_free_bytes;
  std::function<void()> release = release_free_memory;
};

class FreeMemoryRelease {
 public:
  FreeMemoryRelease(std::chrono::milliseconds period, std::size_t threshold)
      : FreeMemoryRelease(period, threshold, AllocatorHooks{}) {}
  FreeMemoryRelease(std::chrono::milliseconds period, std::size_t threshold,
                    AllocatorHooks allocator);
  ~FreeMemoryRelease();
  FreeMemoryRelease(const FreeMemoryRelease&) = delete;
  FreeMemoryRelease& operator=(const FreeMemoryRelease&) = delete;

 private:
  void run();

  const std::chrono::milliseconds period_;
  const std::size_t threshold_;
  const AllocatorHooks allocator_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ordinal::cli
