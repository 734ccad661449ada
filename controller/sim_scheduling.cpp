#include "controller/sim_scheduling.hpp"

#include <optional>

#include "controller/default_storage_class.hpp"

namespace ordinal::controller {
namespace {

using identity::PersistentVolumeClaim;
using identity::StorageClass;

const PersistentVolumeClaim* find_claim(const std::vector<PersistentVolumeClaim>& claims,
                                        const std::string& name) {
  for (const auto& claim : claims)
    if (claim.metadata.name == name) return &claim;
  return nullptr;
}

// The class the volume binder will use for `claim`: its own, else the default class (the binder
// assigns it, SS-15.5). nullptr: no class, or one that does not exist.
// The claim's class; a claim without the field gets the default class, chosen exactly as the
// volume binder chooses it.
const StorageClass* class_of(const PersistentVolumeClaim& claim,
                             const std::vector<StorageClass>& classes) {
  std::string name;
  if (claim.spec.storage_class_name) {
    name = *claim.spec.storage_class_name;
  } else if (auto fallback = default_storage_class(classes)) {
    name = fallback->metadata.name;
  }
  for (const auto& storage_class : classes)
    if (!name.empty() && storage_class.metadata.name == name) return &storage_class;
  return nullptr;
}

bool waits_for_first_consumer(const PersistentVolumeClaim& claim,
                              const std::vector<StorageClass>& classes) {
  const StorageClass* storage_class = class_of(claim, classes);
  return storage_class != nullptr && storage_class->volume_binding_mode == "WaitForFirstConsumer";
}

PlacementDecision unschedulable(std::string message) {
  PlacementDecision decision;
  decision.verdict = PlacementDecision::Verdict::Unschedulable;
  decision.message = std::move(message);
  return decision;
}

}  // namespace

std::vector<std::string> claim_names(const identity::Pod& pod) {
  std::vector<std::string> names;
  for (const auto& volume : pod.spec.volumes)
    if (volume.persistent_volume_claim && !volume.persistent_volume_claim->claim_name.empty())
      names.push_back(volume.persistent_volume_claim->claim_name);
  return names;
}

PlacementDecision decide_placement(const identity::Pod& pod,
                                   const std::vector<PersistentVolumeClaim>& claims,
                                   const std::vector<StorageClass>& classes,
                                   std::string_view node_name) {
  const std::vector<std::string> names = claim_names(pod);
  // The scheduler's messages (volumebinding plugin), checked in its order.
  for (const auto& name : names) {
    const PersistentVolumeClaim* claim = find_claim(claims, name);
    if (claim == nullptr) return unschedulable("persistentvolumeclaim \"" + name + "\" not found");
    if (claim->metadata.is_terminating())
      return unschedulable("persistentvolumeclaim \"" + name + "\" is being deleted");
  }
  PlacementDecision decision;
  for (const auto& name : names) {
    const PersistentVolumeClaim& claim = *find_claim(claims, name);
    if (claim.is_bound()) continue;
    if (!waits_for_first_consumer(claim, classes))
      return unschedulable("pod has unbound immediate PersistentVolumeClaims");
    decision.verdict = PlacementDecision::Verdict::WaitForVolumes;
    const auto selected = claim.metadata.annotations.find(std::string(kSelectedNodeAnnotation));
    if (selected == claim.metadata.annotations.end() || selected->second != node_name)
      decision.claims_to_select.push_back(name);
  }
  return decision;
}

}  // namespace ordinal::controller
