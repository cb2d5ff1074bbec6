#pragma once
// What every PostgreSQL area shares: connections with their prepared statements, results,
// parameters, transactions and the pool that leases connections and recovers when the database
// comes back. The areas (attempts.cpp, update_requests.cpp, settings.cpp) run their SQL through
// a postgres::Db.
#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/backend.hpp"
#include "store/store.hpp"

namespace certhub::postgres {

inline constexpr std::string_view kUniqueViolation = "23505";

// One statement, prepared once per connection under its name.
struct Sql {
  const char* name;
  const char* text;
};

// A statement the database refused (with its SQLSTATE), or a connection that failed (the
// connection is then dropped when its lease ends). Callers outside the store see a StoreError,
// which becomes a 503.
class PgError : public StoreError {
 public:
  PgError(std::string sqlstate, const std::string& message, std::string constraint = {})
      : StoreError(message), sqlstate_(std::move(sqlstate)), constraint_(std::move(constraint)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  // The violated constraint's name, for a constraint violation (e.g. a unique index).
  const std::string& constraint() const { return constraint_; }

 private:
  std::string sqlstate_;
  std::string constraint_;
};

// One statement parameter in text form; nullopt is SQL NULL.
struct Param {
  Param(std::string text) : value(std::move(text)) {}            // NOLINT: implicit by design
  Param(std::int64_t number) : value(std::to_string(number)) {}  // NOLINT
  Param(int number) : value(std::to_string(number)) {}           // NOLINT
  Param(double number);                                          // NOLINT: shortest exact text
  Param(const std::optional<std::int64_t>& number) {             // NOLINT
    if (number) value = std::to_string(*number);
  }
  std::optional<std::string> value;
};

std::int64_t to_int64(const char* text);
double to_double(const char* text);

class Result {
 public:
  explicit Result(PGresult* result) : result_(result) {}
  ~Result() { PQclear(result_); }
  Result(Result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result& operator=(Result&&) = delete;

  PGresult* get() const { return result_; }
  int rows() const { return PQntuples(result_); }
  int affected() const {
    const char* n = PQcmdTuples(result_);
    return *n ? static_cast<int>(to_int64(n)) : 0;
  }
  std::string text(int row, int col) const {
    return {PQgetvalue(result_, row, col), static_cast<size_t>(PQgetlength(result_, row, col))};
  }
  std::int64_t int64(int row, int col) const { return to_int64(PQgetvalue(result_, row, col)); }
  double real(int row, int col) const { return to_double(PQgetvalue(result_, row, col)); }
  bool boolean(int row, int col) const { return *PQgetvalue(result_, row, col) == 't'; }
  std::optional<std::int64_t> optional(int row, int col) const {
    if (PQgetisnull(result_, row, col)) return std::nullopt;
    return int64(row, col);
  }

 private:
  PGresult* result_;
};

class Connection {
 public:
  explicit Connection(const std::string& url);
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a named statement, preparing it first if this connection has not yet.
  Result run(const Sql& sql, std::initializer_list<Param> params);
  // Simple query protocol: no parameters, several statements allowed (migrations).
  void exec(const char* sql);
  void commit();
  void rollback() noexcept;

  bool broken() const { return broken_ || PQstatus(conn_) != CONNECTION_OK; }
  void mark_broken() { broken_ = true; }
  // Before reuse: an idle connection receives nothing unasked. Anything readable (the
  // server's "terminating connection" message, or end of file after a restart) means the
  // server has let go of it.
  bool ready() const;

 private:
  [[noreturn]] void fail(const PGresult* result, const char* what);

  PGconn* conn_ = nullptr;
  std::unordered_set<std::string_view> prepared_;  // statement names (string literals)
  bool broken_ = false;
};

// Runs `body` in one transaction: all of it commits or none of it does.
template <class F>
void transaction(Connection& conn, F&& body) {
  conn.exec("BEGIN");
  try {
    body();
    conn.commit();
  } catch (...) {
    conn.rollback();
    throw;
  }
}

class Db {
 public:
  // Throws StoreError when the first connection cannot be made.
  explicit Db(std::string url);

  // A connection borrowed from the pool for one call, handed back (or dropped, if it broke)
  // when the lease ends.
  using Lease = certhub::Lease<Db, Connection>;
  Lease lease();

 private:
  friend Lease;
  void give_back(std::unique_ptr<Connection> conn);
  std::string url_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 1;
  std::chrono::steady_clock::time_point retry_after_{};
  std::string last_connect_error_;
};

// The areas, each in its own file.
std::unique_ptr<AttemptStore> make_attempt_store(Db& db);
std::unique_ptr<UpdateRequestStore> make_update_request_store(Db& db);
std::unique_ptr<SettingsStore> make_settings_store(Db& db);
std::unique_ptr<LearningStore> make_learning_store(Db& db);
std::unique_ptr<AccountStore> make_account_store(Db& db);
std::unique_ptr<NotificationStore> make_notification_store(Db& db);
std::unique_ptr<ReportStore> make_report_store(Db& db);

}  // namespace certhub::postgres
