#include "identity/write_batch.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include "identity/kinds.hpp"
#include "identity/metadata.hpp"

namespace ordinal::identity {
namespace {

// Tries before a generated name is given up as taken (27^5 names: collisions are rare).
constexpr int kGenerateNameAttempts = 8;

bool has_status_subresource(const KindInfo& info) {
  return std::find(info.subresources.begin(), info.subresources.end(), "status") !=
         info.subresources.end();
}

// Everything but metadata and status: what `generation` counts changes of.
bool spec_differs(const Json& a, const Json& b) {
  Json x = a;
  Json y = b;
  for (Json* j : {&x, &y}) {
    j->erase("metadata");
    j->erase("status");
  }
  return x != y;
}

// The kind of a written object, checked against the served kinds.
Result<const KindInfo*> written_kind(const Json& object) {
  if (!object.is_object()) return bad_request("the object must be a JSON object");
  const std::string kind = object.value("kind", "");
  if (kind.empty()) return bad_request("Object 'Kind' is missing in the object");
  const KindInfo* info = find_kind(kind);
  if (info == nullptr) return bad_request("no kind \"" + kind + "\" is registered");
  return info;
}

// Drops a namespace given to a cluster-scoped object; a namespaced one must have one.
std::optional<ApiError> check_namespace(Json& object, const KindInfo& info) {
  Json& meta = metadata_of(object);
  if (!info.namespaced) {
    meta.erase("namespace");
  } else if (metadata_string(object, "namespace").empty()) {
    return bad_request(info.kind + " objects need metadata.namespace");
  }
  return std::nullopt;
}

void copy_field(Json& to, const Json& from, const char* field) {
  const Json& src = from.at("metadata");
  if (const auto f = src.find(field); f != src.end()) {
    metadata_of(to)[field] = *f;
  } else {
    metadata_of(to).erase(field);
  }
}

// /status: the stored object with the written status.
Json with_status_of(const Json& stored, const Json& written) {
  Json next = stored;
  if (written.contains("status"))
    next["status"] = written.at("status");
  else
    next.erase("status");
  return next;
}

// The main resource: the written object, with the registry's bookkeeping (and, for kinds with a
// status subresource, the status) taken from the stored one.
Json merged_main(Json written, const Json& stored, const KindInfo& kind) {
  if (has_status_subresource(kind)) {
    if (stored.contains("status"))
      written["status"] = stored.at("status");
    else
      written.erase("status");
  }
  for (const char* field : {"uid", "creationTimestamp", "deletionTimestamp",
                            "deletionGracePeriodSeconds", "resourceVersion"})
    copy_field(written, stored, field);
  const std::int64_t generation = generation_of(stored);
  metadata_of(written)["generation"] = spec_differs(stored, written) ? generation + 1 : generation;
  return written;
}

}  // namespace

ResourceName resource_name(const std::string& kind) {
  if (const KindInfo* info = find_kind(kind)) return {info->resource, info->group};
  std::string lower = kind;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return {lower + "s", ""};
}

ObjectKey normalized(ObjectKey key) {
  if (const KindInfo* info = find_kind(key.kind); info && !info->namespaced) key.ns.clear();
  return key;
}

WriteBatch::WriteBatch(const ObjectMap& base, std::uint64_t resource_version,
                       const RegistryOptions& options)
    : base_(base), resource_version_(resource_version), options_(options) {}

ObjectPtr WriteBatch::find(const ObjectKey& key) const {
  if (const auto it = overlay_.find(key); it != overlay_.end()) return it->second;
  const auto it = base_.find(key);
  return it == base_.end() ? nullptr : it->second;
}

ObjectPtr WriteBatch::record(const ObjectKey& key, WatchEvent::Type type, Json object,
                             ObjectPtr previous) {
  ++resource_version_;
  set_resource_version(object, resource_version_);
  auto ptr = std::make_shared<const Json>(std::move(object));
  overlay_[key] = type == WatchEvent::Type::Deleted ? nullptr : ptr;
  changes_.push_back({key, type, ptr, std::move(previous), resource_version_});
  return ptr;
}

Result<ObjectPtr> WriteBatch::create(Json object) {
  const auto info = written_kind(object);
  if (!info) return info.error();
  const KindInfo& kind = **info;
  if (auto error = check_namespace(object, kind)) return *error;
  Json& meta = metadata_of(object);
  ObjectKey key = ObjectKey::of(object);
  if (key.name.empty()) {
    const std::string prefix = metadata_string(object, "generateName");
    if (prefix.empty())
      return invalid(kind.kind, kind.group, "",
                     {{"FieldValueRequired", "Required value: name or generateName is required",
                       "metadata.name"}});
    for (int attempt = 0; attempt < kGenerateNameAttempts; ++attempt) {
      key.name = prefix + random_name_suffix();
      if (!find(key)) break;
    }
    meta["name"] = key.name;
  }
  if (find(key)) return already_exists(kind.resource, kind.group, key.name);
  meta["uid"] = new_uid();
  meta["generation"] = 1;
  meta["creationTimestamp"] = format_timestamp(options_.now());
  meta.erase("deletionTimestamp");
  meta.erase("deletionGracePeriodSeconds");
  return record(key, WatchEvent::Type::Added, std::move(object), nullptr);
}

Result<ObjectPtr> WriteBatch::update(Json object, UpdateScope scope) {
  const auto info = written_kind(object);
  if (!info) return info.error();
  const KindInfo& kind = **info;
  if (auto error = check_namespace(object, kind)) return *error;
  const ObjectKey key = ObjectKey::of(object);
  const ObjectPtr stored = find(key);
  if (!stored) return not_found(kind.resource, kind.group, key.name);
  const std::string rv = metadata_string(object, "resourceVersion");
  if (!rv.empty() && rv != metadata_string(*stored, "resourceVersion"))
    return conflict(kind.resource, kind.group, key.name);
  const std::string uid = metadata_string(object, "uid");
  if (!uid.empty() && uid != metadata_string(*stored, "uid"))
    return conflict(kind.resource, kind.group, key.name,
                    "Precondition failed: UID in precondition: " + uid +
                        ", UID in object meta: " + metadata_string(*stored, "uid"));
  Json next = scope == UpdateScope::Status ? with_status_of(*stored, object)
                                           : merged_main(std::move(object), *stored, kind);
  // As the apiserver does, an update that changes nothing is not a write: no new
  // resourceVersion, no event.
  if (next == *stored) return stored;
  if (is_terminating(*stored) && finalizers_of(next).empty() &&
      deletion_grace_of(*stored).value_or(0) == 0)
    return record(key, WatchEvent::Type::Deleted, std::move(next), stored);
  return record(key, WatchEvent::Type::Modified, std::move(next), stored);
}

}  // namespace ordinal::identity
