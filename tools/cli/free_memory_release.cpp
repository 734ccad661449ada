#include "tools/cli/free_memory_release.hpp"

#include <malloc.h>

#include <utility>

// gperftools' C interface, weak so that the program links and runs with any allocator: when
// tcmalloc is not linked in (the system allocator, a sanitizer's) these are null.
extern "C" {
__attribute__((weak)) int MallocExtension_GetNumericProperty(const char* property,
                                                             std::size_t* value);
__attribute__((weak)) void MallocExtension_ReleaseFreeMemory();
}

namespace ordinal::cli {

std::size_t allocator_free_bytes() {
  if (MallocExtension_GetNumericProperty != nullptr) {
    std::size_t value = 0;
    if (MallocExtension_GetNumericProperty("tcmalloc.pageheap_free_bytes", &value) != 0) {
      return value;
    }
    return 0;
  }
  return mallinfo2().fordblks;
}

void release_free_memory() {
  if (MallocExtension_ReleaseFreeMemory != nullptr) {
    MallocExtension_ReleaseFreeMemory();
    return;
  }
  malloc_trim(0);
}

FreeMemoryRelease::FreeMemoryRelease(std::chrono::milliseconds period, std::size_t threshold,
                                     AllocatorHooks allocator)
    : period_(period), threshold_(threshold), allocator_(std::move(allocator)) {
  thread_ = std::thread([this] { run(); });
}

FreeMemoryRelease::~FreeMemoryRelease() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void FreeMemoryRelease::run() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, period_, [this] { return stopping_; })) {
    lock.unlock();
    if (allocator_.free_bytes() > threshold_) allocator_.release();
    lock.lock();
  }
}

}  // namespace ordinal::cli
