#include "store/postgres_store.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/migrations.hpp"

namespace certhub {
namespace {

constexpr size_t kPoolSize = 8;
// A caller waits this long for a free connection before it gets a StoreError (a 503).
constexpr auto kLeaseWait = std::chrono::seconds(5);
// After a failed connect, calls fail at once for this long instead of each waiting for the
// network: an unreachable database costs one connect attempt per interval, not one per request.
constexpr auto kReconnectBackoff = std::chrono::milliseconds(500);
// Session-level advisory lock held while migrating ("certhub" in ASCII).
constexpr const char* kMigrationLock = "27977564948034914";
constexpr std::string_view kUniqueViolation = "23505";

// Defaults put before the URL in the keyword list, so the URL may override every one of them.
// Keepalives and tcp_user_timeout turn a silently vanished server into an error within seconds;
// statement_timeout bounds how long an I/O thread can wait on a stuck statement.
constexpr const char* kDefaultKeys[] = {
    "connect_timeout",  "keepalives",       "keepalives_idle", "keepalives_interval",
    "keepalives_count", "tcp_user_timeout", "options",         "application_name"};
constexpr const char* kDefaultValues[] = {
    "5", "1", "30", "10", "3", "10000", "-c statement_timeout=30000", "certhub"};
static_assert(std::size(kDefaultKeys) == std::size(kDefaultValues));

// One statement, prepared once per connection under its name.
struct Sql {
  const char* name;
  const char* text;
};

constexpr Sql kVersion{"version", "SELECT coalesce(max(version), 0) FROM schema_migrations"};
constexpr Sql kRecordMigration{"record_migration",
                               "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)"};
constexpr Sql kPing{"ping", "SELECT count(*) FROM schema_migrations"};
constexpr Sql kSettingInsert{
    "setting_insert", "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING"};
constexpr Sql kSettingSelect{"setting_select", "SELECT value FROM settings WHERE name = $1"};
constexpr Sql kSessionInsert{
    "session_insert", "INSERT INTO sessions (id, csrf_token, created_at) VALUES ($1, $2, $3)"};
constexpr Sql kSessionSelect{"session_select",
                             "SELECT csrf_token, created_at FROM sessions WHERE id = $1"};
constexpr Sql kRequestInsert{"request_insert",
                             "INSERT INTO update_requests (certification, email, created_at) "
                             "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"};
constexpr Sql kRequestCount{"request_count",
                            "SELECT count(*) FROM update_requests WHERE certification = $1"};
constexpr Sql kAttemptInsert{
    "attempt_insert",
    "INSERT INTO attempts (id, session_id, certification, mode, domain, content_version, seed, "
    "slots, started_at, deadline, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "NULL)"};
#define CERTHUB_SELECT_ATTEMPT                                                         \
  "SELECT id, session_id, certification, mode, domain, content_version, seed, slots, " \
  "started_at, deadline, finished_at FROM attempts"
constexpr Sql kAttemptById{"attempt_by_id", CERTHUB_SELECT_ATTEMPT " WHERE id = $1"};
// rowid: the postgres dialect of migration 4 declares the insertion order SQLite has built in.
constexpr Sql kAttemptsOf{"attempts_of", CERTHUB_SELECT_ATTEMPT
                          " WHERE session_id = $1 ORDER BY started_at DESC, rowid DESC LIMIT $2"};
#undef CERTHUB_SELECT_ATTEMPT
// The guarded insert, as a transaction of two statements: lock the attempt row if it is
// unfinished, then insert with the next seq. The lock orders the save against finish_attempt (a
// finish that commits first leaves no row to lock) and against other saves to the same attempt,
// from any app server. max(seq) is read by a statement that starts after the lock is held, so
// it sees every step committed before (in one statement it would read the snapshot from before
// the lock wait and collide on the primary key).
constexpr Sql kStepLock{"step_lock",
                        "SELECT 1 FROM attempts WHERE id = $1 AND finished_at IS NULL FOR UPDATE"};
constexpr Sql kStepInsert{
    "step_insert",
    "INSERT INTO steps (attempt_id, seq, slot, kind, value, at) VALUES ($1, "
    "(SELECT coalesce(max(seq), 0) + 1 FROM steps WHERE attempt_id = $1), $2, $3, $4, $5)"};
constexpr Sql kStepsOf{
    "steps_of", "SELECT slot, kind, value, at FROM steps WHERE attempt_id = $1 ORDER BY seq"};
// Sets finished_at unless set, and returns what is stored, in one statement.
constexpr Sql kFinish{"finish",
                      "UPDATE attempts SET finished_at = coalesce(finished_at, $1::bigint) "
                      "WHERE id = $2 RETURNING finished_at"};
constexpr Sql kActive{"active",
                      "SELECT count(*) FROM attempts WHERE finished_at IS NULL "
                      "AND (deadline IS NULL OR deadline > $1)"};

// A statement the database refused (with its SQLSTATE), or a connection that failed (the
// connection is then dropped when its lease ends). Callers outside this file see a StoreError,
// which becomes a 503.
class PgError : public StoreError {
 public:
  PgError(std::string sqlstate, const std::string& message)
      : StoreError(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running..."):
// one line for the log.
std::string one_line(const char* text) {
  std::string out;
  for (const char* p = text ? text : ""; *p; ++p) {
    bool space = *p == '\n' || *p == '\t' || *p == ' ';
    if (!space)
      out += *p;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::int64_t to_int64(const char* text) {
  std::int64_t value = 0;
  auto end = text + std::strlen(text);
  auto [ptr, ec] = std::from_chars(text, end, value);
  if (ec != std::errc() || ptr != end)
    throw StoreError(std::string("PostgreSQL: not an integer: ") + text);
  return value;
}

// One statement parameter in text form; nullopt is SQL NULL.
struct Param {
  Param(std::string text) : value(std::move(text)) {}            // NOLINT: implicit by design
  Param(std::int64_t number) : value(std::to_string(number)) {}  // NOLINT
  Param(int number) : value(std::to_string(number)) {}           // NOLINT
  Param(const std::optional<std::int64_t>& number) {             // NOLINT
    if (number) value = std::to_string(*number);
  }
  std::optional<std::string> value;
};

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
  std::optional<std::int64_t> optional(int row, int col) const {
    if (PQgetisnull(result_, row, col)) return std::nullopt;
    return int64(row, col);
  }

 private:
  PGresult* result_;
};

class Connection {
 public:
  explicit Connection(const std::string& url) {
    std::vector<const char*> keys(std::begin(kDefaultKeys), std::end(kDefaultKeys));
    std::vector<const char*> values(std::begin(kDefaultValues), std::end(kDefaultValues));
    keys.push_back("dbname");  // expanded: the URL's own settings override the defaults above
    values.push_back(url.c_str());
    keys.push_back(nullptr);
    values.push_back(nullptr);
    conn_ = PQconnectdbParams(keys.data(), values.data(), 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? one_line(PQerrorMessage(conn_)) : "out of memory";
      PQfinish(conn_);
      throw PgError("", "cannot connect to PostgreSQL: " + msg);
    }
    // Notices (e.g. "relation already exists, skipping") are not errors; keep stderr clean.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a named statement, preparing it first if this connection has not yet.
  Result run(const Sql& sql, std::initializer_list<Param> params) {
    if (!prepared_.contains(sql.name)) {
      Result prepared(PQprepare(conn_, sql.name, sql.text, 0, nullptr));
      if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) fail(prepared.get(), sql.name);
      prepared_.insert(sql.name);
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.value ? p.value->c_str() : nullptr);
    Result result(PQexecPrepared(conn_, sql.name, static_cast<int>(values.size()), values.data(),
                                 nullptr, nullptr, 0));
    auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), sql.name);
    return result;
  }

  // Simple query protocol: no parameters, several statements allowed (migrations).
  void exec(const char* sql) {
    Result result(PQexec(conn_, sql));
    auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), "query");
  }

