#pragma once
// Typed view of one entry of `status.conditions` (Pod and StatefulSet conditions share these
// fields; a pod condition's `lastProbeTime` is kept in `original`), and the upsert rule every
// writer of conditions follows.
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity {

struct Condition {
  std::string type;                  ///< "Ready", "PodScheduled", ...
  std::string status;                ///< "True", "False" or "Unknown"
  std::string last_transition_time;  ///< RFC 3339
  std::string reason;
  std::string message;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static Condition from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
  [[nodiscard]] bool is_true() const { return status == "True"; }
};

/// The condition of this type in `conditions`, or nullptr. Points into `conditions`.
const Condition* find_condition(const std::vector<Condition>& conditions, std::string_view type);

/// Sets condition `type` to `status` (with reason and message), adding it when missing.
/// `lastTransitionTime` becomes `now` only when the status changes or the condition is new, as
/// the Kubernetes components do. Returns whether anything changed.
bool set_condition(std::vector<Condition>& conditions, std::string_view type,
                   std::string_view status, std::string_view now, std::string_view reason = {},
                   std::string_view message = {});

}  // namespace ordinal::identity
