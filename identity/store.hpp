#pragma once
// The durable half of the registry: one SQLite file (`<data_dir>/ordinal.db`, WAL journal,
// synchronous=FULL) with a table of objects and a meta table holding the resourceVersion
// counter. A commit returns only after SQLite has committed and synced the transaction.
//
// Thread-safety: none; the registry calls it under its write lock.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"
#include "identity/object_key.hpp"
#include "identity/watch.hpp"

namespace ordinal::identity {

/// One row to write: `object` is stored under `key`, or the row is deleted when it is null.
struct StoredChange {
  ObjectKey key;
  ObjectPtr object;
};

/// Everything in the file, as loaded at start-up.
struct StoreContents {
  std::vector<Json> objects;           ///< ordered by key
  std::uint64_t resource_version = 0;  ///< the counter: last resourceVersion handed out
};

class Store {
 public:
  /// The file name inside a data directory.
  static constexpr const char* kFileName = "ordinal.db";

  /// Opens (creating if needed) the database `file` and checks it (PRAGMA quick_check).
  /// Throws std::runtime_error naming the file when it cannot be opened, is not a database, is
  /// corrupt or has an unknown schema. Never resets or rewrites an existing file. `sync` false
  /// (synchronous=OFF) leaves commits unsynced: safe against the process dying, not the machine;
  /// for bulk-loading benchmark data only.
  static std::unique_ptr<Store> open(const std::filesystem::path& file, bool sync = true);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Reads every object and the counter. Throws std::runtime_error naming the file and the row
  /// when a stored object is not valid JSON.
  [[nodiscard]] StoreContents load();

  /// Writes `changes` and sets the counter to `resource_version`, in one transaction. Returns
  /// nullopt once it is committed and synced; otherwise the error (503 when the database is
  /// busy or locked, 500 for anything else, e.g. a full disk), naming the cause and the file,
  /// and nothing of the transaction is kept.
  std::optional<ApiError> commit(const std::vector<StoredChange>& changes,
                                 std::uint64_t resource_version);

  /// Caps the database at `pages` pages (PRAGMA max_page_count) so that tests can provoke
  /// SQLITE_FULL. Returns the effective limit.
  std::int64_t limit_pages(std::int64_t pages);

  [[nodiscard]] const std::filesystem::path& file() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ordinal::identity
