#include "identity/event_index.hpp"

#include "identity/metadata.hpp"

namespace ordinal::identity {
namespace {

bool is_event(const ObjectKey& key) {
  return key.kind == "Event";
}

std::uint64_t version_of(const ObjectPtr& object) {
  return object ? resource_version_of(*object).value_or(0) : 0;
}

}  // namespace

void EventIndex::add(const ObjectKey& key, const Json& object) {
  if (is_event(key)) by_version_[resource_version_of(object).value_or(0)] = key;
}

void EventIndex::apply(const Change& change) {
  if (!is_event(change.key)) return;
  if (change.previous) by_version_.erase(version_of(change.previous));
  if (change.type != WatchEvent::Type::Deleted) by_version_[change.resource_version] = change.key;
}

std::vector<ObjectKey> EventIndex::over_limit(const std::vector<Change>& planned,
                                              std::size_t limit) const {
  std::size_t count = by_version_.size();
  // The batch's own Events, by the resourceVersion of their last change there; null: deleted.
  std::map<ObjectKey, const Change*> last;
  for (const auto& change : planned) {
    if (!is_event(change.key)) continue;
    last[change.key] = &change;
    if (change.type == WatchEvent::Type::Added) ++count;
    if (change.type == WatchEvent::Type::Deleted) --count;
  }
  std::vector<ObjectKey> victims;
  for (auto it = by_version_.begin(); it != by_version_.end() && count > limit; ++it) {
    if (last.count(it->second)) continue;  // written by this batch: younger than the rest
    victims.push_back(it->second);
    --count;
  }
  if (count <= limit) return victims;
  // A batch that writes more Events than the limit: the oldest of its own go too.
  std::map<std::uint64_t, ObjectKey> written;
  for (const auto& [key, change] : last)
    if (change->type != WatchEvent::Type::Deleted) written.emplace(change->resource_version, key);
  for (auto it = written.begin(); it != written.end() && count > limit; ++it) {
    victims.push_back(it->second);
    --count;
  }
  return victims;
}

}  // namespace ordinal::identity
