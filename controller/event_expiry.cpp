#include "controller/event_expiry.hpp"

#include "identity/metadata.hpp"

namespace ordinal::controller {

void EventExpiry::on_change(const identity::WatchEvent& event, KeySink& keys) {
  // A deleted Event (dropped by the registry's event limit, say) is synced at once, finds
  // nothing and leaves the queue, instead of holding its expiry timer for up to an hour.
  keys.add(namespaced_key(identity::metadata_string(*event.object, "namespace"),
                          identity::metadata_string(*event.object, "name")));
}

SyncOutcome EventExpiry::sync(const std::string& key, TimePoint now) {
  const auto parts = split_namespaced_key(key);
  if (!parts) return SyncOutcome::done();
  const ObjectKey object_key{"Event", parts->first, parts->second};
  auto event = objects_.get(object_key);
  if (!event) return SyncOutcome::done();  // already gone
  const Json& object = **event;
  std::string stamp = object.value("lastTimestamp", "");
  if (stamp.empty()) stamp = identity::metadata_string(object, "creationTimestamp");
  const auto last = identity::parse_timestamp(stamp).value_or(now);
  const auto expires = last + ttl_;
  if (expires > now)
    return SyncOutcome::after(std::chrono::ceil<std::chrono::milliseconds>(expires - now));
  auto removed = objects_.remove(object_key);
  if (!removed && removed.error().code != 404) return SyncOutcome::failed(removed.error());
  return SyncOutcome::done();
}

}  // namespace ordinal::controller
