#include "identity/watch_history.hpp"

#include <algorithm>

#include "identity/metadata.hpp"

namespace ordinal::identity {

WatchHistory::WatchHistory(std::size_t limit, std::uint64_t start)
    : limit_(limit), window_start_(start) {}

void WatchHistory::append(std::shared_ptr<const Change> change) {
  if (limit_ == 0) {
    window_start_ = change->resource_version;
    return;
  }
  changes_.push_back(std::move(change));
  while (changes_.size() > limit_) {
    window_start_ = changes_.front()->resource_version;
    changes_.pop_front();
  }
}

std::optional<std::vector<std::shared_ptr<const Change>>> WatchHistory::since(
    std::uint64_t from) const {
  if (from < window_start_) return std::nullopt;
  const auto first =
      std::upper_bound(changes_.begin(), changes_.end(), from,
                       [](std::uint64_t rv, const auto& c) { return rv < c->resource_version; });
  return std::vector<std::shared_ptr<const Change>>(first, changes_.end());
}

std::optional<WatchEvent> event_for(const WatchFilter& filter, const Change& change) {
  using Type = WatchEvent::Type;
  const bool now_matches = filter.matches(*change.object);
  const bool was_matching = change.previous && filter.matches(*change.previous);
  switch (change.type) {
    case Type::Added:
    case Type::Deleted:
      if (!now_matches) return std::nullopt;
      return WatchEvent{change.type, change.object, change.resource_version};
    case Type::Modified:
      if (now_matches)
        return WatchEvent{was_matching ? Type::Modified : Type::Added, change.object,
                          change.resource_version};
      if (was_matching) {
        Json last = *change.previous;
        set_resource_version(last, change.resource_version);
        return WatchEvent{Type::Deleted, std::make_shared<const Json>(std::move(last)),
                          change.resource_version};
      }
      return std::nullopt;
    case Type::Bookmark:
      break;
  }
  return std::nullopt;
}

}  // namespace ordinal::identity