  void commit() {
    Result result(PQexec(conn_, "COMMIT"));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail(result.get(), "commit");
    // A transaction that had failed answers COMMIT with ROLLBACK.
    if (std::strcmp(PQcmdStatus(result.get()), "COMMIT") != 0)
      throw PgError("", "PostgreSQL: transaction rolled back");
  }

  void rollback() noexcept {
    if (broken()) return;
    PGresult* result = PQexec(conn_, "ROLLBACK");
    if (PQresultStatus(result) != PGRES_COMMAND_OK) broken_ = true;
    PQclear(result);
  }

  bool broken() const { return broken_ || PQstatus(conn_) != CONNECTION_OK; }
  void mark_broken() { broken_ = true; }

  // Before reuse: an idle connection receives nothing unasked. Anything readable (the
  // server's "terminating connection" message, or end of file after a restart) means the
  // server has let go of it.
  bool ready() const {
    if (broken() || PQtransactionStatus(conn_) != PQTRANS_IDLE) return false;
    pollfd pfd{PQsocket(conn_), POLLIN, 0};
    return ::poll(&pfd, 1, 0) == 0;
  }

 private:
  [[noreturn]] void fail(const PGresult* result, const char* what) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string message = one_line(result ? PQresultErrorMessage(result) : nullptr);
    if (message.empty()) message = one_line(PQerrorMessage(conn_));
    // Class 08 is a connection exception; 57P01-57P03 is the server shutting down or gone.
    if (PQstatus(conn_) != CONNECTION_OK || sqlstate.empty() || sqlstate.starts_with("08") ||
        sqlstate.starts_with("57P"))
      broken_ = true;
    throw PgError(sqlstate, std::string("PostgreSQL (") + what + "): " + message);
  }

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

AttemptRow attempt_from(const Result& r, int row) {
  return {r.text(row, 0),  r.text(row, 1),     r.text(row, 2),     r.text(row, 3),
          r.text(row, 4),  r.text(row, 5),     r.int64(row, 6),    r.text(row, 7),
          r.int64(row, 8), r.optional(row, 9), r.optional(row, 10)};
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::string url) : url_(std::move(url)) {
    idle_.push_back(std::make_unique<Connection>(url_));  // fail now, not on the first request
  }

