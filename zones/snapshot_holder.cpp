#include "zones/snapshot_holder.hpp"

#include <utility>

namespace ordinal::zones {

void SnapshotHolder::publish(std::shared_ptr<const ZoneSnapshot> snapshot) {
  std::shared_ptr<const ZoneSnapshot> old;
  {
    std::lock_guard lock(mu_);
    old = std::exchange(current_, std::move(snapshot));
    generation_.fetch_add(1, std::memory_order_release);
  }
  // `old` is released here, outside the lock, unless a reader still holds it.
}

std::shared_ptr<const ZoneSnapshot> SnapshotHolder::current() const {
  std::lock_guard lock(mu_);
  return current_;
}

const ZoneSnapshot* SnapshotHolder::Reader::get() {
  const std::uint64_t generation = holder_->generation();
  if (generation != seen_ || !local_) {
    local_ = holder_->current();
    seen_ = generation;
  }
  return local_.get();
}

}  // namespace ordinal::zones
