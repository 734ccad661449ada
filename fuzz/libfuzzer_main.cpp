// The libFuzzer executable of one target: compiled once per target with ORDINAL_FUZZ_TARGET
// naming it (fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ordinal::fuzz::Target* const target =
      ordinal::fuzz::find_target(ORDINAL_FUZZ_TARGET);
  if (target == nullptr) {
    std::fprintf(stderr, "unknown fuzz target %s\n", ORDINAL_FUZZ_TARGET);
    std::abort();
  }
  target->entry({data, size});
  return 0;
}
