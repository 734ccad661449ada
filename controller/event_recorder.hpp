#pragma once
// Events for what the controllers and the simulated kubelet do (`SuccessfulCreate`,
// `FailedBinding`, ...), readable with `ordinal get events` and in `describe`. Like Kubernetes'
// event correlator, a repeat of the same (object, type, reason, message) within ten minutes
// bumps `count` and `lastTimestamp` of the existing Event instead of adding one.
//
// Recording is best effort: a failed write is dropped (an event must never fail a pass).
// Thread-safety: one caller at a time (the controller manager's thread).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"

namespace ordinal::controller {

inline constexpr std::string_view kNormal = "Normal";
inline constexpr std::string_view kWarning = "Warning";

class EventRecorder {
 public:
  /// `objects` must outlive the recorder. `component` fills `source.component` and
  /// `reportingComponent`, e.g. "statefulset-controller".
  EventRecorder(ObjectManager& objects, std::string component);

  /// Records an Event about `involved` (any stored object: kind, namespace, name, uid and
  /// resourceVersion are read from it) in its namespace ("default" for cluster-scoped objects).
  void record(const Json& involved, std::string_view type, std::string_view reason,
              const std::string& message, TimePoint now);

 private:
  struct Recent {
    std::string event_name;
    TimePoint last;
  };
  ObjectManager& objects_;
  std::string component_;
  std::map<std::string, Recent> recent_;  ///< correlation key -> last event written
  std::uint64_t sequence_ = 0;            ///< makes names unique within one `now`
};

}  // namespace ordinal::controller
