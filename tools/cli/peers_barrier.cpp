#include "tools/cli/peers_barrier.hpp"

#include <algorithm>
#include <thread>

namespace ordinal::cli {

BarrierResult wait_for_members(
    const std::function<BarrierRound(std::chrono::milliseconds remaining)>& ask,
    std::optional<int> min, std::chrono::milliseconds timeout, const BarrierClock& clock) {
  using std::chrono::milliseconds;
  const auto deadline = clock.now() + timeout;
  milliseconds delay = kBarrierFirstDelay;
  BarrierResult result;
  for (;;) {
    const auto remaining =
        std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(deadline - clock.now()));
    result.last = ask(remaining);
    ++result.rounds;
    result.target = min ? min : result.last.expected;
    if (!result.last.fatal.empty()) return result;
    if (result.target &&
        static_cast<int>(with_addresses(result.last.peers).size()) >= *result.target) {
      result.reached = true;
      return result;
    }
    const auto now = clock.now();
    if (now >= deadline) return result;
    clock.sleep(std::min(delay, std::chrono::duration_cast<milliseconds>(deadline - now)));
    delay = std::min(delay * 2, kBarrierMaxDelay);
  }
}

BarrierClock system_barrier_clock() {
  return {[] { return std::chrono::steady_clock::now(); },
          [](std::chrono::milliseconds pause) { std::this_thread::sleep_for(pause); }};
}

}  // namespace ordinal::cli
