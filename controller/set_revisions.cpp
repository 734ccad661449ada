#include "controller/set_revisions.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "controller/naming.hpp"
#include "controller/owner_reference.hpp"
#include "controller/revision_hash.hpp"
#include "controller/set_pods.hpp"

namespace ordinal::controller {
namespace {

// Name collisions with different data are astronomically rare; the bound only stops a loop
// against a misbehaving store.
constexpr int kMaxCollisionAttempts = 100;

bool older(const identity::ControllerRevision& a, const identity::ControllerRevision& b) {
  const std::int64_t ra = a.revision.value_or(0);
  const std::int64_t rb = b.revision.value_or(0);
  if (ra != rb) return ra < rb;
  if (a.metadata.creation_timestamp != b.metadata.creation_timestamp)
    return a.metadata.creation_timestamp < b.metadata.creation_timestamp;
  return a.metadata.name < b.metadata.name;
}

// Kubernetes' EqualRevision: same hash label when both carry one, and the same data.
bool equal_revision(const identity::ControllerRevision& a, const identity::ControllerRevision& b) {
  const std::string_view ha = a.metadata.label(kRevisionHashLabel);
  const std::string_view hb = b.metadata.label(kRevisionHashLabel);
  if (!ha.empty() && !hb.empty() && ha != hb) return false;
  return a.data == b.data;
}

Result<identity::ControllerRevision> create_revision(ObjectManager& objects,
                                                     const identity::StatefulSet& set,
                                                     std::int64_t number,
                                                     std::int32_t& collision_count) {
  for (int attempt = 0; attempt < kMaxCollisionAttempts; ++attempt) {
    identity::Json candidate = new_revision(set, number, collision_count);
    auto created = objects.create(candidate);
    if (created) return identity::ControllerRevision::from_json(**created);
    if (created.error().reason != "AlreadyExists") return created.error();
    auto existing = objects.get(ObjectKey::of(candidate));
    if (!existing) return existing.error();
    const auto stored = identity::ControllerRevision::from_json(**existing);
    if (stored.data == candidate["data"]) return stored;
    ++collision_count;  // SS-12.3: the name is taken by other data; rehash
  }
  return identity::internal_error("too many ControllerRevision name collisions for StatefulSet " +
                                  set.metadata.name);
}

}  // namespace

std::vector<identity::ControllerRevision> list_revisions(const ObjectManager& objects,
                                                         const identity::StatefulSet& set,
                                                         const identity::LabelSelector& selector) {
  std::vector<identity::ControllerRevision> out;
  for (const ObjectPtr& object : objects.list("ControllerRevision", set.metadata.ns, selector)) {
    identity::ControllerRevision revision = identity::ControllerRevision::from_json(*object);
    const identity::OwnerReference* controller = revision.metadata.controller_ref();
    if (controller == nullptr || controller->uid == set.metadata.uid)
      out.push_back(std::move(revision));
  }
  std::sort(out.begin(), out.end(), older);
  return out;
}

std::optional<ApiError> adopt_orphan_revisions(
    ObjectManager& objects, const identity::StatefulSet& set,
    const std::vector<identity::ControllerRevision>& revisions) {
  const bool any_orphan = std::any_of(revisions.begin(), revisions.end(), [](const auto& revision) {
    return revision.metadata.controller_ref() == nullptr;
  });
  if (!any_orphan) return std::nullopt;
  if (auto refused = can_adopt(objects, set)) return refused;
  for (identity::ControllerRevision revision : revisions) {
    if (revision.metadata.controller_ref() != nullptr) continue;
    revision.metadata.owner_references.push_back(controller_reference(set));
    auto updated = objects.update(revision.to_json());
    if (!updated && updated.error().code != 404) return updated.error();
  }
  return std::nullopt;
}

Result<SetRevisions> choose_revisions(ObjectManager& objects, const identity::StatefulSet& set,
                                      const std::vector<identity::ControllerRevision>& sorted) {
  SetRevisions out;
  out.collision_count = set.status.collision_count.value_or(0);
  const std::int64_t next = sorted.empty() ? 1 : sorted.back().revision.value_or(0) + 1;
  const auto candidate =
      identity::ControllerRevision::from_json(new_revision(set, next, out.collision_count));
  std::optional<std::size_t> equal;
  for (std::size_t i = 0; i < sorted.size(); ++i)
    if (equal_revision(sorted[i], candidate)) equal = i;
  if (equal && *equal + 1 == sorted.size()) {
    out.update = sorted.back();
  } else if (equal) {
    // Rollback (SS-11.10): the old object becomes the newest, no new object is created.
    identity::ControllerRevision renumbered = sorted[*equal];
    renumbered.revision = next;
    auto updated = objects.update(renumbered.to_json());
    if (!updated) return updated.error();
    out.update = identity::ControllerRevision::from_json(**updated);
  } else {
    auto created = create_revision(objects, set, next, out.collision_count);
    if (!created) return created.error();
    out.update = std::move(*created);
  }
  const auto current = std::find_if(sorted.begin(), sorted.end(), [&set](const auto& revision) {
    return revision.metadata.name == set.status.current_revision;
  });
  // First pass (or a current revision that is gone): history starts at the update revision.
  out.current = current == sorted.end() || current->metadata.name == out.update.metadata.name
                    ? out.update
                    : *current;
  return out;
}

identity::StatefulSet apply_revision(const identity::StatefulSet& set,
                                     const identity::ControllerRevision& revision) {
  const identity::Json* pod_template = nullptr;
  if (revision.data.is_object() && revision.data.contains("spec") &&
      revision.data["spec"].is_object() && revision.data["spec"].contains("template") &&
      revision.data["spec"]["template"].is_object())
    pod_template = &revision.data["spec"]["template"];
  if (pod_template == nullptr) return set;
  identity::Json json = set.to_json();
  identity::Json replaced = *pod_template;
  replaced.erase("$patch");
  json["spec"]["template"] = std::move(replaced);
  return identity::StatefulSet::from_json(json);
}

std::optional<ApiError> trim_history(ObjectManager& objects, const identity::StatefulSet& set,
                                     const std::vector<PodPtr>& pods,
                                     const std::vector<identity::ControllerRevision>& sorted,
                                     const SetRevisions& revisions) {
  const std::int32_t limit = set.spec.revision_history_limit.value_or(10);
  if (limit < 0) return std::nullopt;
  std::set<std::string> live = {revisions.current.metadata.name, revisions.update.metadata.name};
  for (const PodPtr& pod : pods) live.emplace(pod->metadata.label(kRevisionLabel));
  std::vector<const identity::ControllerRevision*> history;
  for (const identity::ControllerRevision& revision : sorted)
    if (!live.contains(revision.metadata.name)) history.push_back(&revision);
  const auto keep = static_cast<std::size_t>(limit);
  if (history.size() <= keep) return std::nullopt;
  for (std::size_t i = 0; i < history.size() - keep; ++i) {
    auto removed =
        objects.remove({"ControllerRevision", set.metadata.ns, history[i]->metadata.name});
    if (!removed && removed.error().code != 404) return removed.error();
  }
  return std::nullopt;
}

}  // namespace ordinal::controller
