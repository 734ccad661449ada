#pragma once
// Typed view of a StatefulSet (apps/v1): metadata, spec (stateful_set_spec.hpp) and status
// (SS-1.14, §13). Keeps the JSON it was read from, so `StatefulSet::from_json(j).to_json() == j`
// and a change to a typed field changes only that field.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/condition.hpp"
#include "identity/json.hpp"
#include "identity/object_meta.hpp"
#include "identity/stateful_set_spec.hpp"

namespace ordinal::identity {

/// `status` of a StatefulSet (SS-1.14); counters are unset until first written.
struct StatefulSetStatus {
  std::optional<std::int64_t> observed_generation;
  std::optional<std::int32_t> replicas;
  std::optional<std::int32_t> ready_replicas;
  std::optional<std::int32_t> current_replicas;
  std::optional<std::int32_t> updated_replicas;
  std::optional<std::int32_t> available_replicas;
  std::string current_revision;
  std::string update_revision;
  std::optional<std::int32_t> collision_count;
  std::vector<Condition> conditions;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static StatefulSetStatus from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct StatefulSet {
  static constexpr std::string_view kApiVersion = "apps/v1";
  static constexpr std::string_view kKind = "StatefulSet";

  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  StatefulSetSpec spec;
  StatefulSetStatus status;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static StatefulSet from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared; an absent
  /// `metadata`, `spec` or `status` that stayed empty stays absent.
  [[nodiscard]] Json to_json() const;

  /// `spec.replicas`, 1 when unset (SS-1.1).
  [[nodiscard]] std::int32_t desired_replicas() const { return spec.replicas.value_or(1); }
  /// `spec.ordinals.start`, 0 when unset (statefulset.md §0, SS-1.13).
  [[nodiscard]] std::int32_t start_ordinal() const { return spec.ordinals_start.value_or(0); }
  /// The rolling-update partition: 0 without a `rollingUpdate` block or partition (SS-1.8).
  [[nodiscard]] std::int32_t partition() const;
  /// `podManagementPolicy: Parallel` (burst mode); OrderedReady otherwise.
  [[nodiscard]] bool is_parallel() const { return spec.pod_management_policy == "Parallel"; }
  /// `updateStrategy.type: OnDelete`; RollingUpdate otherwise (SS-1.7).
  [[nodiscard]] bool is_on_delete() const { return spec.update_strategy.type == "OnDelete"; }
};

}  // namespace ordinal::identity
