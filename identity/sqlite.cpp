#include "identity/sqlite.hpp"

namespace ordinal::identity::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  stmt_.reset(raw);
  if (rc != SQLITE_OK) {
    error_ = {rc & 0xFF, sqlite3_errmsg(db)};
    stmt_.reset();
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

void Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

void Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, static_cast<sqlite3_int64>(value));
}

int Statement::step() {
  return sqlite3_step(stmt_.get());
}

Error Statement::last_error() const {
  return {sqlite3_errcode(db_) & 0xFF, sqlite3_errmsg(db_)};
}

std::string Statement::text(int index) const {
  const unsigned char* data = sqlite3_column_text(stmt_.get(), index);
  if (data == nullptr) return {};
  const int size = sqlite3_column_bytes(stmt_.get(), index);
  return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::int64_t Statement::int64(int index) const {
  return static_cast<std::int64_t>(sqlite3_column_int64(stmt_.get(), index));
}

Error exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  Error error{rc & 0xFF, message ? message : (rc == SQLITE_OK ? "" : sqlite3_errmsg(db))};
  sqlite3_free(message);
  return error;
}

}  // namespace ordinal::identity::sqlite
