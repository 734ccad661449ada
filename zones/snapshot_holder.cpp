#include "zones/snapshot_holder.hpp"

#include <utility>

namespace ordinal::zones {

void SnapshotHolder::publish(std::shared_ptr<const ZoneSnapshot> snapshot) {
  swap_in(std::move(snapshot), true);
}

void SnapshotHolder::replace(std::shared_ptr<const ZoneSnapshot> snapshot) {
  swap_in(std::move(snapshot), false);
}

void SnapshotHolder::swap_in(std::shared_ptr<const ZoneSnapshot> snapshot, bool new_version) {
  std::lock_guard listeners_lock(listeners_mu_);
  std::shared_ptr<const ZoneSnapshot> old;
  {
    std::lock_guard lock(mu_);
    old = std::exchange(current_, snapshot);
    if (new_version) versions_.fetch_add(1, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_release);
  }
  for (const auto& [handle, listener] : listeners_) listener(snapshot);
  // `old` is released here, outside the lock, unless a reader still holds it.
}

std::uint64_t SnapshotHolder::subscribe(Listener listener) const {
  std::lock_guard lock(listeners_mu_);
  listeners_.emplace(next_listener_, std::move(listener));
  return next_listener_++;
}

void SnapshotHolder::unsubscribe(std::uint64_t handle) const {
  std::lock_guard lock(listeners_mu_);
  listeners_.erase(handle);
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
