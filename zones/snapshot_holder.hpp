#pragma once
// Publishes snapshots to query threads without a lock on the query path (STYLE rule 1, model:
// PowerDNS sholder.hh): a writer swaps the pointer under a mutex and bumps a generation
// counter; each reader keeps its own copy and takes the mutex only when the generation moved.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

class SnapshotHolder {
 public:
  /// Makes `snapshot` current. Any thread; the previous snapshot is freed by its last reader.
  void publish(std::shared_ptr<const ZoneSnapshot> snapshot);
  /// The current snapshot (null before the first publish). Takes the mutex; for control paths.
  [[nodiscard]] std::shared_ptr<const ZoneSnapshot> current() const;
  /// Number of publishes so far.
  [[nodiscard]] std::uint64_t generation() const {
    return generation_.load(std::memory_order_acquire);
  }

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
  mutable std::mutex mu_;
  std::shared_ptr<const ZoneSnapshot> current_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace ordinal::zones
