// The ordinal executable: server (`ordinal serve`) and client in one binary.
#include <malloc.h>

#include <algorithm>
#include <thread>

#include "tools/cli/app.hpp"

int main(int argc, char** argv) {
  // glibc gives each thread that allocates its own arena, up to 8 per core. `serve` runs many
  // short-lived allocations on many threads (API handlers, kubelet workers, watchers), and
  // memory freed in one arena is not reused by another: under churn, resident memory crept up
  // with the number of arenas. One arena per core keeps it flat at no measured cost. (The
  // release build links tcmalloc, cmake/allocator.cmake, which ignores this; it matters where
  // glibc's malloc is kept: ORDINAL_ALLOCATOR=system.)
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(2U, std::thread::hardware_concurrency())));
  return ordinal::cli::run(argc, argv);
}
