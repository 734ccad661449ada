#pragma once
// Whether the simulated scheduler may place a pod on the one simulated node, judged by the
// pod's PersistentVolumeClaims only (the volume-binding filter of Kubernetes' scheduler; the
// simulated node has room for everything else). Pure: the caller reads the objects and acts on
// the verdict. Safe from any thread.
#include <string>
#include <string_view>
#include <vector>

#include "identity/persistent_volume_claim.hpp"
#include "identity/pod.hpp"
#include "identity/storage_class.hpp"

namespace ordinal::controller {

/// The claim annotation naming the node chosen for a WaitForFirstConsumer claim (SS-15.6); the
/// volume binder provisions once it is set.
inline constexpr std::string_view kSelectedNodeAnnotation = "volume.kubernetes.io/selected-node";

struct PlacementDecision {
  enum class Verdict {
    Place,           ///< every claim is Bound (or the pod has none)
    WaitForVolumes,  ///< only WaitForFirstConsumer claims are unbound: select the node, wait
    Unschedulable,   ///< a claim is missing, being deleted, or unbound with Immediate binding
  };
  Verdict verdict = Verdict::Place;
  /// Unschedulable: the scheduler's message, e.g. `persistentvolumeclaim "www-web-0" not found`.
  std::string message;
  /// WaitForVolumes: the unbound WaitForFirstConsumer claims whose selected-node annotation is
  /// not yet `node_name` (empty when every one already names it).
  std::vector<std::string> claims_to_select;
};

/// The claim names of the pod's persistentVolumeClaim volumes, in volume order.
[[nodiscard]] std::vector<std::string> claim_names(const identity::Pod& pod);

/// Judges `pod` against `claims` (the claims of its namespace) and `classes` (every
/// StorageClass). A claim without storageClassName uses the default class; a class that does not
/// exist, or no class, counts as Immediate binding. Missing claims are reported before unbound
/// ones, each naming the first offending claim in volume order.
[[nodiscard]] PlacementDecision decide_placement(
    const identity::Pod& pod, const std::vector<identity::PersistentVolumeClaim>& claims,
    const std::vector<identity::StorageClass>& classes, std::string_view node_name);

}  // namespace ordinal::controller
