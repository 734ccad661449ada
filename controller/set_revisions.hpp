#pragma once
// A StatefulSet's ControllerRevisions (statefulset.md §12): listing and adopting them (SS-5.2,
// SS-6.1), choosing the current and update revision with rollback renumbering and hash
// collisions (SS-12.3, SS-12.4), applying one to the set (SS-6.3) and trimming history
// (SS-12.5, SS-12.6).
//
// Functions taking an ObjectManager read and write through it from one thread; the others are
// pure.
#include <cstdint>
#include <optional>
#include <vector>

#include "controller/object_manager.hpp"
#include "controller/parsed_objects.hpp"
#include "identity/controller_revision.hpp"
#include "identity/label_selector.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// SS-6.1: revisions in the set's namespace matching `selector` that the set controls or that
/// have no controller, sorted by revision number (ties: older creation time, then name).
[[nodiscard]] std::vector<identity::ControllerRevision> list_revisions(
    const ObjectManager& objects, const identity::StatefulSet& set,
    const identity::LabelSelector& selector);

/// SS-5.2: gives every revision without a controller in `revisions` the set's controller
/// reference, after can_adopt (set_pods.hpp) agrees. Nothing to adopt: no read, no write.
std::optional<ApiError> adopt_orphan_revisions(
    ObjectManager& objects, const identity::StatefulSet& set,
    const std::vector<identity::ControllerRevision>& revisions);

/// The two revisions a pass works with (SS-6.2) and the collision count to persist (SS-13.2).
struct SetRevisions {
  identity::ControllerRevision current;
  identity::ControllerRevision update;
  std::int32_t collision_count = 0;
};

/// SS-12.3/12.4 over `sorted` (list_revisions order): reuses the newest revision when it
/// equals the live template, renumbers an older equal one (rollback, no new object), or
/// creates a new one, bumping the collision count while the name is taken by other data.
/// Fails with the object manager's error.
[[nodiscard]] Result<SetRevisions> choose_revisions(
    ObjectManager& objects, const identity::StatefulSet& set,
    const std::vector<identity::ControllerRevision>& sorted);

/// SS-6.3: `set` with `spec.template` taken from `revision`'s data; `set` unchanged when the
/// data holds no template.
[[nodiscard]] identity::StatefulSet apply_revision(const identity::StatefulSet& set,
                                                   const identity::ControllerRevision& revision);

/// SS-12.5/12.6: deletes the oldest revisions that are neither current, update nor named by a
/// pod's revision label, until at most `revisionHistoryLimit` (default 10; negative: never
/// trim) such revisions remain. `sorted` is the list the pass started from.
std::optional<ApiError> trim_history(ObjectManager& objects, const identity::StatefulSet& set,
                                     const std::vector<PodPtr>& pods,
                                     const std::vector<identity::ControllerRevision>& sorted,
                                     const SetRevisions& revisions);

}  // namespace ordinal::controller
