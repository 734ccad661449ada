#include "controller/pv_matching.hpp"

#include <algorithm>
#include <set>

#include "identity/json_fields.hpp"
#include "identity/label_selector.hpp"
#include "identity/quantity.hpp"

namespace ordinal::controller {
namespace {

using identity::PersistentVolume;
using identity::PersistentVolumeClaim;

// An absent or unparsable size counts as zero, as Kubernetes' zero-value Quantity does.
std::int64_t bytes_of(const std::optional<identity::Quantity>& quantity) {
  return quantity ? quantity->bytes() : 0;
}

std::string mode_or_filesystem(const std::string& mode) {
  return mode.empty() ? "Filesystem" : mode;
}

std::string attributes_class(const identity::Json& spec) {
  return identity::fields::get_string(spec, {"volumeAttributesClassName"});
}

std::vector<std::string> sorted_unique(std::vector<std::string> modes) {
  std::sort(modes.begin(), modes.end());
  modes.erase(std::unique(modes.begin(), modes.end()), modes.end());
  return modes;
}

// SS-15.4 step 2: what disqualifies a volume before reservation is even considered.
bool basic_fit(const PersistentVolume& volume, const PersistentVolumeClaim& claim) {
  if (volume.spec.claim_ref && !is_volume_bound_to_claim(volume, claim)) return false;
  if (bytes_of(volume.capacity()) < bytes_of(claim.requested_storage())) return false;
  if (volume_mode_mismatch(volume, claim)) return false;
  if (attributes_class(volume.spec.original) != attributes_class(claim.spec.original)) return false;
  return !volume.metadata.is_terminating();
}

// SS-15.4 steps 2-6 within one access-mode group.
const PersistentVolume* match_in_group(const PersistentVolumeClaim& claim,
                                       const std::vector<const PersistentVolume*>& group,
                                       const std::optional<identity::LabelSelector>& selector,
                                       bool delay_binding) {
  const std::string requested_class = claim_class(claim);
  const PersistentVolume* smallest = nullptr;
  for (const PersistentVolume* volume : group) {
    if (!basic_fit(*volume, claim)) continue;
    if (is_volume_bound_to_claim(*volume, claim)) return volume;  // step 3: reserved first
    if (delay_binding) continue;                                  // step 4
    if (volume->status_phase != "Available") continue;
    if (selector && !selector->matches(volume->metadata.labels)) continue;
    if (volume->spec.storage_class_name != requested_class) continue;
    if (smallest == nullptr || bytes_of(volume->capacity()) < bytes_of(smallest->capacity()))
      smallest = volume;
  }
  return smallest;
}

}  // namespace

std::string claim_class(const PersistentVolumeClaim& claim) {
  return claim.spec.storage_class_name.value_or("");
}

bool is_volume_bound_to_claim(const PersistentVolume& volume, const PersistentVolumeClaim& claim) {
  const auto& ref = volume.spec.claim_ref;
  if (!ref || ref->name != claim.metadata.name || ref->ns != claim.metadata.ns) return false;
  return ref->uid.empty() || ref->uid == claim.metadata.uid;
}

bool offers_access_modes(const std::vector<std::string>& offered,
                         const std::vector<std::string>& requested) {
  return std::all_of(requested.begin(), requested.end(), [&offered](const std::string& mode) {
    return std::find(offered.begin(), offered.end(), mode) != offered.end();
  });
}

bool volume_mode_mismatch(const PersistentVolume& volume, const PersistentVolumeClaim& claim) {
  return mode_or_filesystem(volume.spec.volume_mode) != mode_or_filesystem(claim.spec.volume_mode);
}

std::optional<std::string> volume_mismatch(const PersistentVolume& volume,
                                           const PersistentVolumeClaim& claim) {
  if (volume.metadata.is_terminating()) return "requested PV is being deleted";
  if (bytes_of(volume.capacity()) < bytes_of(claim.requested_storage()))
    return "requested PV is too small";
  if (volume.spec.storage_class_name != claim_class(claim))
    return "storageClassName does not match";
  if (volume_mode_mismatch(volume, claim)) return "incompatible volumeMode";
  if (!offers_access_modes(volume.spec.access_modes, claim.spec.access_modes))
    return "incompatible accessMode";
  return std::nullopt;
}

std::vector<std::vector<std::string>> access_mode_groups(
    const std::vector<PersistentVolume>& volumes, const std::vector<std::string>& requested) {
  std::set<std::vector<std::string>> distinct;
  for (const PersistentVolume& volume : volumes) {
    std::vector<std::string> modes = sorted_unique(volume.spec.access_modes);
    if (offers_access_modes(modes, requested)) distinct.insert(std::move(modes));
  }
  std::vector<std::vector<std::string>> groups(distinct.begin(), distinct.end());
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  return groups;
}

const PersistentVolume* find_best_match(const PersistentVolumeClaim& claim,
                                        const std::vector<PersistentVolume>& volumes,
                                        bool delay_binding) {
  std::optional<identity::LabelSelector> selector;
  if (!claim.spec.selector.is_null()) {
    selector = identity::LabelSelector::from_json(claim.spec.selector);
    if (!selector) return nullptr;
  }
  for (const auto& modes : access_mode_groups(volumes, claim.spec.access_modes)) {
    std::vector<const PersistentVolume*> group;
    for (const PersistentVolume& volume : volumes)
      if (sorted_unique(volume.spec.access_modes) == modes) group.push_back(&volume);
    if (const PersistentVolume* match = match_in_group(claim, group, selector, delay_binding))
      return match;
  }
  return nullptr;
}

}  // namespace ordinal::controller
