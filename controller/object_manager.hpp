#pragma once
// Where the controllers read and write objects (STYLE rule 6: effects go through a small
// interface). Production code uses RegistryObjectManager; tests use a fake that adds error
// injection and a log of writes (tests/controller/fake_object_manager.hpp).
//
// The semantics are the registry's (identity/registry.hpp): optimistic concurrency on
// metadata.resourceVersion (409 Conflict), AlreadyExists on a taken name, graceful deletion of
// pods bound to a node. Objects handed out are immutable; copy before changing.
//
// Thread-safety: implementations may be called from any thread; the controllers call them from
// the controller manager's single thread.
#include <optional>
#include <string>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"
#include "identity/label_selector.hpp"
#include "identity/object_key.hpp"
#include "identity/registry.hpp"

namespace ordinal::controller {

/// How often a write that meets a 409 Conflict re-reads the object and tries again.
inline constexpr int kConflictRetries = 3;

inline bool is_not_found(const identity::ApiError& error) {
  return error.code == 404;
}

using identity::ApiError;
using identity::Json;
using identity::ObjectKey;
using identity::ObjectPtr;
using identity::Result;

class ObjectManager {
 public:
  virtual ~ObjectManager() = default;

  /// The stored object, or 404 NotFound.
  [[nodiscard]] virtual Result<ObjectPtr> get(const ObjectKey& key) const = 0;
  /// Objects of `kind` in `ns` (nullopt: all namespaces) matching `selector`, sorted by
  /// namespace then name.
  [[nodiscard]] virtual std::vector<ObjectPtr> list(
      const std::string& kind, const std::optional<std::string>& ns,
      const identity::LabelSelector& selector = {}) const = 0;
  /// Creates `object`; returns it as stored (uid, resourceVersion, timestamps set).
  virtual Result<ObjectPtr> create(Json object) = 0;
  /// Replaces `object` (a stale resourceVersion is a 409 Conflict; an empty one is
  /// unconditional). `scope` Status changes only `status`.
  virtual Result<ObjectPtr> update(Json object,
                                   identity::UpdateScope scope = identity::UpdateScope::Main) = 0;
  /// Deletes, or marks terminating (see Registry::remove).
  virtual Result<ObjectPtr> remove(const ObjectKey& key,
                                   const identity::DeleteOptions& options = {}) = 0;
  /// Applies `writes` in order, each succeeding or failing on its own as if made alone (later
  /// writes see earlier ones); one result per write. The registry makes them durable with one
  /// disk sync (Registry::commit); this default makes them one call at a time.
  virtual std::vector<Result<ObjectPtr>> commit(std::vector<identity::Registry::Write> writes);
};

}  // namespace ordinal::controller
