// The binder's volume side: phases of a volume (SS-15.1), release when its claim goes away
// (SS-15.7) and the reclaim policy (SS-15.8).
#include <utility>

#include "controller/volume_binder.hpp"
#include "controller/volume_binder_util.hpp"
#include "identity/metadata.hpp"

namespace ordinal::controller {

using identity::PersistentVolume;
using identity::PersistentVolumeClaim;
using identity::UpdateScope;

std::optional<ApiError> VolumeBinder::set_volume_phase(Volume& volume, const std::string& phase) {
  if (volume.status_phase == phase) return std::nullopt;
  volume.status_phase = phase;
  auto updated = objects_.update(volume.to_json(), UpdateScope::Status);
  if (!updated) return updated.error();
  volume = PersistentVolume::from_json(**updated);
  return std::nullopt;
}

// SS-15.1/15.7: Available without a claim or while only reserved by name, Bound while its claim
// (same UID) exists, Released once that claim is gone.
SyncOutcome VolumeBinder::sync_volume(const std::string& volume_name, TimePoint now) {
  auto stored = objects_.get({std::string(PersistentVolume::kKind), "", volume_name});
  if (!stored)
    return is_not_found(stored.error()) ? SyncOutcome::done() : SyncOutcome::failed(stored.error());
  auto volume = PersistentVolume::from_json(**stored);
  if (volume.metadata.is_terminating()) return SyncOutcome::done();
  const auto& ref = volume.spec.claim_ref;
  if (!ref || ref->uid.empty()) {
    if (auto error = set_volume_phase(volume, "Available")) return SyncOutcome::failed(*error);
    return SyncOutcome::done();
  }
  auto claim_object = objects_.get({std::string(PersistentVolumeClaim::kKind), ref->ns, ref->name});
  if (!claim_object && !is_not_found(claim_object.error()))
    return SyncOutcome::failed(claim_object.error());
  if (!claim_object || identity::metadata_string(**claim_object, "uid") != ref->uid)
    return release(std::move(volume), now);
  const auto claim = PersistentVolumeClaim::from_json(**claim_object);
  if (claim.spec.volume_name.empty() || claim.spec.volume_name == volume.metadata.name) {
    // Bound, or mid-binding: the claim's own pass finishes the claim side.
    if (auto error = set_volume_phase(volume, "Bound")) return SyncOutcome::failed(*error);
    return SyncOutcome::done();
  }
  // The claim went to another volume. A volume made for it is not needed any more.
  if (has_annotation(volume.metadata, kProvisionedByAnnotation) &&
      volume.spec.persistent_volume_reclaim_policy == "Delete")
    return release(std::move(volume), now);
  return unbind(std::move(volume));
}

// SS-15.8: Released keeps its claimRef (old UID, never matched again); then the policy acts.
SyncOutcome VolumeBinder::release(Volume volume, TimePoint now) {
  if (volume.status_phase != "Released" && volume.status_phase != "Failed")
    if (auto error = set_volume_phase(volume, "Released")) return SyncOutcome::failed(*error);
  const std::string& policy = volume.spec.persistent_volume_reclaim_policy;
  if (policy == "Delete") return delete_volume(std::move(volume), now);
  if (policy.empty() || policy == "Retain") return SyncOutcome::done();
  // Recycle is deprecated and not implemented; say so once, as for any unknown policy.
  if (volume.status_phase == "Failed") return SyncOutcome::done();
  if (auto error = set_volume_phase(volume, "Failed")) return SyncOutcome::failed(*error);
  events_.record(volume.original, kWarning, "VolumeUnknownReclaimPolicy",
                 "Volume has unrecognized PersistentVolumeReclaimPolicy \"" + policy + "\"", now);
  return SyncOutcome::done();
}

// The binder reserved this volume for a claim that was then bound elsewhere: give it back
// (all of it if the binder chose the pairing, else keep the user's reservation by name).
SyncOutcome VolumeBinder::unbind(Volume volume) {
  if (has_annotation(volume.metadata, kBoundByControllerAnnotation)) {
    volume.spec.claim_ref.reset();
    volume.metadata.annotations.erase(std::string(kBoundByControllerAnnotation));
  } else {
    volume.spec.claim_ref->uid.clear();
  }
  auto updated = objects_.update(volume.to_json());
  if (!updated) return SyncOutcome::failed(updated.error());
  volume = PersistentVolume::from_json(**updated);
  if (auto error = set_volume_phase(volume, "Available")) return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

// SS-15.8 Delete: the directory (only one this provisioner made) and then the object. A failed
// removal leaves the volume Failed and the pass is retried with backoff.
SyncOutcome VolumeBinder::delete_volume(Volume volume, TimePoint now) {
  const Json& source = !volume.spec.host_path.is_null() ? volume.spec.host_path : volume.spec.local;
  const std::string path = source.is_object() ? source.value("path", "") : "";
  if (!path.empty() && provisioner_.owns(path)) {
    if (auto error = provisioner_.remove(path)) {
      events_.record(volume.original, kWarning, "VolumeFailedDelete", error->message, now);
      if (auto phase_error = set_volume_phase(volume, "Failed"))
        return SyncOutcome::failed(*phase_error);
      return SyncOutcome::failed(*error);
    }
  }
  identity::DeleteOptions options;
  options.precondition_uid = volume.metadata.uid;
  auto removed = objects_.remove(ObjectKey::of(volume.original), options);
  if (!removed && !is_not_found(removed.error())) return SyncOutcome::failed(removed.error());
  return SyncOutcome::done();
}

}  // namespace ordinal::controller
