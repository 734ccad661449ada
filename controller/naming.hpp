#pragma once
// Naming rules of a StatefulSet's pods and claims (statefulset.md §0, SS-3.1, SS-4.1, SS-5.1):
// pure free functions of the set and the pod, safe from any thread. The set and pods are the
// typed views of identity/; nothing here reads or writes the registry.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "identity/label_selector.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// Pod label holding the pod's own name (SS-3.3); the identity check compares it (SS-3.5).
inline constexpr std::string_view kPodNameLabel = "statefulset.kubernetes.io/pod-name";
/// Pod label holding the ordinal in decimal (SS-3.3).
inline constexpr std::string_view kPodIndexLabel = "apps.kubernetes.io/pod-index";
/// Pod label holding the name of the pod's ControllerRevision (SS-3.3, "revision label" of §0).
inline constexpr std::string_view kRevisionLabel = "controller-revision-hash";

/// A pod name split as in statefulset.md §0.
struct PodNameParts {
  std::string parent;         ///< the text before the last '-'; "" when there is no `-<digits>`
  std::int32_t ordinal = -1;  ///< the digits after it; -1 when absent or not a 32-bit int
};

/// Splits `pod_name` (§0). A name ending in `-<digits>` keeps its parent even when the number
/// does not fit in 32 bits (only the ordinal is then -1), as Kubernetes does; such a pod can
/// still be claimed by its set (SS-5.1) but is ignored by the reconcile pass (SS-5.4).
[[nodiscard]] PodNameParts split_pod_name(std::string_view pod_name);
/// The ordinal of `pod_name`, or -1 when it has none (§0).
[[nodiscard]] std::int32_t parse_ordinal(std::string_view pod_name);
/// The parent name of `pod_name`, or "" when it does not end in `-<digits>` (§0).
[[nodiscard]] std::string parent_name(std::string_view pod_name);

/// `<set name>-<ordinal>`, decimal without padding (SS-3.1). `ordinal` should be >= 0.
[[nodiscard]] std::string pod_name(const identity::StatefulSet& set, std::int32_t ordinal);
/// `<template name>-<set name>-<ordinal>` (SS-4.1), for one of `set`'s claim templates.
[[nodiscard]] std::string claim_name(const identity::PersistentVolumeClaim& claim_template,
                                     const identity::StatefulSet& set, std::int32_t ordinal);

/// `start <= ordinal <= end` (statefulset.md §0): a pod outside is condemned.
[[nodiscard]] bool in_range(const identity::StatefulSet& set, std::int32_t ordinal);

/// SS-5.1 matching: `pod` is in the set's namespace, its parent name equals the set name and
/// `spec.selector` matches its labels. A missing or malformed selector matches nothing.
/// Ownership (controlled by this set or by none, SS-5.1/5.4) is the caller's check.
[[nodiscard]] bool is_member_of(const identity::StatefulSet& set, const identity::Pod& pod);
/// The same with the set's selector already parsed (nullopt: invalid, matches nothing), for
/// callers that test many pods against one set.
[[nodiscard]] bool is_member_of(const identity::StatefulSet& set,
                                const std::optional<identity::LabelSelector>& selector,
                                const identity::Pod& pod);

}  // namespace ordinal::controller
