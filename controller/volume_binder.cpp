// The binder's claim side (SS-15.1-15.6); the volume side is in volume_reclaim.cpp.
#include "controller/volume_binder.hpp"

#include <utility>

#include "controller/default_storage_class.hpp"
#include "controller/pv_matching.hpp"
#include "controller/volume_binder_util.hpp"
#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

using identity::PersistentVolume;
using identity::PersistentVolumeClaim;
using identity::StorageClass;
using identity::UpdateScope;

constexpr std::string_view kClaimPrefix = "claim:";
constexpr std::string_view kVolumePrefix = "volume:";

// Sets an annotation; true when that changed anything.
bool annotate(identity::ObjectMeta& meta, std::string_view key, const std::string& value) {
  auto [it, inserted] = meta.annotations.try_emplace(std::string(key), value);
  if (inserted || it->second == value) return inserted;
  it->second = value;
  return true;
}

std::string claim_key(const std::string& ns, const std::string& name) {
  return std::string(kClaimPrefix) + ns + "/" + name;
}

SyncOutcome retry_later() {
  return SyncOutcome::after(kUnboundClaimRetry);
}

}  // namespace

identity::ObjectReference claim_reference(const PersistentVolumeClaim& claim) {
  identity::ObjectReference ref;
  ref.kind = PersistentVolumeClaim::kKind;
  ref.api_version = PersistentVolumeClaim::kApiVersion;
  ref.ns = claim.metadata.ns;
  ref.name = claim.metadata.name;
  ref.uid = claim.metadata.uid;
  ref.resource_version = claim.metadata.resource_version;
  return ref;
}

VolumeBinder::VolumeBinder(ObjectManager& objects, EventRecorder& events,
                           std::filesystem::path volumes_root)
    : objects_(objects), events_(events), provisioner_(std::move(volumes_root)) {}

std::vector<std::string> VolumeBinder::watched_kinds() const {
  return {"PersistentVolumeClaim", "PersistentVolume", "StorageClass"};
}

void VolumeBinder::on_change(const identity::WatchEvent& event, KeySink& keys) {
  if (!event.object) return;
  const Json& object = *event.object;
  const std::string kind = object.value("kind", "");
  if (kind == "PersistentVolumeClaim") {
    const auto claim = PersistentVolumeClaim::from_json(object);
    keys.add(claim_key(claim.metadata.ns, claim.metadata.name));
    if (event.type != identity::WatchEvent::Type::Deleted) return;
    // SS-15.7: the volumes it held (named, or only reserved mid-binding) are released now.
    if (!claim.spec.volume_name.empty())
      keys.add(std::string(kVolumePrefix) + claim.spec.volume_name);
    for (const Volume& volume : all_volumes())
      if (is_volume_bound_to_claim(volume, claim))
        keys.add(std::string(kVolumePrefix) + volume.metadata.name);
  } else if (kind == "PersistentVolume") {
    const auto volume = PersistentVolume::from_json(object);
    keys.add(std::string(kVolumePrefix) + volume.metadata.name);
    if (volume.spec.claim_ref && !volume.spec.claim_ref->name.empty())
      keys.add(claim_key(volume.spec.claim_ref->ns, volume.spec.claim_ref->name));
    add_unbound_claims(keys);
  } else if (kind == "StorageClass") {
    add_unbound_claims(keys);
  }
}

SyncOutcome VolumeBinder::sync(const std::string& key, TimePoint now) {
  const std::string_view view(key);
  if (view.substr(0, kVolumePrefix.size()) == kVolumePrefix)
    return sync_volume(key.substr(kVolumePrefix.size()), now);
  if (view.substr(0, kClaimPrefix.size()) != kClaimPrefix) return SyncOutcome::done();
  const std::string rest = key.substr(kClaimPrefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string::npos) return SyncOutcome::done();
  return sync_claim(rest.substr(0, slash), rest.substr(slash + 1), now);
}

