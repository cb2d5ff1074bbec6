#pragma once
// What every SQLite area shares: connections with their prepared statements, the pool they are
// leased from, the one-writer-at-a-time lock and the tickets of group commit. The areas
// (attempts.cpp, update_requests.cpp, settings.cpp) run their SQL through a SqliteDb.
#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/backend.hpp"
#include "store/store.hpp"

namespace certhub::sqlite {

class WalSync;

// A cached statement in use; reset when the call is done so no read transaction stays open.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() { sqlite3_reset(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  operator sqlite3_stmt*() const { return stmt_; }  // NOLINT: used like the raw handle

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const char* sql);
  // A prepared statement from this connection's cache, reset and ready to bind. `sql` must be a
  // string literal: the cache is keyed by its address.
  Statement prepare(const char* sql);
  // SQLITE_ROW, SQLITE_DONE or SQLITE_CONSTRAINT; throws StoreError on anything else.
  int step(sqlite3_stmt* stmt);
  int changes() const { return sqlite3_changes(db_); }
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  // After a step that returned SQLITE_CONSTRAINT: which constraint (SQLITE_CONSTRAINT_UNIQUE...).
  int extended_errcode() const { return sqlite3_extended_errcode(db_); }
  // Runs `body` in one write transaction (the caller holds Db::write_lock): all of it commits
  // or none of it does.
  template <class F>
  void transaction(F&& body) {
    exec("BEGIN IMMEDIATE");
    try {
      body();
      exec("COMMIT");
    } catch (...) {
      exec("ROLLBACK");
      throw;
    }
  }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

void bind_arg(sqlite3_stmt* stmt, int index, const std::string& value);
void bind_arg(sqlite3_stmt* stmt, int index, std::int64_t value);
void bind_arg(sqlite3_stmt* stmt, int index, const std::optional<std::int64_t>& value);
void bind_arg(sqlite3_stmt* stmt, int index, double value);
std::string column_text(sqlite3_stmt* stmt, int col);
std::optional<std::int64_t> column_optional(sqlite3_stmt* stmt, int col);

class Db {
 public:
  explicit Db(std::string path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // A connection borrowed from the pool for one call, handed back when the lease ends.
  using Lease = certhub::Lease<Db, Connection>;
  Lease lease();

  // One writer at a time, queued here rather than in SQLite: a writer that finds the database
  // locked sleeps in SQLite's busy handler for a millisecond or more, while this hands over at
  // once (with two threads saving answers, p99 went from 19 to 15 ms; bench/README.md).
  std::unique_lock<std::mutex> write_lock() { return std::unique_lock(write_mutex_); }
  // After a committed change: the reply must wait for its sync (Store::take_write_ticket).
  void wrote();
  // One write statement on its own, its arguments bound in order; returns the rows it changed.
  template <class... Args>
  int write(const char* sql, const Args&... args) {
    auto writing = write_lock();
    auto conn = lease();
    auto stmt = conn->prepare(sql);
    int index = 0;
    (bind_arg(stmt, ++index, args), ...);
    conn->step(stmt);
    int changed = conn->changes();
    if (changed > 0) wrote();
    return changed;
  }
  static std::uint64_t take_write_ticket();
  WalSync& sync() { return *sync_; }
  const WalSync& sync() const { return *sync_; }
  const std::string& path() const { return path_; }

 private:
  friend Lease;
  void give_back(std::unique_ptr<Connection> conn);

  std::string path_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 1;
  std::mutex write_mutex_;
  // Declared after the pool: destroyed first, with a last sync of what is pending.
  std::unique_ptr<WalSync> sync_;
};

// The areas, each in its own file.
std::unique_ptr<AttemptStore> make_attempt_store(Db& db);
std::unique_ptr<UpdateRequestStore> make_update_request_store(Db& db);
std::unique_ptr<SettingsStore> make_settings_store(Db& db);
std::unique_ptr<LearningStore> make_learning_store(Db& db);
std::unique_ptr<AccountStore> make_account_store(Db& db);
std::unique_ptr<NotificationStore> make_notification_store(Db& db);
std::unique_ptr<ReportStore> make_report_store(Db& db);

}  // namespace certhub::sqlite
