#include "tools/follow/follower_state.hpp"

#include <algorithm>
#include <utility>

#include "zones/zone_builder.hpp"

namespace ordinal::follow {

FollowerState::FollowerState(zones::ZoneConfig config, zones::SnapshotHolder& holder)
    : config_(std::move(config)), holder_(holder) {}

void FollowerState::begin_relist() {
  for (auto& list : lists_) list.reset();
  relisting_ = true;
}

bool FollowerState::add_list(Kind kind, ListResult list) {
  if (!relisting_) begin_relist();
  lists_[static_cast<std::size_t>(kind)] = std::move(list);
  if (!std::all_of(lists_.begin(), lists_.end(), [](const auto& l) { return l.has_value(); }))
    return false;
  // Built aside and swapped in whole: readers see the old zone or the new one, never a mix.
  auto updater = std::make_unique<zones::ZoneUpdater>(config_);
  for (std::size_t i = 0; i < kKindCount; ++i) {
    for (auto& item : lists_[i]->items) put(*updater, std::move(item));
    versions_[i] = std::move(lists_[i]->resource_version);
    lists_[i].reset();
  }
  updater_ = std::move(updater);
  relisting_ = false;
  ++relists_;
  publish();
  return true;
}

FollowerState::Outcome FollowerState::apply(Kind kind, WatchEvent event) {
  if (!updater_) return Outcome::Failed;
  using Type = WatchEvent::Type;
  if (event.type == Type::Error)
    return event.error_code == 410 ? Outcome::Expired : Outcome::Failed;
  if (event.type == Type::Unknown) return Outcome::Failed;
  if (!event.resource_version.empty())
    versions_[static_cast<std::size_t>(kind)] = std::move(event.resource_version);
  last_sync_ = std::chrono::system_clock::now();
  if (event.type == Type::Bookmark || !event.object) return Outcome::Advanced;
  ++events_;
  if (event.type == Type::Deleted) {
    remove(*updater_, *event.object);
  } else {
    put(*updater_, std::move(*event.object));
  }
  dirty_ = true;
  return Outcome::Applied;
}

bool FollowerState::flush() {
  if (!dirty_ || !updater_) return false;
  publish();
  return true;
}

const std::string& FollowerState::resource_version(Kind kind) const {
  return versions_[static_cast<std::size_t>(kind)];
}

void FollowerState::publish() {
  serial_ = zones::next_serial(serial_, std::chrono::system_clock::now());
  holder_.publish(updater_->publish(serial_));
  dirty_ = false;
  last_sync_ = std::chrono::system_clock::now();
}

}  // namespace ordinal::follow