  int migrate() override {
    auto conn = lease();
    try {
      // Two app servers starting together must not both apply a migration: the first to take
      // this lock applies them; the other waits, then finds nothing left to do.
      conn->exec((std::string("SET statement_timeout = 0; SELECT pg_advisory_lock(") +
                  kMigrationLock + ")")
                     .c_str());
      conn->exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
          "NOT NULL)");
      int current = version_on(*conn);
      for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        transaction(*conn, [&] {
          conn->exec(m.postgres);
          conn->run(kRecordMigration, {m.version, std::string(m.name)});
        });
        current = m.version;
      }
      conn->exec((std::string("SELECT pg_advisory_unlock(") + kMigrationLock +
                  "); RESET statement_timeout")
                     .c_str());
      return current;
    } catch (...) {
      conn->mark_broken();  // closing the connection releases the lock
      throw;
    }
  }

  int schema_version() override {
    auto conn = lease();
    return version_on(*conn);
  }

  bool ping() override {
    try {
      auto conn = lease();
      return conn->run(kPing, {}).rows() == 1;
    } catch (const StoreError&) {
      return false;
    }
  }

  std::string setting(const std::string& name, const std::string& initial) override {
    auto conn = lease();
    conn->run(kSettingInsert, {name, initial});
    auto r = conn->run(kSettingSelect, {name});
    if (r.rows() != 1) throw StoreError("setting " + name + " vanished");
    return r.text(0, 0);
  }

  void create_session(const Session& s) override {
    auto conn = lease();
    try {
      conn->run(kSessionInsert, {s.id, s.csrf_token, s.created_at});
    } catch (const PgError& e) {
      if (e.sqlstate() == kUniqueViolation) throw StoreError("session id collision");
      throw;
    }
  }

  std::optional<Session> find_session(const std::string& id) override {
    auto conn = lease();
    auto r = conn->run(kSessionSelect, {id});
    if (r.rows() == 0) return std::nullopt;
    return Session{id, r.text(0, 0), r.int64(0, 1)};
  }

  bool add_update_request(const std::string& certification, const std::string& email,
                          std::int64_t now) override {
    auto conn = lease();
    return conn->run(kRequestInsert, {certification, email, now}).affected() == 1;
  }

  int update_request_count(const std::string& certification) override {
    auto conn = lease();
    return static_cast<int>(conn->run(kRequestCount, {certification}).int64(0, 0));
  }

  void create_attempt(const AttemptRow& a) override {
    auto conn = lease();
    try {
      conn->run(kAttemptInsert, {a.id, a.session_id, a.certification, a.mode, a.domain,
                                 a.content_version, a.seed, a.slots, a.started_at, a.deadline});
    } catch (const PgError& e) {
      if (e.sqlstate() == kUniqueViolation) throw StoreError("attempt id collision");
      throw;
    }
  }

  std::optional<AttemptRow> find_attempt(const std::string& id) override {
    auto conn = lease();
    auto r = conn->run(kAttemptById, {id});
    if (r.rows() == 0) return std::nullopt;
    return attempt_from(r, 0);
  }

  std::vector<AttemptRow> attempts_of(const std::string& session_id, int limit) override {
    auto conn = lease();
    auto r = conn->run(kAttemptsOf, {session_id, limit});
    std::vector<AttemptRow> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(attempt_from(r, i));
    return out;
  }

  bool append_step(const std::string& attempt_id, const StepRow& step) override {
    auto conn = lease();
    bool open = false;
    // Committed before this returns: the answer is acknowledged only once it is stored.
    transaction(*conn, [&] {
      open = conn->run(kStepLock, {attempt_id}).rows() == 1;
      if (open) conn->run(kStepInsert, {attempt_id, step.slot, step.kind, step.value, step.at});
    });
    return open;
  }

  std::vector<StepRow> steps_of(const std::string& attempt_id) override {
    auto conn = lease();
    auto r = conn->run(kStepsOf, {attempt_id});
    std::vector<StepRow> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({static_cast<int>(r.int64(i, 0)), r.text(i, 1), r.text(i, 2), r.int64(i, 3)});
    return out;
  }

  std::int64_t finish_attempt(const std::string& attempt_id, std::int64_t at) override {
    auto conn = lease();
    auto r = conn->run(kFinish, {at, attempt_id});
    if (r.rows() == 0) throw StoreError("attempt " + attempt_id + " not found");
    return r.int64(0, 0);
  }

  std::int64_t active_attempts(std::int64_t now) override {
    auto conn = lease();
    return conn->run(kActive, {now}).int64(0, 0);
  }

 private:
  // A connection borrowed from the pool for one call, returned (or dropped if it broke) when
  // the lease ends.
  struct Lease {
    PostgresStore* store;
    std::unique_ptr<Connection> conn;
    Connection* operator->() { return conn.get(); }
    Connection& operator*() { return *conn; }
    Lease(PostgresStore* s, std::unique_ptr<Connection> c) : store(s), conn(std::move(c)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (conn) store->give_back(std::move(conn));
    }
  };

  Lease lease() {
    std::unique_lock lock(mutex_);
    auto deadline = std::chrono::steady_clock::now() + kLeaseWait;
    for (;;) {
      while (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        if (conn->ready()) return Lease(this, std::move(conn));
        --open_;  // dropped here; a fresh one is opened below
      }
      if (open_ < kPoolSize) break;
      if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
          open_ >= kPoolSize)
        throw StoreError("PostgreSQL: every connection of the pool is busy");
    }
    auto now = std::chrono::steady_clock::now();
    if (now < retry_after_) throw StoreError(last_connect_error_);
    ++open_;
    lock.unlock();
    try {
      auto conn = std::make_unique<Connection>(url_);
      return Lease(this, std::move(conn));
    } catch (const StoreError& e) {
      std::lock_guard relock(mutex_);
      --open_;
      retry_after_ = std::chrono::steady_clock::now() + kReconnectBackoff;
      last_connect_error_ = e.what();
      returned_.notify_one();
      throw;
    }
  }

  void give_back(std::unique_ptr<Connection> conn) {
    if (!conn->ready()) {
      conn.reset();  // closes it outside the lock
      std::lock_guard lock(mutex_);
      --open_;
      returned_.notify_one();
      return;
    }
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
    returned_.notify_one();
  }

  static int version_on(Connection& conn) {
    return static_cast<int>(conn.run(kVersion, {}).int64(0, 0));
  }

  std::string url_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 1;
  std::chrono::steady_clock::time_point retry_after_{};
  std::string last_connect_error_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url) {
  return std::make_unique<PostgresStore>(url);
}

}  // namespace certhub
