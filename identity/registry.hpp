#pragma once
// The identity registry: every object ordinal knows, with Kubernetes's bookkeeping
// (uid, resourceVersion, generation, timestamps, graceful deletion, optimistic concurrency) and
// watch streams, made durable in SQLite before any write is acknowledged.
//
// Thread-safety: every member function may be called from any thread. Writes are serialised;
// reads see the state after the last acknowledged write. Objects are handed out as
// shared_ptr<const Json>: immutable, copy before changing.
//
// What the registry does not do: defaulting, schema checks and validation (identity/manifest,
// identity/validation — the API applies them before writing), namespace existence, garbage
// collection of dependents (the controller).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"
#include "identity/label_selector.hpp"
#include "identity/object_key.hpp"
#include "identity/watch.hpp"

namespace ordinal::identity {

class Store;

struct RegistryOptions {
  /// Watch events kept in memory for resuming watches; older resourceVersions get 410 Gone.
  std::size_t history_limit = 10000;
  /// Events kept at most (0: no limit). A write that would keep more deletes the least recently
  /// written Events in its own transaction (DELETED events follow), so memory held by Events is
  /// bounded by a count whatever the churn; expiry after an hour still applies below it.
  /// About 5 KiB of memory each.
  std::size_t event_limit = 2000;
  /// Source of timestamps (creationTimestamp, deletionTimestamp); tests inject their own.
  std::function<std::chrono::system_clock::time_point()> now = [] {
    return std::chrono::system_clock::now();
  };
  /// true: a write is acknowledged only once it is synced to disk (SQLite synchronous=FULL).
  /// false: commits are handed to the operating system unsynced, which survives the process
  /// being killed but not a machine crash; only for loading throw-away benchmark data.
  bool sync_writes = true;
};

struct DeleteOptions {
  /// nullopt: the object's own default (pods: spec.terminationGracePeriodSeconds, else 30).
  std::optional<std::int64_t> grace_period_seconds;
  std::optional<std::string> precondition_uid;
  std::optional<std::string> precondition_resource_version;
};

/// Which part of an object an update may change (Kubernetes main resource vs /status).
enum class UpdateScope {
  Main,    ///< kinds with a status subresource keep their stored status
  Status,  ///< only `status` (and nothing in metadata but labels/annotations) changes
};

struct ListResult {
  std::vector<ObjectPtr> items;  ///< sorted by namespace, then name
  std::uint64_t resource_version = 0;
};

class Registry {
 public:
  struct Create {
    Json object;
  };
  struct Update {
    Json object;
    UpdateScope scope = UpdateScope::Main;
  };
  struct Delete {
    ObjectKey key;
    DeleteOptions options;
  };
  using Write = std::variant<Create, Update, Delete>;

  /// Opens (creating if needed) the store in `data_dir` and loads every object.
  /// Throws std::runtime_error naming the file when the store is unreadable or corrupt; a
  /// corrupt store is never reset.
  static std::unique_ptr<Registry> open(const std::filesystem::path& data_dir,
                                        RegistryOptions options = {});
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  [[nodiscard]] Result<ObjectPtr> get(const ObjectKey& key) const;
  /// Objects of `kind`, in namespace `ns` (nullopt: all), matching `selector`.
  [[nodiscard]] ListResult list(const std::string& kind, const std::optional<std::string>& ns,
                                const LabelSelector& selector = {}) const;

  /// Stores a new object. Sets metadata.uid, resourceVersion, generation (1) and
  /// creationTimestamp; clears deletionTimestamp. `metadata.generateName` is honoured when
  /// `metadata.name` is empty. 409 AlreadyExists when the key is taken.
  Result<ObjectPtr> create(Json object);
  /// Replaces an object. A non-empty metadata.resourceVersion that is not the stored one is a
  /// 409 Conflict; an empty one updates unconditionally. uid, creationTimestamp and
  /// deletionTimestamp are kept from the stored object; generation is bumped when anything but
  /// metadata and status changed. A terminating object whose last finalizer is removed is
  /// deleted (a DELETED event follows).
  Result<ObjectPtr> update(Json object, UpdateScope scope = UpdateScope::Main);
  /// Deletes an object, or marks it terminating (deletionTimestamp set, object kept) when it has
  /// finalizers or is a Pod bound to a node (spec.nodeName) with a grace period > 0. Returns
  /// the object as deleted or as marked. Preconditions that fail give 409 Conflict.
  Result<ObjectPtr> remove(const ObjectKey& key, const DeleteOptions& options = {});

  /// Applies writes in order in one durable transaction; later writes see earlier ones. Each
  /// write succeeds or fails on its own; when the store itself fails, every write fails and
  /// nothing changes.
  ///
  /// Group commit (create, update, remove and commit alike): calls made while another thread's
  /// transaction is being synced wait, then are applied together, in arrival order, in one
  /// transaction and one sync. Each call still sees every write acknowledged before it started
  /// and gets its own results; a store failure fails every write of that transaction.
  std::vector<Result<ObjectPtr>> commit(std::vector<Write> writes);

  /// Starts a watch. `from`: nullopt or 0 = first an ADDED event for every matching object,
  /// then changes; N = every change after resourceVersion N (410 Gone when N is older than the
  /// history window).
  Result<std::shared_ptr<WatchStream>> watch(WatchFilter filter, std::optional<std::uint64_t> from);

  /// The resourceVersion of the last acknowledged write.
  [[nodiscard]] std::uint64_t resource_version() const;
  /// Closes every watch stream (server shutdown). Reads and writes keep working.
  void close_watches();

 private:
  struct State;
  Registry(std::unique_ptr<Store> store, RegistryOptions options);
  std::unique_ptr<State> state_;
};

}  // namespace ordinal::identity
