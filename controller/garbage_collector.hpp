#pragma once
// The garbage collector (SS-14.1/14.2, SS-14.4): deletes objects whose owners are gone, through
// `metadata.ownerReferences`, as Kubernetes' garbage collector does. An owner reference names its
// owner by apiVersion, kind, name and uid; the owner exists only while an object of that kind and
// name, in the dependent's namespace (cluster-scoped kinds: no namespace), has that very uid.
// So a set re-created under the same name does not keep the old set's pods alive.
//
// - every owner gone: the dependent is deleted with default options (background cascade: its
//   own dependents follow on their turn; a pod bound to a node terminates gracefully);
// - some owners gone: only their references are removed;
// - an owner being deleted with the `orphan` finalizer (`--cascade=orphan`, SS-14.2): its
//   references are removed and the dependent kept; once no dependent refers to it the
//   finalizer is removed, which completes the owner's deletion;
// - an owner being deleted with the `foregroundDeletion` finalizer: counts as gone for its
//   dependents; its finalizer is removed once no dependent refers to it any more;
// - a reference to a kind ordinal does not serve cannot be checked and is kept.
//
// Thread-safety: as for every Reconciler, one caller at a time. No state beyond the store.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "controller/event_recorder.hpp"
#include "controller/object_manager.hpp"
#include "controller/reconciler.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::controller {

/// The finalizer an owner carries while its dependents are orphaned (propagationPolicy Orphan).
inline constexpr std::string_view kOrphanFinalizer = "orphan";
/// The finalizer an owner carries while its dependents are deleted first (Foreground).
inline constexpr std::string_view kForegroundFinalizer = "foregroundDeletion";

class GarbageCollector final : public Reconciler {
 public:
  /// `objects` and `events` must outlive the collector.
  GarbageCollector(ObjectManager& objects, EventRecorder& events);

  [[nodiscard]] std::string_view name() const override { return "garbage-collector"; }
  /// The dependents (Pod, PersistentVolumeClaim, ControllerRevision, EndpointSlice) and the
  /// owners (StatefulSet, Service, Pod).
  [[nodiscard]] std::vector<std::string> watched_kinds() const override;
  /// An object with owner references, or an owner being deleted with a finalizer of ours: its
  /// own key (ObjectKey::to_string()). A deleted or terminating owner: the keys of the
  /// dependents in its namespace that refer to its uid.
  void on_change(const identity::WatchEvent& event, KeySink& keys) override;
  /// Applies the rules of the file comment to the object `key` ("Kind/ns/name"). Fails
  /// (retried with backoff) when an owner cannot be read or a write fails; a conflict means the
  /// object changed, and its change brings the key back anyway.
  SyncOutcome sync(const std::string& key, TimePoint now) override;

 private:
  enum class OwnerState { Present, Gone, Orphaning, Unknown };
  identity::Result<OwnerState> owner_state(const identity::OwnerReference& ref,
                                           const std::string& ns) const;
  /// Drops or deletes for gone owners; nullopt when the dependent needs nothing.
  std::optional<SyncOutcome> collect(const Json& dependent, TimePoint now);
  /// Removes our finalizers from an owner none of whose dependents refers to it any more.
  SyncOutcome release(const Json& owner);
  [[nodiscard]] std::vector<ObjectPtr> dependents_of(const std::string& ns,
                                                     const std::string& uid) const;

  ObjectManager& objects_;
  EventRecorder& events_;
};

}  // namespace ordinal::controller
