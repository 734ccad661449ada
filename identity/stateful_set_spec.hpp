#pragma once
// Typed view of a StatefulSet's spec (statefulset.md §1). Keeps the JSON it was read from, so
// absent fields stay absent (defaulting is identity/defaults.hpp's job) and unmodelled fields
// survive a round trip.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/int_or_string.hpp"
#include "identity/json.hpp"
#include "identity/json_fields.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/pod_spec.hpp"

namespace ordinal::identity {

/// `spec.updateStrategy.rollingUpdate`.
struct RollingUpdateStrategy {
  std::optional<std::int32_t> partition;       ///< SS-1.8; unset = 0
  std::optional<IntOrString> max_unavailable;  ///< SS-1.9; unset = 1
  Json original;                               ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static RollingUpdateStrategy from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

/// `spec.updateStrategy`.
struct UpdateStrategy {
  std::string type;  ///< "RollingUpdate" or "OnDelete"; "" when unset
  /// Present or not is meaningful (SS-1.7): an explicit `type: RollingUpdate` without the
  /// block leaves it nullopt, defaulting an unset type materialises an empty block.
  std::optional<RollingUpdateStrategy> rolling_update;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static UpdateStrategy from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

/// `spec.persistentVolumeClaimRetentionPolicy` (SS-1.12).
struct ClaimRetentionPolicy {
  std::string when_deleted;  ///< "Retain" or "Delete"; "" when unset (= Retain)
  std::string when_scaled;   ///< "Retain" or "Delete"; "" when unset (= Retain)
  Json original;             ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ClaimRetentionPolicy from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct StatefulSetSpec {
  std::optional<std::int32_t> replicas;  ///< SS-1.1; unset = 1
  Json selector;  ///< a LabelSelector as written (see label_selector.hpp); null when absent
  std::string service_name;
  PodTemplateSpec pod_template;  ///< `template`
  std::vector<PersistentVolumeClaim> volume_claim_templates;
  std::string pod_management_policy;  ///< "OrderedReady" or "Parallel"; "" when unset
  UpdateStrategy update_strategy;
  std::optional<std::int32_t> revision_history_limit;  ///< SS-1.10; unset = 10
  std::optional<std::int32_t> min_ready_seconds;       ///< SS-1.11; unset = 0
  ClaimRetentionPolicy persistent_volume_claim_retention_policy;
  std::optional<std::int32_t> ordinals_start;  ///< `ordinals.start`, SS-1.13; unset = 0
  Json original;                               ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static StatefulSetSpec from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;

  /// `selector.matchLabels` (empty when absent).
  [[nodiscard]] fields::StringMap match_labels() const;
};

}  // namespace ordinal::identity
