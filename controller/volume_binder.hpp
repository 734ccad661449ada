#pragma once
// The PersistentVolume binder (statefulset.md §15): binds claims to volumes both ways,
// provisions volumes for claims with a StorageClass through the built-in local provisioner,
// gives class-less claims the default class, and moves volumes through Available, Bound,
// Released (and Failed), reclaiming released ones by their policy. Modelled on Kubernetes'
// pv_controller.go (syncClaim, syncUnboundClaim, syncBoundClaim, bind, syncVolume,
// reclaimVolume).
//
// Keys: "claim:<namespace>/<name>" and "volume:<name>". Every pass reads fresh state from the
// object manager; the only state kept is in the file system (the provisioned directories).
// Thread-safety: as Reconciler (one thread).
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "controller/event_recorder.hpp"
#include "controller/local_provisioner.hpp"
#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"
#include "controller/sim_scheduling.hpp"  // kSelectedNodeAnnotation, set when a pod is placed
#include "identity/object_reference.hpp"
#include "identity/persistent_volume.hpp"
#include "identity/persistent_volume_claim.hpp"
#include "identity/storage_class.hpp"

namespace ordinal::controller {

/// Claim annotation: the binder finished binding it (SS-15.2); from then on it is synced as a
/// bound claim and can only become Lost, never rebind elsewhere.
inline constexpr std::string_view kBindCompletedAnnotation = "pv.kubernetes.io/bind-completed";
/// Claim and volume annotation: the binder (not a user) chose this pairing (SS-15.2).
inline constexpr std::string_view kBoundByControllerAnnotation =
    "pv.kubernetes.io/bound-by-controller";
/// Volume annotation: the provisioner that made it (SS-15.5).
inline constexpr std::string_view kProvisionedByAnnotation = "pv.kubernetes.io/provisioned-by";
/// Claim annotation: the provisioner asked to make its volume (SS-15.5).
inline constexpr std::string_view kStorageProvisionerAnnotation =
    "volume.kubernetes.io/storage-provisioner";
/// How often a claim that could not be bound is tried again, changes or not (SS-15.4).
inline constexpr std::chrono::seconds kUnboundClaimRetry{15};

/// The `claimRef` a volume bound to `claim` carries (kind, apiVersion, namespace, name, uid,
/// resourceVersion), as Kubernetes' GetReference writes it.
[[nodiscard]] identity::ObjectReference claim_reference(
    const identity::PersistentVolumeClaim& claim);

class VolumeBinder final : public Reconciler {
 public:
  /// `objects` and `events` must outlive the binder. Provisioned volumes are directories under
  /// `volumes_root` (created on first use); only those are ever deleted.
  VolumeBinder(ObjectManager& objects, EventRecorder& events, std::filesystem::path volumes_root);

  [[nodiscard]] std::string_view name() const override { return "volume-binder"; }
  /// PersistentVolumeClaim, PersistentVolume, StorageClass.
  [[nodiscard]] std::vector<std::string> watched_kinds() const override;
  /// A claim syncs itself and, once deleted, the volumes it held; a volume syncs itself and its
  /// claim; a volume or class change also retries every claim not bound yet (a new volume or
  /// a new default class may be what it waits for). Reads only.
  void on_change(const identity::WatchEvent& event, KeySink& keys) override;
  /// Unbound claims still Pending ask to be retried after kUnboundClaimRetry; a failed write
  /// fails the pass (the queue backs off), and the next pass repairs a half-done binding.
  SyncOutcome sync(const std::string& key, TimePoint now) override;

 private:
  using Claim = identity::PersistentVolumeClaim;
  using Volume = identity::PersistentVolume;

  SyncOutcome sync_claim(const std::string& ns, const std::string& claim_name, TimePoint now);
  SyncOutcome sync_bound_claim(const Claim& claim, TimePoint now);
  SyncOutcome sync_unbound_claim(Claim claim, TimePoint now);
  SyncOutcome sync_prebound_claim(const Claim& claim, TimePoint now);
  SyncOutcome provision(Claim claim, const identity::StorageClass& storage_class, TimePoint now);
  SyncOutcome stay_pending(const Claim& claim, std::string_view type, std::string_view reason,
                           const std::string& message, TimePoint now);
  SyncOutcome mark_lost(const Claim& claim, std::string_view reason, const std::string& message,
                        TimePoint now);
  std::optional<ApiError> bind(Volume volume, Claim claim);
  std::optional<ApiError> bind_volume_side(Volume& volume, const Claim& claim);
  std::optional<ApiError> assign_default_class(Claim& claim);

  SyncOutcome sync_volume(const std::string& volume_name, TimePoint now);
  SyncOutcome release(Volume volume, TimePoint now);
  SyncOutcome unbind(Volume volume);
  SyncOutcome delete_volume(Volume volume, TimePoint now);
  std::optional<ApiError> set_volume_phase(Volume& volume, const std::string& phase);

  [[nodiscard]] std::vector<Volume> all_volumes() const;
  void add_unbound_claims(KeySink& keys) const;

  ObjectManager& objects_;
  EventRecorder& events_;
  LocalProvisioner provisioner_;
};

}  // namespace ordinal::controller
