#pragma once
// Events expire, as with kube-apiserver's --event-ttl (default one hour): without it every pod
// ever created would leave its events in the store forever. An Event is deleted once its
// lastTimestamp (or, lacking one, its creation time) is older than the TTL.
#include <chrono>

#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"

namespace ordinal::controller {

class EventExpiry final : public Reconciler {
 public:
  /// `objects` must outlive this reconciler.
  explicit EventExpiry(ObjectManager& objects,
                       std::chrono::milliseconds ttl = std::chrono::hours(1))
      : objects_(objects), ttl_(ttl) {}

  [[nodiscard]] std::string_view name() const override { return "event-expiry"; }
  [[nodiscard]] std::vector<std::string> watched_kinds() const override { return {"Event"}; }
  /// Key: "<namespace>/<name>" of the Event.
  void on_change(const identity::WatchEvent& event, KeySink& keys) override;
  /// Deletes the Event when expired; otherwise asks to be run again when it will be.
  SyncOutcome sync(const std::string& key, TimePoint now) override;

 private:
  ObjectManager& objects_;
  std::chrono::milliseconds ttl_;
};

}  // namespace ordinal::controller
