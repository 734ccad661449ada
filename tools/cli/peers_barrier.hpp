#pragma once
// The bootstrap barrier of `ordinal peers --wait`: ask again, with backoff, until enough members
// resolve or the time is up. The clock and the question are passed in, so the schedule is
// testable without sleeping.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tools/cli/peer_list.hpp"

namespace ordinal::cli {

/// What one round of questions found.
struct BarrierRound {
  std::vector<Peer> peers;      ///< every member the SRV answer named, resolved or not
  std::optional<int> expected;  ///< the published replica count, when asked for and present
  std::string note;             ///< why nothing was found ("NXDOMAIN", a transport error)
  std::string fatal;            ///< set when waiting longer cannot help; ends the wait
};

struct BarrierClock {
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(std::chrono::milliseconds)> sleep;
};

struct BarrierResult {
  bool reached = false;
  BarrierRound last;          ///< the final round
  std::optional<int> target;  ///< the count waited for (unknown if never published)
  int rounds = 0;
};

/// The first delay between rounds, doubled after each round up to kBarrierMaxDelay.
inline constexpr std::chrono::milliseconds kBarrierFirstDelay{50};
inline constexpr std::chrono::milliseconds kBarrierMaxDelay{2000};

/// Calls `ask(remaining)` until at least `min` members (or, without `min`, the round's
/// `expected`) have an address, a round is fatal, or `timeout` has passed; sleeps 50 ms, 100 ms,
/// ... 2 s between rounds, never past the deadline. Every round asks afresh: a negative answer
/// only means "not yet".
BarrierResult wait_for_members(
    const std::function<BarrierRound(std::chrono::milliseconds remaining)>& ask,
    std::optional<int> min, std::chrono::milliseconds timeout, const BarrierClock& clock);

/// The default clock: steady_clock and std::this_thread::sleep_for.
BarrierClock system_barrier_clock();

}  // namespace ordinal::cli
