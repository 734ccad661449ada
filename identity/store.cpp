#include "identity/store.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "identity/metadata.hpp"
#include "identity/sqlite.hpp"
#include "identity/streaming_parser.hpp"

namespace ordinal::identity {
namespace {

constexpr std::int64_t kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
  CREATE TABLE IF NOT EXISTS objects (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    resource_version INTEGER NOT NULL,
    json TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT OR IGNORE INTO meta (name, value) VALUES ('resource_version', 0);
  INSERT OR IGNORE INTO meta (name, value) VALUES ('schema_version', 1);
)sql";

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw std::runtime_error("identity store " + file.string() + ": " + what);
}

// Runs a PRAGMA that answers one row and returns that row's first column.
std::string pragma(sqlite3* db, const std::filesystem::path& file, const char* sql) {
  sqlite::Statement stmt(db, sql);
  if (!stmt.ok()) fail(file, stmt.error().message);
  const int rc = stmt.step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(file, stmt.last_error().message);
  return rc == SQLITE_ROW ? stmt.text(0) : std::string();
}

// Rows handed to the parser at a time: enough that handing over costs nothing, few enough that
// the helpers start while the first rows are still being read.
constexpr std::size_t kRowsPerBatch = 1024;

}  // namespace

struct Store::Impl {
  std::filesystem::path file;
  sqlite::Db db;
  sqlite::Statement begin, commit, rollback, upsert, erase, set_counter;

  void prepare() {
    sqlite3* h = db.get();
    begin = sqlite::Statement(h, "BEGIN IMMEDIATE");
    commit = sqlite::Statement(h, "COMMIT");
    rollback = sqlite::Statement(h, "ROLLBACK");
    upsert = sqlite::Statement(
        h,
        "INSERT INTO objects (key, kind, namespace, name, resource_version, json) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key) DO UPDATE SET "
        "resource_version = excluded.resource_version, json = excluded.json");
    erase = sqlite::Statement(h, "DELETE FROM objects WHERE key = ?1");
    set_counter =
        sqlite::Statement(h, "UPDATE meta SET value = ?1 WHERE name = 'resource_version'");
    for (const auto* s : {&begin, &commit, &rollback, &upsert, &erase, &set_counter})
      if (!s->ok()) fail(file, s->error().message);
  }

  // A statement that returns no rows; the error when it failed.
  std::optional<sqlite::Error> run(sqlite::Statement& stmt) {
    stmt.reset();
    const int rc = stmt.step();
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return std::nullopt;
    return stmt.last_error();
  }

  std::optional<sqlite::Error> write(const StoredChange& change) {
    const std::string key = change.key.to_string();
    if (!change.object) {
      erase.reset();
      erase.bind(1, key);
      return erase.step() == SQLITE_DONE ? std::nullopt : std::optional(erase.last_error());
    }
    upsert.reset();
    upsert.bind(1, key);
    upsert.bind(2, change.key.kind);
    upsert.bind(3, change.key.ns);
    upsert.bind(4, change.key.name);
    upsert.bind(5, static_cast<std::int64_t>(resource_version_of(*change.object).value_or(0)));
    upsert.bind(6, change.object->dump());
    return upsert.step() == SQLITE_DONE ? std::nullopt : std::optional(upsert.last_error());
  }

  std::optional<sqlite::Error> write_all(const std::vector<StoredChange>& changes,
                                         std::uint64_t resource_version) {
    if (auto e = run(begin)) return e;
    for (const auto& change : changes)
      if (auto e = write(change)) return e;
    set_counter.reset();
    set_counter.bind(1, static_cast<std::int64_t>(resource_version));
    if (set_counter.step() != SQLITE_DONE) return set_counter.last_error();
    return run(commit);
  }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::filesystem::path& file, bool sync) {
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(file.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  impl->db.reset(raw);
  if (rc != SQLITE_OK)
    fail(file, std::string("cannot open: ") + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3* db = impl->db.get();
  // Another process holding a write lock briefly should delay a write, not fail it.
  sqlite3_busy_timeout(db, 1000);
  // Checked before anything writes to the file, so a damaged store is reported, never reset.
  const std::string check = pragma(db, file, "PRAGMA quick_check");
  if (check != "ok") fail(file, "the database is corrupt (quick_check: " + check + ")");
  if (pragma(db, file, "PRAGMA journal_mode=WAL") != "wal")
    fail(file, "cannot switch the journal to WAL mode");
  if (auto e = sqlite::exec(db, sync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF");
      e.code != SQLITE_OK)
    fail(file, e.message);
  if (auto e = sqlite::exec(db, kSchema); e.code != SQLITE_OK) fail(file, e.message);
  const std::string version =
      pragma(db, file, "SELECT value FROM meta WHERE name='schema_version'");
  if (version != std::to_string(kSchemaVersion))
    fail(file, "unknown schema version " + version + " (this build reads version " +
                   std::to_string(kSchemaVersion) + ")");
  impl->prepare();
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

StoreContents Store::load() {
  StoreContents contents;
  sqlite3* db = impl_->db.get();
  sqlite::Statement rows(db, "SELECT key, resource_version, json FROM objects ORDER BY key");
  if (!rows.ok()) fail(impl_->file, rows.error().message);
  std::uint64_t highest = 0;
  std::vector<std::string> keys;
  // Parsing is most of a restart's work before anything can be served (about 4 s of one core
  // at 100,000 pods) and rows are independent: the other cores parse while this one reads.
  StreamingParser parser;
  std::vector<std::string> texts;
  int rc = SQLITE_OK;
  while ((rc = rows.step()) == SQLITE_ROW) {
    keys.push_back(rows.text(0));
    highest = std::max(highest, static_cast<std::uint64_t>(rows.int64(1)));
    texts.push_back(rows.text(2));
    if (texts.size() == kRowsPerBatch) parser.add(std::exchange(texts, {}));
  }
  if (rc != SQLITE_DONE) fail(impl_->file, rows.last_error().message);
  parser.add(std::move(texts));
  contents.objects = parser.finish();
  for (std::size_t i = 0; i < contents.objects.size(); ++i) {
    const Json& object = contents.objects[i];
    if (!object.is_object() || !object.contains("metadata"))
      fail(impl_->file, "stored object " + keys[i] + " is not a valid object");
  }
  const std::string counter =
      pragma(db, impl_->file, "SELECT value FROM meta WHERE name='resource_version'");
  // The counter is written with every transaction; the maximum guards against handing out a
  // resourceVersion twice should the two ever disagree.
  contents.resource_version = std::max(highest, static_cast<std::uint64_t>(std::stoull(counter)));
  return contents;
}

std::optional<ApiError> Store::commit(const std::vector<StoredChange>& changes,
                                      std::uint64_t resource_version) {
  const auto error = impl_->write_all(changes, resource_version);
  if (!error) return std::nullopt;
  // A failed statement or COMMIT may leave the transaction open; nothing of it may stay.
  if (!sqlite3_get_autocommit(impl_->db.get())) impl_->run(impl_->rollback);
  const std::string message =
      "cannot store the write in " + impl_->file.string() + ": " + error->message;
  if (error->code == SQLITE_BUSY || error->code == SQLITE_LOCKED)
    return service_unavailable(message);
  return internal_error(message);
}

std::int64_t Store::limit_pages(std::int64_t pages) {
  const std::string sql = "PRAGMA max_page_count=" + std::to_string(pages);
  return std::stoll(pragma(impl_->db.get(), impl_->file, sql.c_str()));
}

const std::filesystem::path& Store::file() const {
  return impl_->file;
}

}  // namespace ordinal::identity
