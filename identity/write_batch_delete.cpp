// Deletion rules of WriteBatch: preconditions, graceful deletion of pods bound to a node, and
// finalizers that keep an object terminating until they are removed.
#include <algorithm>

#include "identity/metadata.hpp"
#include "identity/write_batch.hpp"

namespace ordinal::identity {
namespace {

constexpr std::int64_t kDefaultPodGraceSeconds = 30;

std::int64_t default_grace(const Json& object) {
  if (object.value("kind", "") != "Pod") return 0;
  const auto spec = object.find("spec");
  if (spec != object.end() && spec->is_object()) {
    const auto grace = spec->find("terminationGracePeriodSeconds");
    if (grace != spec->end() && grace->is_number_integer()) return grace->get<std::int64_t>();
  }
  return kDefaultPodGraceSeconds;
}

// Only a pod that runs somewhere needs time to stop; everything else goes at once.
bool bound_pod(const Json& object) {
  if (object.value("kind", "") != "Pod") return false;
  const auto spec = object.find("spec");
  return spec != object.end() && spec->is_object() && !spec->value("nodeName", "").empty();
}

}  // namespace

std::string WriteBatch::timestamp_after(std::int64_t seconds) const {
  return format_timestamp(options_.now() + std::chrono::seconds(seconds));
}

Result<ObjectPtr> WriteBatch::remove(const ObjectKey& raw_key, const DeleteOptions& options) {
  const ObjectKey key = normalized(raw_key);
  const ResourceName names = resource_name(key.kind);
  const ObjectPtr stored = find(key);
  if (!stored) return not_found(names.resource, names.group, key.name);
  const std::string uid = metadata_string(*stored, "uid");
  if (options.precondition_uid && *options.precondition_uid != uid)
    return conflict(names.resource, names.group, key.name,
                    "Precondition failed: UID in precondition: " + *options.precondition_uid +
                        ", UID in object meta: " + uid);
  const std::string rv = metadata_string(*stored, "resourceVersion");
  if (options.precondition_resource_version && *options.precondition_resource_version != rv)
    return conflict(names.resource, names.group, key.name,
                    "Precondition failed: ResourceVersion in precondition: " +
                        *options.precondition_resource_version +
                        ", ResourceVersion in object meta: " + rv);
  const std::int64_t grace =
      std::max<std::int64_t>(0, options.grace_period_seconds.value_or(default_grace(*stored)));
  return mark_or_delete(key, stored, grace);
}

Result<ObjectPtr> WriteBatch::mark_or_delete(const ObjectKey& key, const ObjectPtr& stored,
                                             std::int64_t grace) {
  const bool has_finalizers = !finalizers_of(*stored).empty();
  Json next = *stored;
  Json& meta = metadata_of(next);
  if (is_terminating(*stored)) {
    // Already terminating: a shorter grace period brings the deadline forward, never back.
    const std::int64_t current = deletion_grace_of(*stored).value_or(0);
    if (grace < current) {
      meta["deletionGracePeriodSeconds"] = grace;
      meta["deletionTimestamp"] =
          std::min(timestamp_after(grace), metadata_string(*stored, "deletionTimestamp"));
    }
  } else {
    const std::int64_t pending = bound_pod(*stored) ? grace : 0;
    if (!has_finalizers && pending == 0)
      return record(key, WatchEvent::Type::Deleted, std::move(next), stored);
    meta["deletionGracePeriodSeconds"] = pending;
    meta["deletionTimestamp"] = timestamp_after(pending);
  }
  if (!has_finalizers && deletion_grace_of(next).value_or(0) == 0)
    return record(key, WatchEvent::Type::Deleted, std::move(next), stored);
  if (next == *stored) return stored;
  return record(key, WatchEvent::Type::Modified, std::move(next), stored);
}

}  // namespace ordinal::identity
