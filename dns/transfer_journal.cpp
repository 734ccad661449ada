#include "dns/transfer_journal.hpp"

#include <utility>

namespace ordinal::dns {

void TransferJournal::record(std::shared_ptr<const zones::ZoneSnapshot> snapshot) {
  if (!snapshot) return;
  std::shared_ptr<const zones::ZoneSnapshot> dropped;  // freed after the lock is released
  std::lock_guard lock(mu_);
  // The same version built again (SnapshotHolder::replace): keep the newer build only, so the
  // older one's memory goes.
  if (!versions_.empty() && versions_.back()->serial() == snapshot->serial()) {
    dropped = std::exchange(versions_.back(), std::move(snapshot));
    return;
  }
  versions_.push_back(std::move(snapshot));
  if (versions_.size() > depth_) {
    dropped = std::move(versions_.front());
    versions_.pop_front();
  }
}

std::shared_ptr<const zones::ZoneSnapshot> TransferJournal::find(std::uint32_t serial) const {
  std::lock_guard lock(mu_);
  for (auto it = versions_.rbegin(); it != versions_.rend(); ++it) {
    if ((*it)->serial() == serial) return *it;
  }
  return nullptr;
}

}  // namespace ordinal::dns
