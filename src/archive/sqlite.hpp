// A thin RAII layer over the SQLite C API for the archive (internal header):
// a connection, prepared statements with bound values, and transactions.
// Every failure is a govscore::Error whose text is SQLite's own message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace govscore::sqlite {

// One open connection. Move-only; closes on destruction.
class Database {
 public:
  // Opens `path` read-write (creating it when `create`) or read-only.
  // Throws govscore::Error with SQLite's reason when it cannot.
  Database(const std::string& path, bool writable, bool create);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results; throws on failure.
  void exec(const std::string& sql);
  // The first column of the first row of `sql` as an integer (0 when no row).
  [[nodiscard]] std::int64_t integer(const std::string& sql);
  [[nodiscard]] std::int64_t changes() const;
  // A statement that finds the file locked by another writer retries for
  // up to `ms` milliseconds before failing.
  void busy_timeout(int ms);
  [[nodiscard]] sqlite3* handle() const { return db_; }
  // "reason" for the last failure on this connection.
  [[nodiscard]] std::string message() const;

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement. Move-only; finalized on destruction. Parameters are
// numbered from 1 as in SQL; columns from 0.
class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);  // bound as TEXT, copied
  // Bound as TEXT without a copy: `text` must stay as it is until the
  // statement is reset (run() resets it).
  Statement& bind_unchanged(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind_null(int index);

  // Steps once: true while a row is available, false when done. Throws on
  // failure.
  bool step();
  // Runs a statement without results to the end, then resets it for reuse.
  void run();
  void reset();

  [[nodiscard]] bool is_null(int column) const;
  [[nodiscard]] std::int64_t integer(int column) const;
  [[nodiscard]] std::string_view text(int column) const;  // valid until the next step
  [[nodiscard]] std::string string(int column) const { return std::string(text(column)); }
  [[nodiscard]] std::optional<std::string> optional_string(int column) const {
    if (is_null(column)) return std::nullopt;
    return string(column);
  }

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE … COMMIT; rolled back when destroyed before commit(), so
// an exception (or a killed process) leaves the file as it was.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace govscore::sqlite
