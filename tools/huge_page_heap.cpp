// Linked into every executable that uses tcmalloc (cmake/allocator.cmake): asks the kernel to
// back tcmalloc's heap with transparent huge pages.
//
// Why: loading a large store and building its zone touch gigabytes of fresh memory, and on a
// virtual machine each 4 KiB page fault is a trip through the hypervisor. Kernels commonly ship
// with transparent huge pages on `madvise` only, so the heap gets them only if asked: 2 MiB
// pages make 512 times fewer faults. At 100,000 pods this took a restart to serving from 24 to
// 15 s under glibc's malloc (its glibc.malloc.hugetlb tunable does the same); see
// bench/scale/README.md.
#include <gperftools/malloc_extension.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstddef>

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

/// Hands out tcmalloc's default system memory in whole, aligned huge pages, madvised.
class HugePageHeap final : public SysAllocator {
 public:
  explicit HugePageHeap(SysAllocator* system) : system_(system) {}

  void* Alloc(std::size_t size, std::size_t* actual_size, std::size_t alignment) override {
    std::size_t got = 0;
    const std::size_t rounded = (size + kHugePage - 1) / kHugePage * kHugePage;
    void* memory = system_->Alloc(rounded, &got, std::max(alignment, kHugePage));
    if (memory == nullptr) {
      // A huge-page-sized request may fail where the asked-for size would not.
      memory = system_->Alloc(size, &got, alignment);
    } else {
      // Advice only: where the kernel has no huge pages the memory works as before.
      madvise(memory, got, MADV_HUGEPAGE);
    }
    if (actual_size != nullptr) *actual_size = got;
    return memory;
  }

 private:
  SysAllocator* system_;
};

const bool kInstalled = [] {
  static HugePageHeap heap(MallocExtension::instance()->GetSystemAllocator());
  MallocExtension::instance()->SetSystemAllocator(&heap);
  return true;
}();

}  // namespace
