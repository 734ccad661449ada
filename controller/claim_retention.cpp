#include "controller/claim_retention.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "controller/naming.hpp"
#include "controller/owner_reference.hpp"
#include "identity/kinds.hpp"

namespace ordinal::controller {
namespace {

// The owner side of a reference: what matchesRef compares (name, group and kind) plus the uid.
struct Owner {
  std::string_view name;
  std::string_view uid;
  std::string_view group;
  std::string_view kind;
};

Owner set_owner(const identity::StatefulSet& set) {
  return {set.metadata.name, set.metadata.uid, "apps", "StatefulSet"};
}

Owner pod_owner(const identity::Pod& pod) {
  return {pod.metadata.name, pod.metadata.uid, "", "Pod"};
}

// Same name, group and kind, whatever the uid.
bool matches_ref(const identity::OwnerReference& ref, const Owner& owner) {
  return ref.name == owner.name && identity::api_group(ref.api_version) == owner.group &&
         ref.kind == owner.kind;
}

bool has_ref(const identity::PersistentVolumeClaim& claim, const Owner& owner) {
  return !owner.uid.empty() && claim.metadata.find_owner(owner.uid) != nullptr;
}

bool has_stale_ref(const identity::PersistentVolumeClaim& claim, const Owner& owner) {
  const auto& refs = claim.metadata.owner_references;
  return std::any_of(refs.begin(), refs.end(), [&owner](const identity::OwnerReference& ref) {
    return matches_ref(ref, owner) && ref.uid != owner.uid;
  });
}

// A reference to this set or pod that is not a controller reference must be rewritten.
bool has_non_controller_ref(const identity::PersistentVolumeClaim& claim, const Owner& set,
                            const Owner& pod) {
  const auto& refs = claim.metadata.owner_references;
  return std::any_of(refs.begin(), refs.end(), [&](const identity::OwnerReference& ref) {
    const bool ours =
        (!set.uid.empty() && ref.uid == set.uid) || (!pod.uid.empty() && ref.uid == pod.uid);
    return ours && !ref.is_controller();
  });
}

identity::OwnerReference pod_reference(const identity::Pod& pod) {
  identity::OwnerReference ref;
  ref.api_version = "v1";
  ref.kind = "Pod";
  ref.name = pod.metadata.name;
  ref.uid = pod.metadata.uid;
  ref.controller = true;
  ref.block_owner_deletion = true;
  return ref;
}

bool delete_when_scaled(const identity::StatefulSet& set) {
  return set.spec.persistent_volume_claim_retention_policy.when_scaled == "Delete";
}

bool delete_when_deleted(const identity::StatefulSet& set) {
  return set.spec.persistent_volume_claim_retention_policy.when_deleted == "Delete";
}

// The SS-14.4 table: which of the two references the claims of `pod` must carry.
struct Wanted {
  bool set = false;
  bool pod = false;
};

Wanted wanted_refs(const identity::StatefulSet& set, const identity::Pod& pod) {
  const bool condemned = !in_range(set, parse_ordinal(pod.metadata.name));
  const bool scaled_delete = delete_when_scaled(set);
  const bool deleted_delete = delete_when_deleted(set);
  Wanted wanted;
  wanted.pod = scaled_delete && condemned;
  wanted.set = deleted_delete && !(scaled_delete && condemned);
  return wanted;
}

}  // namespace

bool has_unexpected_controller(const identity::PersistentVolumeClaim& claim,
                               const identity::StatefulSet& set, const identity::Pod& pod) {
  const Owner s = set_owner(set);
  const Owner p = pod_owner(pod);
  for (const identity::OwnerReference& ref : claim.metadata.owner_references) {
    if (!ref.is_controller()) continue;
    if (matches_ref(ref, s)) {
      if (ref.uid != s.uid) return true;
    } else if (matches_ref(ref, p)) {
      if (ref.uid != p.uid) return true;
    } else {
      return true;
    }
  }
  return false;
}

bool has_stale_pod_reference(const identity::PersistentVolumeClaim& claim,
                             const identity::Pod& pod) {
  return has_stale_ref(claim, pod_owner(pod));
}

bool claim_owner_up_to_date(const identity::PersistentVolumeClaim& claim,
                            const identity::StatefulSet& set, const identity::Pod& pod) {
  const Owner s = set_owner(set);
  const Owner p = pod_owner(pod);
  // Left to the garbage collector of the earlier owner (SS-14.9).
  if (has_stale_ref(claim, s) || has_stale_ref(claim, p)) return true;
  if (has_unexpected_controller(claim, set, pod)) return !has_ref(claim, s) && !has_ref(claim, p);
  if (has_non_controller_ref(claim, s, p)) return false;
  const Wanted wanted = wanted_refs(set, pod);
  return has_ref(claim, s) == wanted.set && has_ref(claim, p) == wanted.pod;
}

bool update_claim_owner_refs(identity::PersistentVolumeClaim& claim,
                             const identity::StatefulSet& set, const identity::Pod& pod) {
  const Owner s = set_owner(set);
  const Owner p = pod_owner(pod);
  const bool unexpected = has_unexpected_controller(claim, set, pod);
  std::vector<identity::OwnerReference> refs = claim.metadata.owner_references;
  // Ours are scrubbed and re-added, so a non-controller reference becomes a controller one.
  std::erase_if(refs, [&](const identity::OwnerReference& ref) {
    return matches_ref(ref, s) || matches_ref(ref, p);
  });
  if (!unexpected) {
    const Wanted wanted = wanted_refs(set, pod);
    if (wanted.pod && !p.uid.empty()) refs.push_back(pod_reference(pod));
    if (wanted.set && !s.uid.empty()) refs.push_back(controller_reference(set));
  }
  const auto same = [](const identity::OwnerReference& a, const identity::OwnerReference& b) {
    return a.to_json() == b.to_json();
  };
  if (std::equal(refs.begin(), refs.end(), claim.metadata.owner_references.begin(),
                 claim.metadata.owner_references.end(), same))
    return false;
  claim.metadata.owner_references = std::move(refs);
  return true;
}

}  // namespace ordinal::controller
