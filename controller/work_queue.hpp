#pragma once
// The work queue of one reconciler: de-duplicated keys, each ready now or at a time of its own,
// with per-key exponential backoff after failures (client-go's rate-limited delaying queue, on
// an explicit clock so tests need no sleeping).
//
// Thread-safety: none; the controller manager uses it from its one thread.
#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "controller/reconciler.hpp"

namespace ordinal::controller {

class WorkQueue {
 public:
  struct Backoff {
    std::chrono::milliseconds base{5};
    std::chrono::milliseconds max{30000};
  };
  WorkQueue() = default;
  explicit WorkQueue(Backoff backoff) : backoff_(backoff) {}

  /// Makes `key` ready now. A key already ready stays where it is in line; a key waiting for a
  /// time is moved to ready (a change beats a timer).
  void add(const std::string& key);
  /// Makes `key` ready at `when`, unless it is ready or due earlier already.
  void add_at(const std::string& key, TimePoint when);
  /// After a failed sync: ready at now + base * 2^(failures so far), at most `max`.
  void add_rate_limited(const std::string& key, TimePoint now);
  /// After a successful sync: the key's failure count starts again from zero.
  void forget(const std::string& key);

  /// The oldest ready key (moving keys whose time has come to ready first), or nullopt.
  std::optional<std::string> pop_ready(TimePoint now);
  /// The earliest time a waiting key becomes ready; nullopt when none waits.
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  [[nodiscard]] bool has_ready() const { return !ready_.empty(); }
  [[nodiscard]] std::size_t size() const { return ready_.size() + waiting_.size(); }
  [[nodiscard]] int failures(const std::string& key) const;

 private:
  void promote_due(TimePoint now);
  /// Removes a waiting key and its deadline entry.
  void stop_waiting(std::map<std::string, TimePoint>::iterator it);

  Backoff backoff_;
  std::deque<std::string> ready_;
  std::set<std::string> ready_set_;
  std::map<std::string, TimePoint> waiting_;           ///< key -> when
  std::multimap<TimePoint, std::string> by_deadline_;  ///< one entry per key in waiting_
  std::map<std::string, int> failures_;
};

}  // namespace ordinal::controller
