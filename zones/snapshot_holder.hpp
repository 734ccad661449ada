#pragma once
// Publishes snapshots to query threads without a lock on the query path (STYLE rule 1, model:
// PowerDNS sholder.hh): a writer swaps the pointer under a mutex and bumps a generation
// counter; each reader keeps its own copy and takes the mutex only when the generation moved.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

class SnapshotHolder {
 public:
  /// Makes `snapshot` current, a new version. Any thread; the previous snapshot is freed by its
  /// last reader.
  void publish(std::shared_ptr<const ZoneSnapshot> snapshot);
  /// Makes `snapshot` current in place of the current one, which it answers exactly as, with
  /// the same serial: the same version built another way. Readers move to it and listeners are
  /// called, but versions() does not move. Any thread.
  void replace(std::shared_ptr<const ZoneSnapshot> snapshot);
  /// The current snapshot (null before the first publish). Takes the mutex; for control paths.
  [[nodiscard]] std::shared_ptr<const ZoneSnapshot> current() const;
  /// Called with each snapshot published after subscribe() returns, on the publishing thread,
  /// outside the publishing lock, in publish order. Keep it short: record or post elsewhere.
  using Listener = std::function<void(const std::shared_ptr<const ZoneSnapshot>&)>;
  /// Returns a handle for unsubscribe(). Any thread.
  std::uint64_t subscribe(Listener listener) const;
  /// After this returns the listener is not running and is never called again. Any thread but
  /// the listener's own.
  void unsubscribe(std::uint64_t handle) const;
  /// Number of times the current snapshot changed (publish() and replace()).
  [[nodiscard]] std::uint64_t generation() const {
    return generation_.load(std::memory_order_acquire);
  }
  /// Number of versions published so far (publish() only).
  [[nodiscard]] std::uint64_t versions() const { return versions_.load(std::memory_order_acquire); }

  /// One per query thread, never shared. get() is lock-free while nothing was published.
  class Reader {
   public:
    explicit Reader(const SnapshotHolder& holder) : holder_(&holder) {}
    /// The newest snapshot; valid until the next get() on this reader.
    const ZoneSnapshot* get();

   private:
    const SnapshotHolder* holder_;
    std::uint64_t seen_ = 0;
    std::shared_ptr<const ZoneSnapshot> local_;
  };

 private:
  void swap_in(std::shared_ptr<const ZoneSnapshot> snapshot, bool new_version);

  mutable std::mutex mu_;
  std::shared_ptr<const ZoneSnapshot> current_;
  // Listeners run under their own mutex, held across the calls: publishes stay in order and
  // unsubscribe() waits for a running call, while readers of current_ never wait for them.
  // Listening does not change what is published, hence mutable (subscribe() is const).
  mutable std::mutex listeners_mu_;
  mutable std::map<std::uint64_t, Listener> listeners_;
  mutable std::uint64_t next_listener_ = 0;
  /// Number of times current_ changed: how readers see that it did.
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> versions_{0};
};

}  // namespace ordinal::zones
