#pragma once
// The one way a fuzz entry reports a broken property: it prints what failed and aborts, which
// libFuzzer records as a crash (saving the input) and GoogleTest reports as a dead test.
#include <cstdio>
#include <cstdlib>

namespace ordinal::fuzz {

/// Aborts with `what` on stderr unless `condition` holds. For properties of the code under
/// test, never for inputs the code is allowed to reject.
inline void check(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz property failed: %s\n", what);
  std::abort();
}

}  // namespace ordinal::fuzz
