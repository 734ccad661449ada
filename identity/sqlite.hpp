#pragma once
// Thin RAII wrappers over the SQLite C API (STYLE rule 11): a connection owns its sqlite3*, a
// Statement owns its sqlite3_stmt*. Only identity/store.cpp uses them.
//
// Thread-safety: none of their own; the owner serialises use (the registry's write lock).
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ordinal::identity::sqlite {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

/// A failed SQLite call: the primary result code and SQLite's own message.
struct Error {
  int code = SQLITE_OK;
  std::string message;
};

/// One prepared statement, reused across calls (reset before each use).
class Statement {
 public:
  Statement() = default;
  /// Prepares `sql` on `db`; on failure ok() is false and error() tells why.
  Statement(sqlite3* db, std::string_view sql);

  [[nodiscard]] bool ok() const { return stmt_ != nullptr; }
  [[nodiscard]] const Error& error() const { return error_; }

  /// Clears bindings and resets, ready for the next execution.
  void reset();
  void bind(int index, std::string_view text);
  void bind(int index, std::int64_t value);
  /// SQLITE_ROW, SQLITE_DONE or an error code (then last_error() describes it).
  int step();
  [[nodiscard]] Error last_error() const;
  /// Column `index` of the current row as text ("" for NULL).
  [[nodiscard]] std::string text(int index) const;
  [[nodiscard]] std::int64_t int64(int index) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  Error error_;
};

/// Runs statements that return no rows; nullopt-like Error{SQLITE_OK} on success.
Error exec(sqlite3* db, const char* sql);

}  // namespace ordinal::identity::sqlite
