#pragma once
// Which PersistentVolume a claim may bind to (statefulset.md SS-15.3, SS-15.4): pure functions of
// the typed views, safe from any thread. They mirror Kubernetes' `FindMatchingVolume`,
// `findByClaim` and `checkVolumeSatisfyClaim`, so a claim binds here to the volume it would bind
// to on a cluster. Nothing here reads or writes the registry.
#include <optional>
#include <string>
#include <vector>

#include "identity/persistent_volume.hpp"
#include "identity/persistent_volume_claim.hpp"

namespace ordinal::controller {

/// The claim's class name; "" when the field is absent or empty (both match only class-less
/// volumes once defaulting, SS-15.5, has had its chance).
[[nodiscard]] std::string claim_class(const identity::PersistentVolumeClaim& claim);

/// `pv.spec.claimRef` names this claim (namespace and name) and its UID is either unset (a
/// reservation by name) or the claim's UID.
[[nodiscard]] bool is_volume_bound_to_claim(const identity::PersistentVolume& volume,
                                            const identity::PersistentVolumeClaim& claim);

/// Every mode of `requested` is in `offered` (SS-15.3; modes are compared as written).
[[nodiscard]] bool offers_access_modes(const std::vector<std::string>& offered,
                                       const std::vector<std::string>& requested);

/// The volume's mode differs from the claim's, an unset mode counting as "Filesystem".
[[nodiscard]] bool volume_mode_mismatch(const identity::PersistentVolume& volume,
                                        const identity::PersistentVolumeClaim& claim);

/// SS-15.3: why `volume` cannot serve `claim` (being deleted, too small, another storage class,
/// another volume mode, a missing access mode), in Kubernetes' words, or nullopt when it can.
/// The label selector is deliberately not checked: naming a volume overrides it.
[[nodiscard]] std::optional<std::string> volume_mismatch(
    const identity::PersistentVolume& volume, const identity::PersistentVolumeClaim& claim);

/// SS-15.4 step 1: the distinct access-mode sets of `volumes` that contain every mode of
/// `requested`, fewest modes first (ties in lexical order so the result is deterministic). Each
/// set is sorted.
[[nodiscard]] std::vector<std::vector<std::string>> access_mode_groups(
    const std::vector<identity::PersistentVolume>& volumes,
    const std::vector<std::string>& requested);

/// SS-15.4: the volume `claim` should bind to, or nullptr. `delay_binding` is true when the
/// claim's class waits for the first consumer and no node was selected yet: unreserved volumes
/// are then left alone (step 4) while a volume reserved for the claim is still returned. A
/// malformed claim selector matches nothing. The pointer is into `volumes`.
[[nodiscard]] const identity::PersistentVolume* find_best_match(
    const identity::PersistentVolumeClaim& claim,
    const std::vector<identity::PersistentVolume>& volumes, bool delay_binding);

}  // namespace ordinal::controller
