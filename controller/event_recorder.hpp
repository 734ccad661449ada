#pragma once
// Events for what the controllers and the simulated kubelet do (`SuccessfulCreate`,
// `FailedBinding`, ...), readable with `ordinal get events` and in `describe`. Like Kubernetes'
// event correlator, a repeat of the same (object, type, reason, message) within ten minutes
// bumps `count` and `lastTimestamp` of the existing Event instead of adding one.
//
// Recording is best effort: a failed write is dropped (an event must never fail a pass). A
// deferred recorder (the one `ordinal serve` uses) keeps what it records in memory until
// flush(), which writes it all in one commit, so events never cost a pass a disk sync each.
//
// Thread-safety: record and flush may be called from any thread (overlapping kubelet syncs);
// calls are serialised.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"

namespace ordinal::controller {

inline constexpr std::string_view kNormal = "Normal";
inline constexpr std::string_view kWarning = "Warning";

class EventRecorder {
 public:
  /// `objects` must outlive the recorder. `component` fills `source.component` and
  /// `reportingComponent`, e.g. "statefulset-controller".
  /// `deferred`: events are written by flush() rather than by record().
  EventRecorder(ObjectManager& objects, std::string component, bool deferred = false);

  /// Records an Event about `involved` (any stored object: kind, namespace, name, uid and
  /// resourceVersion are read from it) in its namespace ("default" for cluster-scoped objects).
  void record(const Json& involved, std::string_view type, std::string_view reason,
              const std::string& message, TimePoint now);
  /// Writes the events recorded since the last flush, in one commit. Nothing to do for a
  /// recorder that is not deferred.
  void flush();

 private:
  struct Recent {
    std::string event_name;
    TimePoint last;
  };
  /// Makes `event` (a new Event) stored, now or at the next flush; false when that failed.
  bool write_new(Json event);
  /// Bumps count and lastTimestamp of the event named `name`; false when it cannot be found.
  bool write_repeat(const std::string& ns, const std::string& name, const std::string& stamp);
  /// Shrinks recent_ to at most half of its cap; called with mu_ held.
  void forget_oldest(TimePoint now);

  ObjectManager& objects_;
  std::string component_;
  const bool deferred_;
  std::mutex mu_;                                     ///< guards everything below
  std::map<std::string, Recent> recent_;              ///< correlation key -> last event written
  std::uint64_t sequence_ = 0;                        ///< makes names unique within one `now`
  std::vector<Json> pending_;                         ///< deferred: new events not written yet
  std::map<std::string, std::size_t> pending_index_;  ///< "<ns>/<name>" -> index in pending_
};

}  // namespace ordinal::controller
