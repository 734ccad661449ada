#pragma once
// The rules of a write (Kubernetes's object bookkeeping), computed in memory against a base
// state without touching it: a batch collects the changes the registry then commits to the store
// and, once that succeeded, applies. Later writes in a batch see earlier ones.
//
// Thread-safety: none; the base map must not change while the batch lives (the registry holds
// its write lock and a read lock on its data).
#include <cstdint>
#include <vector>

#include "identity/change.hpp"
#include "identity/registry.hpp"

namespace ordinal::identity {

class WriteBatch {
 public:
  /// `resource_version` is the last one handed out; the batch's changes take the next ones.
  WriteBatch(const ObjectMap& base, std::uint64_t resource_version, const RegistryOptions& options);

  /// See Registry::create, update and remove; the same results, but nothing is stored yet.
  Result<ObjectPtr> create(Json object);
  Result<ObjectPtr> update(Json object, UpdateScope scope);
  Result<ObjectPtr> remove(const ObjectKey& key, const DeleteOptions& options);

  /// The changes so far, in resourceVersion order.
  [[nodiscard]] const std::vector<Change>& changes() const { return changes_; }
  /// The last resourceVersion handed out (the base one when nothing changed).
  [[nodiscard]] std::uint64_t resource_version() const { return resource_version_; }

 private:
  ObjectPtr find(const ObjectKey& key) const;
  // Gives `object` the next resourceVersion and records it (Deleted: the key is removed).
  ObjectPtr record(const ObjectKey& key, WatchEvent::Type type, Json object, ObjectPtr previous);
  Result<ObjectPtr> mark_or_delete(const ObjectKey& key, const ObjectPtr& stored,
                                   std::int64_t grace);
  std::string timestamp_after(std::int64_t seconds) const;

  const ObjectMap& base_;
  ObjectMap overlay_;  // keys written by this batch; null = deleted
  std::uint64_t resource_version_;
  const RegistryOptions& options_;
  std::vector<Change> changes_;
};

/// Plural resource name and group of `kind` for error messages ("pods", ""); a guess for kinds
/// that are not served.
struct ResourceName {
  std::string resource;
  std::string group;
};
ResourceName resource_name(const std::string& kind);

/// `key` with the namespace dropped when its kind is cluster-scoped.
ObjectKey normalized(ObjectKey key);

}  // namespace ordinal::identity
