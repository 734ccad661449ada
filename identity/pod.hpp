#pragma once
// Typed view of a Pod (core/v1). Keeps the JSON it was read from, so
// `Pod::from_json(j).to_json() == j` and a change to a typed field changes only that field.
// Views are plain values: copy freely, not thread-safe to mutate concurrently.
#include <memory>
#include <string>
#include <string_view>

#include "identity/condition.hpp"
#include "identity/json.hpp"
#include "identity/object_meta.hpp"
#include "identity/pod_spec.hpp"
#include "identity/pod_status.hpp"

namespace ordinal::identity {

struct Pod {
  static constexpr std::string_view kApiVersion = "v1";
  static constexpr std::string_view kKind = "Pod";

  std::string api_version;  ///< as read; empty on a view built from nothing
  std::string kind;
  ObjectMeta metadata;
  PodSpec spec;
  PodStatus status;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static Pod from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared; an absent
  /// `metadata`, `spec` or `status` that stayed empty stays absent.
  [[nodiscard]] Json to_json() const;

  /// The `Ready` condition, or nullptr. Points into this pod.
  [[nodiscard]] const Condition* ready_condition() const;
  /// The `Ready` condition is `True` (Kubernetes' IsPodReady).
  [[nodiscard]] bool is_ready() const;
  /// `status.phase == Running` and ready: "Running+Ready" of statefulset.md §0.
  [[nodiscard]] bool is_running_and_ready() const;
  /// Has a non-empty `status.phase` ("created", statefulset.md §0).
  [[nodiscard]] bool is_created() const { return !status.phase.empty(); }
  /// `metadata.deletionTimestamp` is set.
  [[nodiscard]] bool is_terminating() const { return metadata.is_terminating(); }
};

/// A parsed pod, shared and immutable: copying the pointer is what passing a pod costs.
using PodPtr = std::shared_ptr<const Pod>;

}  // namespace ordinal::identity