SyncOutcome VolumeBinder::sync_claim(const std::string& ns, const std::string& claim_name,
                                     TimePoint now) {
  auto stored = objects_.get({std::string(PersistentVolumeClaim::kKind), ns, claim_name});
  if (!stored)
    return is_not_found(stored.error()) ? SyncOutcome::done() : SyncOutcome::failed(stored.error());
  auto claim = PersistentVolumeClaim::from_json(**stored);
  // As Kubernetes, the annotation (not the phase) says the binding was completed once: a crash
  // after it but before the status write is finished by the bound path.
  if (has_annotation(claim.metadata, kBindCompletedAnnotation)) return sync_bound_claim(claim, now);
  return sync_unbound_claim(std::move(claim), now);
}

// SS-15.1: a bound claim stays bound to its volume or becomes Lost.
SyncOutcome VolumeBinder::sync_bound_claim(const Claim& claim, TimePoint now) {
  if (claim.spec.volume_name.empty())
    return mark_lost(claim, "ClaimLost",
                     "Bound claim has lost reference to PersistentVolume. Data on the volume is "
                     "lost!",
                     now);
  auto stored = objects_.get({std::string(PersistentVolume::kKind), "", claim.spec.volume_name});
  if (!stored && !is_not_found(stored.error())) return SyncOutcome::failed(stored.error());
  if (!stored)
    return mark_lost(claim, "ClaimLost",
                     "Bound claim has lost its PersistentVolume. Data on the volume is lost!", now);
  auto volume = PersistentVolume::from_json(**stored);
  const auto& ref = volume.spec.claim_ref;
  if (ref && ref->uid != claim.metadata.uid)
    return mark_lost(claim, "ClaimMisbound",
                     "Two claims are bound to the same volume, this one is bound incorrectly", now);
  // Either all is well (bind changes nothing) or the volume lost its claimRef: bind it again.
  if (auto error = bind(std::move(volume), claim)) return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

SyncOutcome VolumeBinder::sync_unbound_claim(Claim claim, TimePoint now) {
  if (claim.metadata.is_terminating()) return SyncOutcome::done();
  if (auto error = assign_default_class(claim)) return SyncOutcome::failed(*error);
  if (!claim.spec.volume_name.empty()) return sync_prebound_claim(claim, now);

  const std::string class_name = claim_class(claim);
  std::optional<StorageClass> storage_class;
  if (!class_name.empty()) {
    auto stored = objects_.get({std::string(StorageClass::kKind), "", class_name});
    if (stored)
      storage_class = StorageClass::from_json(**stored);
    else if (!is_not_found(stored.error()))
      return SyncOutcome::failed(stored.error());
  }
  // SS-15.6: until the scheduler picked a node, only a reserved volume may bind.
  const bool delay_binding = storage_class &&
                             storage_class->volume_binding_mode == "WaitForFirstConsumer" &&
                             !has_annotation(claim.metadata, kSelectedNodeAnnotation);
  const std::vector<Volume> volumes = all_volumes();
  if (const Volume* match = find_best_match(claim, volumes, delay_binding)) {
    if (auto error = bind(*match, std::move(claim))) return SyncOutcome::failed(*error);
    return SyncOutcome::done();
  }
  if (class_name.empty())
    return stay_pending(claim, kWarning, "FailedBinding",
                        "no persistent volumes available for this claim and no storage class is "
                        "set",
                        now);
  if (!storage_class)
    return stay_pending(claim, kWarning, "ProvisioningFailed",
                        "storageclass.storage.k8s.io \"" + class_name + "\" not found", now);
  if (delay_binding)
    return stay_pending(claim, kNormal, "WaitForFirstConsumer",
                        "waiting for first consumer to be created before binding", now);
  return provision(std::move(claim), *storage_class, now);
}

// SS-15.3: the claim names its volume; the selector is not checked on this path.
SyncOutcome VolumeBinder::sync_prebound_claim(const Claim& claim, TimePoint now) {
  const std::string& wanted = claim.spec.volume_name;
  auto stored = objects_.get({std::string(PersistentVolume::kKind), "", wanted});
  if (!stored && !is_not_found(stored.error())) return SyncOutcome::failed(stored.error());
  if (!stored)
    return stay_pending(claim, kWarning, "FailedBinding",
                        "volume \"" + wanted + "\" requested but not found", now);
  auto volume = PersistentVolume::from_json(**stored);
  if (volume.spec.claim_ref && !is_volume_bound_to_claim(volume, claim))
    return stay_pending(claim, kWarning, "FailedBinding",
                        "volume \"" + wanted + "\" is already bound to a different claim", now);
  if (auto mismatch = volume_mismatch(volume, claim))
    return stay_pending(claim, kWarning, "VolumeMismatch",
                        "Cannot bind to requested volume \"" + wanted + "\": " + *mismatch, now);
  if (auto error = bind(std::move(volume), claim)) return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

// SS-15.5: a claim with no class field at all gets the default class, also retroactively.
std::optional<ApiError> VolumeBinder::assign_default_class(Claim& claim) {
  if (claim.spec.storage_class_name || !claim.spec.volume_name.empty()) return std::nullopt;
  std::vector<StorageClass> classes;
  for (const auto& object : objects_.list(std::string(StorageClass::kKind), std::nullopt))
    classes.push_back(StorageClass::from_json(*object));
  const auto chosen = default_storage_class(classes);
  if (!chosen) return std::nullopt;
  claim.spec.storage_class_name = chosen->metadata.name;
  auto updated = objects_.update(claim.to_json());
  if (!updated) return updated.error();
  claim = PersistentVolumeClaim::from_json(**updated);
  return std::nullopt;
}

SyncOutcome VolumeBinder::provision(Claim claim, const StorageClass& storage_class, TimePoint now) {
  if (!claim.requested_storage())
    return stay_pending(claim, kWarning, "ProvisioningFailed",
                        "cannot provision a volume without a valid resources.requests.storage",
                        now);
  if (annotate(claim.metadata, kStorageProvisionerAnnotation, storage_class.provisioner)) {
    auto updated = objects_.update(claim.to_json());
    if (!updated) return SyncOutcome::failed(updated.error());
    claim = PersistentVolumeClaim::from_json(**updated);
  }
  auto dir = provisioner_.provision("pvc-" + claim.metadata.uid);
  if (!dir) {
    events_.record(claim.original, kWarning, "ProvisioningFailed", dir.error().message, now);
    return SyncOutcome::failed(dir.error());
  }
  auto created = objects_.create(provisioned_volume(claim, storage_class, *dir));
  if (!created && created.error().code == 409)  // made by a pass that failed later: reuse it
    created = objects_.get({std::string(PersistentVolume::kKind), "", "pvc-" + claim.metadata.uid});
  if (!created) {
    events_.record(claim.original, kWarning, "ProvisioningFailed", created.error().message, now);
    return SyncOutcome::failed(created.error());
  }
  auto volume = PersistentVolume::from_json(**created);
  if (!is_volume_bound_to_claim(volume, claim))
    return SyncOutcome::failed(identity::conflict("persistentvolumes", "", volume.metadata.name,
                                                  "the volume is reserved for another claim"));
  events_.record(claim.original, kNormal, "ProvisioningSucceeded",
                 "Successfully provisioned volume " + volume.metadata.name + " using " +
                     storage_class.provisioner,
                 now);
  if (auto error = bind(std::move(volume), std::move(claim))) return SyncOutcome::failed(*error);
  return SyncOutcome::done();
}

SyncOutcome VolumeBinder::stay_pending(const Claim& claim, std::string_view type,
                                       std::string_view reason, const std::string& message,
                                       TimePoint now) {
  Claim next = claim;
  next.status.phase = "Pending";
  next.status.access_modes.clear();
  next.status.capacity_storage.clear();
  if (next.status.to_json() != claim.status.to_json()) {
    auto updated = objects_.update(next.to_json(), UpdateScope::Status);
    if (!updated) return SyncOutcome::failed(updated.error());
  }
  events_.record(claim.original, type, reason, message, now);
  return retry_later();
}

// SS-15.1: Lost is terminal; the event is recorded once, when the phase changes.
SyncOutcome VolumeBinder::mark_lost(const Claim& claim, std::string_view reason,
                                    const std::string& message, TimePoint now) {
  if (claim.status.phase == "Lost") return SyncOutcome::done();
  Claim next = claim;
  next.status.phase = "Lost";
  next.status.access_modes.clear();
  next.status.capacity_storage.clear();
  auto updated = objects_.update(next.to_json(), UpdateScope::Status);
  if (!updated) return SyncOutcome::failed(updated.error());
  events_.record(**updated, kWarning, reason, message, now);
  return SyncOutcome::done();
}

// SS-15.2: volume first, then claim; every step is skipped when already done, so a pass
// interrupted anywhere is finished by the next one and a finished binding writes nothing.
std::optional<ApiError> VolumeBinder::bind(Volume volume, Claim claim) {
  if (auto error = bind_volume_side(volume, claim)) return error;

  const bool chosen_by_controller = claim.spec.volume_name.empty();
  bool dirty = claim.spec.volume_name != volume.metadata.name;
  claim.spec.volume_name = volume.metadata.name;
  // Like Kubernetes, only missing annotations are added: a user's own value stays.
  if (chosen_by_controller && !has_annotation(claim.metadata, kBoundByControllerAnnotation))
    dirty |= annotate(claim.metadata, kBoundByControllerAnnotation, "yes");
  if (!has_annotation(claim.metadata, kBindCompletedAnnotation))
    dirty |= annotate(claim.metadata, kBindCompletedAnnotation, "yes");
  if (dirty) {
    auto updated = objects_.update(claim.to_json());
    if (!updated) return updated.error();
    claim = PersistentVolumeClaim::from_json(**updated);
  }

  Claim next = claim;
  next.status.phase = "Bound";
  next.status.access_modes = volume.spec.access_modes;
  next.status.capacity_storage = volume.spec.capacity_storage;
  if (next.status.to_json() == claim.status.to_json()) return std::nullopt;
  // Kubernetes records no event for a plain binding; provisioning has its own.
  auto updated = objects_.update(next.to_json(), UpdateScope::Status);
  if (!updated) return updated.error();
  return std::nullopt;
}

std::optional<ApiError> VolumeBinder::bind_volume_side(Volume& volume, const Claim& claim) {
  const bool chosen_by_controller = !is_volume_bound_to_claim(volume, claim);
  const auto& ref = volume.spec.claim_ref;
  bool dirty = !ref || ref->name != claim.metadata.name || ref->ns != claim.metadata.ns ||
               ref->uid != claim.metadata.uid;
  if (dirty) volume.spec.claim_ref = claim_reference(claim);
  if (chosen_by_controller && !has_annotation(volume.metadata, kBoundByControllerAnnotation))
    dirty |= annotate(volume.metadata, kBoundByControllerAnnotation, "yes");
  if (dirty) {
    auto updated = objects_.update(volume.to_json());
    if (!updated) return updated.error();
    volume = PersistentVolume::from_json(**updated);
  }
  return set_volume_phase(volume, "Bound");
}

std::vector<PersistentVolume> VolumeBinder::all_volumes() const {
  std::vector<Volume> volumes;
  for (const auto& object : objects_.list(std::string(PersistentVolume::kKind), std::nullopt))
    volumes.push_back(PersistentVolume::from_json(*object));
  return volumes;
}

void VolumeBinder::add_unbound_claims(KeySink& keys) const {
  for (const auto& object :
       objects_.list(std::string(PersistentVolumeClaim::kKind), std::nullopt)) {
    const auto meta = identity::ObjectMeta::from_json(object->value("metadata", Json::object()));
    if (!has_annotation(meta, kBindCompletedAnnotation)) keys.add(claim_key(meta.ns, meta.name));
  }
}

}  // namespace ordinal::controller
