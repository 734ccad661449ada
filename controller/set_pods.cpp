#include "controller/set_pods.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "controller/naming.hpp"
#include "controller/owner_reference.hpp"
#include "controller/stateful_pod_control.hpp"

namespace ordinal::controller {
namespace {

enum class Claim { Ignore, Keep, Adopt, Release };

Claim decide(const identity::StatefulSet& set,
             const std::optional<identity::LabelSelector>& selector, const identity::Pod& pod) {
  const identity::OwnerReference* controller = pod.metadata.controller_ref();
  const bool matches = is_member_of(set, selector, pod);
  const bool set_deleting = set.metadata.is_terminating();
  if (controller != nullptr) {
    if (controller->uid != set.metadata.uid) return Claim::Ignore;  // SS-5.4
    if (matches) return Claim::Keep;
    return set_deleting ? Claim::Ignore : Claim::Release;
  }
  if (set_deleting || !matches || pod.is_terminating()) return Claim::Ignore;
  return Claim::Adopt;
}

// Writes the pod with its owner references changed; a pod gone meanwhile (null) is not an
// error.
Result<PodPtr> write_owners(ObjectManager& objects, const identity::Pod& pod) {
  auto updated = objects.update(pod.to_json());
  if (updated) return std::make_shared<const identity::Pod>(identity::Pod::from_json(**updated));
  if (updated.error().code == 404) return PodPtr();
  return updated.error();
}

Result<PodPtr> adopt(ObjectManager& objects, const identity::StatefulSet& set,
                     const identity::Pod& stored) {
  if (auto refused = can_adopt(objects, set)) return *refused;
  identity::Pod pod = stored;
  pod.metadata.owner_references.push_back(controller_reference(set));
  return write_owners(objects, pod);
}

Result<PodPtr> release(ObjectManager& objects, const identity::StatefulSet& set,
                       const identity::Pod& stored) {
  identity::Pod pod = stored;
  std::erase_if(pod.metadata.owner_references, [&set](const identity::OwnerReference& ref) {
    return ref.uid == set.metadata.uid;
  });
  auto written = write_owners(objects, pod);
  if (!written) return written.error();
  return PodPtr();  // released pods are not the set's any more
}

}  // namespace

std::optional<ApiError> can_adopt(const ObjectManager& objects, const identity::StatefulSet& set) {
  auto fresh = objects.get({"StatefulSet", set.metadata.ns, set.metadata.name});
  if (!fresh) return fresh.error();
  const identity::StatefulSet stored = identity::StatefulSet::from_json(**fresh);
  if (stored.metadata.uid != set.metadata.uid)
    return identity::conflict("statefulsets", "apps", set.metadata.name,
                              "original StatefulSet " + set.metadata.ns + "/" + set.metadata.name +
                                  " is gone: got uid " + stored.metadata.uid + ", wanted " +
                                  set.metadata.uid);
  if (stored.metadata.is_terminating())
    return identity::conflict("statefulsets", "apps", set.metadata.name,
                              set.metadata.ns + "/" + set.metadata.name +
                                  " has just been deleted at " +
                                  stored.metadata.deletion_timestamp);
  return std::nullopt;
}

ClaimedPods claim_pods(ObjectManager& objects, PodCache& pods, const identity::StatefulSet& set) {
  ClaimedPods out;
  std::vector<ApiError> errors;
  const auto selector = identity::LabelSelector::from_json(set.spec.selector);
  for (PodPtr& pod : pods.list(objects, set.metadata.ns)) {
    Result<PodPtr> kept = PodPtr();
    switch (decide(set, selector, *pod)) {
      case Claim::Ignore:
        continue;
      case Claim::Keep:
        out.pods.push_back(std::move(pod));
        continue;
      case Claim::Adopt:
        kept = adopt(objects, set, *pod);
        break;
      case Claim::Release:
        kept = release(objects, set, *pod);
        break;
    }
    if (!kept)
      errors.push_back(kept.error());
    else if (*kept)
      out.pods.push_back(std::move(*kept));
  }
  if (!errors.empty()) out.error = aggregate(errors);
  return out;
}

PodSlots partition_pods(const identity::StatefulSet& set, const std::vector<PodPtr>& pods) {
  PodSlots slots;
  const std::int32_t start = set.start_ordinal();
  slots.replicas.resize(static_cast<std::size_t>(std::max(0, set.desired_replicas())));
  for (const PodPtr& pod : pods) {
    const std::int32_t ordinal = parse_ordinal(pod->metadata.name);
    if (ordinal < 0) continue;
    if (in_range(set, ordinal))
      slots.replicas[static_cast<std::size_t>(ordinal - start)] = pod;
    else
      slots.condemned.push_back(pod);
  }
  std::sort(slots.condemned.begin(), slots.condemned.end(), [](const PodPtr& a, const PodPtr& b) {
    return parse_ordinal(a->metadata.name) > parse_ordinal(b->metadata.name);
  });
  return slots;
}

}  // namespace ordinal::controller
