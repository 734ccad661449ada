#include "controller/garbage_collector.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "identity/kinds.hpp"
#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

using identity::ObjectMeta;
using identity::OwnerReference;

constexpr std::array<std::string_view, 4> kDependentKinds = {"Pod", "PersistentVolumeClaim",
                                                             "ControllerRevision", "EndpointSlice"};
constexpr std::array<std::string_view, 3> kOwnerKinds = {"StatefulSet", "Service", "Pod"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& kinds, std::string_view kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

bool has_finalizer(const ObjectMeta& meta, std::string_view finalizer) {
  return std::find(meta.finalizers.begin(), meta.finalizers.end(), finalizer) !=
         meta.finalizers.end();
}

// Deleting with a finalizer of ours: the collector has work to do before the owner goes.
bool awaits_collector(const ObjectMeta& meta) {
  return meta.is_terminating() &&
         (has_finalizer(meta, kOrphanFinalizer) || has_finalizer(meta, kForegroundFinalizer));
}

std::string describe(const OwnerReference& ref) {
  return ref.api_version + "/" + ref.kind + " \"" + ref.name + "\" (uid " + ref.uid + ")";
}

}  // namespace

GarbageCollector::GarbageCollector(ObjectManager& objects, EventRecorder& events)
    : objects_(objects), events_(events) {}

std::vector<std::string> GarbageCollector::watched_kinds() const {
  std::vector<std::string> kinds(kDependentKinds.begin(), kDependentKinds.end());
  for (const auto kind : kOwnerKinds)
    if (!one_of(kDependentKinds, kind)) kinds.emplace_back(kind);
  return kinds;
}

void GarbageCollector::on_change(const identity::WatchEvent& event, KeySink& keys) {
  const Json& object = *event.object;
  const std::string kind = object.value("kind", "");
  const ObjectMeta meta = ObjectMeta::from_json(object.value("metadata", Json::object()));
  const bool deleted = event.type == identity::WatchEvent::Type::Deleted;
  if (!deleted && one_of(kDependentKinds, kind) && !meta.owner_references.empty())
    keys.add(ObjectKey::of(object).to_string());
  if (!one_of(kOwnerKinds, kind) || meta.uid.empty()) return;
  if (!deleted && !awaits_collector(meta)) return;
  if (!deleted) keys.add(ObjectKey::of(object).to_string());
  for (const auto& dependent : dependents_of(meta.ns, meta.uid))
    keys.add(ObjectKey::of(*dependent).to_string());
}

SyncOutcome GarbageCollector::sync(const std::string& key, TimePoint now) {
  const std::size_t first = key.find('/');
  const std::size_t second = key.find('/', first == std::string::npos ? first : first + 1);
  if (second == std::string::npos) return SyncOutcome::done();
  auto stored = objects_.get(
      {key.substr(0, first), key.substr(first + 1, second - first - 1), key.substr(second + 1)});
  if (!stored)
    return stored.error().code == 404 ? SyncOutcome::done() : SyncOutcome::failed(stored.error());
  const Json& object = **stored;
  if (one_of(kDependentKinds, object.value("kind", "")))
    if (auto outcome = collect(object, now)) return *outcome;
  return release(object);
}

identity::Result<GarbageCollector::OwnerState> GarbageCollector::owner_state(
    const OwnerReference& ref, const std::string& ns) const {
  const identity::KindInfo* info = identity::find_kind(ref.kind);
  if (info == nullptr || info->group != identity::api_group(ref.api_version))
    return OwnerState::Unknown;
  auto owner = objects_.get({info->kind, info->namespaced ? ns : std::string(), ref.name});
  if (!owner) {
    if (owner.error().code == 404) return OwnerState::Gone;
    return owner.error();
  }
  const ObjectMeta meta = ObjectMeta::from_json((*owner)->value("metadata", Json::object()));
  if (meta.uid != ref.uid) return OwnerState::Gone;  // same name, another object
  if (!meta.is_terminating()) return OwnerState::Present;
  if (has_finalizer(meta, kOrphanFinalizer)) return OwnerState::Orphaning;
  if (has_finalizer(meta, kForegroundFinalizer)) return OwnerState::Gone;
  return OwnerState::Present;  // e.g. a pod in its grace period still owns its claims
}

std::optional<SyncOutcome> GarbageCollector::collect(const Json& dependent, TimePoint now) {
  const ObjectMeta meta = ObjectMeta::from_json(dependent.value("metadata", Json::object()));
  if (meta.owner_references.empty()) return std::nullopt;
  Json kept = Json::array();
  bool gone = false;
  bool orphaned = false;
  for (const OwnerReference& ref : meta.owner_references) {
    auto state = owner_state(ref, meta.ns);
    if (!state) return SyncOutcome::failed(state.error());
    if (*state == OwnerState::Unknown)
      events_.record(
          dependent, kWarning, "OwnerRefInvalidKind",
          "owner reference to " + describe(ref) + " names a kind that is not served; it is kept",
          now);
    if (*state == OwnerState::Present || *state == OwnerState::Unknown)
      kept.push_back(ref.to_json());
    gone = gone || *state == OwnerState::Gone;
    orphaned = orphaned || *state == OwnerState::Orphaning;
  }
  if (kept.size() == meta.owner_references.size()) return std::nullopt;

  const ObjectKey key = ObjectKey::of(dependent);
  if (kept.empty() && gone && !orphaned) {
    // SS-14.1: every owner is gone. Deleting again what already terminates changes nothing.
    if (meta.is_terminating()) return std::nullopt;
    identity::DeleteOptions options;
    options.precondition_uid = meta.uid;
    auto removed = objects_.remove(key, options);
    if (!removed && removed.error().code != 404) return SyncOutcome::failed(removed.error());
    return SyncOutcome::done();
  }
  // SS-14.2: orphaned, or some owners remain: only the dangling references go.
  Json next = dependent;
  if (kept.empty())
    identity::metadata_of(next).erase("ownerReferences");
  else
    identity::metadata_of(next)["ownerReferences"] = std::move(kept);
  auto updated = objects_.update(std::move(next));
  if (!updated && updated.error().code != 404) return SyncOutcome::failed(updated.error());
  return SyncOutcome::done();
}

SyncOutcome GarbageCollector::release(const Json& owner) {
  const ObjectMeta meta = ObjectMeta::from_json(owner.value("metadata", Json::object()));
  if (!one_of(kOwnerKinds, owner.value("kind", "")) || !awaits_collector(meta))
    return SyncOutcome::done();
  if (!dependents_of(meta.ns, meta.uid).empty()) return SyncOutcome::done();
  Json next = owner;
  Json finalizers = Json::array();
  for (const auto& finalizer : meta.finalizers)
    if (finalizer != kOrphanFinalizer && finalizer != kForegroundFinalizer)
      finalizers.push_back(finalizer);
  identity::metadata_of(next)["finalizers"] = std::move(finalizers);
  auto updated = objects_.update(std::move(next));
  if (!updated && updated.error().code != 404) return SyncOutcome::failed(updated.error());
  return SyncOutcome::done();
}

std::vector<ObjectPtr> GarbageCollector::dependents_of(const std::string& ns,
                                                       const std::string& uid) const {
  std::vector<ObjectPtr> out;
  const std::optional<std::string> scope = ns.empty() ? std::nullopt : std::optional(ns);
  for (const auto kind : kDependentKinds)
    for (auto& item : objects_.list(std::string(kind), scope))
      if (ObjectMeta::from_json(item->value("metadata", Json::object())).find_owner(uid))
        out.push_back(std::move(item));
  return out;
}

}  // namespace ordinal::controller
