#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/migrations.hpp"
#include "store/postgres_store.hpp"
#include "store/wal_sync.hpp"

namespace certhub {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr size_t kPoolSize = 8;

// The ticket of the latest write made on this thread (see Store::take_write_ticket). A request
// runs on one thread from start to reply, so the thread identifies the request's writes.
thread_local std::uint64_t t_write_ticket = 0;

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
  explicit Connection(const std::string& path) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError("cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // WAL lets readers run beside the writer. NORMAL syncs only at checkpoints, so a commit
    // survives a process crash at once, and a power loss once WalSync has synced the log,
    // which happens before any reply acknowledges it (see docs/architecture.md).
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  }
  ~Connection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      throw StoreError("SQLite: " + msg);
    }
  }

  // A prepared statement from this connection's cache, reset and ready to bind.
  Statement prepare(const char* sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) {
      sqlite3_clear_bindings(it->second);
      return Statement(it->second);
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
      throw StoreError(std::string("SQLite prepare: ") + sqlite3_errmsg(db_));
    statements_.emplace(sql, stmt);
    return Statement(stmt);
  }

  int step(sqlite3_stmt* stmt) {
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_CONSTRAINT)
      throw StoreError(std::string("SQLite: ") + sqlite3_errmsg(db_));
    return rc;
  }

  int changes() const { return sqlite3_changes(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;  // keyed by the literal's address
};

void bind_arg(sqlite3_stmt* stmt, int index, const std::string& value) {
  sqlite3_bind_text(stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void bind_arg(sqlite3_stmt* stmt, int index, std::int64_t value) {
  sqlite3_bind_int64(stmt, index, value);
}
void bind_arg(sqlite3_stmt* stmt, int index, const std::optional<std::int64_t>& value) {
  if (value)
    sqlite3_bind_int64(stmt, index, *value);
  else
    sqlite3_bind_null(stmt, index);
}

std::string column_text(sqlite3_stmt* stmt, int col) {
  auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
  return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, col)))
              : std::string();
}

std::optional<std::int64_t> column_optional(sqlite3_stmt* stmt, int col) {
  if (sqlite3_column_type(stmt, col) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt, col);
}

#define kSelectAttempt                                                                             \
  "SELECT id, session_id, certification, mode, domain, content_version, seed, slots, started_at, " \
  "deadline, finished_at FROM attempts"

AttemptRow attempt_from(sqlite3_stmt* stmt) {
  return {column_text(stmt, 0),          column_text(stmt, 1),     column_text(stmt, 2),
          column_text(stmt, 3),          column_text(stmt, 4),     column_text(stmt, 5),
          sqlite3_column_int64(stmt, 6), column_text(stmt, 7),     sqlite3_column_int64(stmt, 8),
          column_optional(stmt, 9),      column_optional(stmt, 10)};
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {
    auto parent = std::filesystem::path(path_).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    idle_.push_back(std::make_unique<Connection>(path_));  // fail now, not on the first request
    file_id_ = file_id();
    sync_ = std::make_unique<WalSync>(path_ + "-wal");
  }

  ~SqliteStore() override {
    if (lock_fd_ >= 0) ::close(lock_fd_);
  }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  std::uint64_t take_write_ticket() override { return std::exchange(t_write_ticket, 0); }
  void when_durable(std::uint64_t ticket, std::function<void(bool)> done) override {
    sync_->when_synced(ticket, std::move(done));
  }
  SyncStats sync_stats() const override { return sync_->stats(); }

  bool claim_sole_writer() override {
    auto lock_path = path_ + "-server.lock";
    lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock_fd_ < 0) throw StoreError("cannot open " + lock_path);
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
      throw StoreError("another certhub server is using " + path_ +
                       " (SQLite serves one server process; use PostgreSQL for several)");
    return true;
  }

  int migrate() override {
    auto conn = lease();
    conn->exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
        "NULL)");
    int current = version_on(*conn);
    for (const auto& m : migrations()) {
      if (m.version <= current) continue;
      conn->exec("BEGIN IMMEDIATE");
      try {
        conn->exec(m.sqlite);
        auto stmt = conn->prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
        bind_arg(stmt, 1, std::int64_t{m.version});
        bind_arg(stmt, 2, std::string(m.name));
        conn->step(stmt);
        conn->exec("COMMIT");
      } catch (...) {
        conn->exec("ROLLBACK");
        throw;
      }
      current = m.version;
    }
    return current;
  }

  int schema_version() override {
    auto conn = lease();
    return version_on(*conn);
  }

  bool ping() override {
    // Open connections keep working on a deleted or replaced file while new writes would be
    // lost with it, so the file on disk must still be the one we opened.
    if (file_id() != file_id_) return false;
    try {
      auto conn = lease();
      auto stmt = conn->prepare("SELECT count(*) FROM schema_migrations");
      return conn->step(stmt) == SQLITE_ROW;
    } catch (const StoreError&) {
      return false;
    }
  }

  std::string setting(const std::string& name, const std::string& initial) override {
    auto writing = write_lock();
    auto conn = lease();
    {
      auto insert =
          conn->prepare("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING");
      bind_arg(insert, 1, name);
      bind_arg(insert, 2, initial);
      conn->step(insert);
      if (conn->changes() == 1) wrote();
    }
    auto select = conn->prepare("SELECT value FROM settings WHERE name = ?");
    bind_arg(select, 1, name);
    if (conn->step(select) != SQLITE_ROW) throw StoreError("setting " + name + " vanished");
    return column_text(select, 0);
  }

  void create_session(const Session& s) override {
    auto writing = write_lock();
    auto conn = lease();
    auto stmt = conn->prepare("INSERT INTO sessions (id, csrf_token, created_at) VALUES (?, ?, ?)");
    bind_arg(stmt, 1, s.id);
    bind_arg(stmt, 2, s.csrf_token);
    bind_arg(stmt, 3, s.created_at);
    if (conn->step(stmt) != SQLITE_DONE) throw StoreError("session id collision");
    wrote();
  }

  std::optional<Session> find_session(const std::string& id) override {
    auto conn = lease();
    auto stmt = conn->prepare("SELECT csrf_token, created_at FROM sessions WHERE id = ?");
    bind_arg(stmt, 1, id);
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return Session{id, column_text(stmt, 0), sqlite3_column_int64(stmt, 1)};
  }

  bool add_update_request(const std::string& certification, const std::string& email,
                          std::int64_t now) override {
    auto writing = write_lock();
    auto conn = lease();
    auto stmt = conn->prepare(
        "INSERT INTO update_requests (certification, email, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    bind_arg(stmt, 1, certification);
    bind_arg(stmt, 2, email);
    bind_arg(stmt, 3, now);
    conn->step(stmt);
    if (conn->changes() != 1) return false;
    wrote();
    return true;
  }

  void create_attempt(const AttemptRow& a) override {
    auto writing = write_lock();
    auto conn = lease();
    auto stmt = conn->prepare(
        "INSERT INTO attempts (id, session_id, certification, mode, domain, content_version, seed, "
        "slots, "
        "started_at, deadline, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)");
    bind_arg(stmt, 1, a.id);
    bind_arg(stmt, 2, a.session_id);
    bind_arg(stmt, 3, a.certification);
    bind_arg(stmt, 4, a.mode);
    bind_arg(stmt, 5, a.domain);
    bind_arg(stmt, 6, a.content_version);
    bind_arg(stmt, 7, a.seed);
    bind_arg(stmt, 8, a.slots);
    bind_arg(stmt, 9, a.started_at);
    bind_arg(stmt, 10, a.deadline);
    if (conn->step(stmt) != SQLITE_DONE) throw StoreError("attempt id collision");
    wrote();
  }

  std::optional<AttemptRow> find_attempt(const std::string& id) override {
    auto conn = lease();
    auto stmt = conn->prepare(kSelectAttempt " WHERE id = ?");
    bind_arg(stmt, 1, id);
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return attempt_from(stmt);
  }

  std::vector<AttemptRow> attempts_of(const std::string& session_id, int limit) override {
    auto conn = lease();
    auto stmt = conn->prepare(kSelectAttempt
                              " WHERE session_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?");
    bind_arg(stmt, 1, session_id);
    bind_arg(stmt, 2, std::int64_t{limit});
    std::vector<AttemptRow> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(attempt_from(stmt));
    return out;
  }

  bool append_step(const std::string& attempt_id, const StepRow& step) override {
    auto writing = write_lock();
    auto conn = lease();
    auto stmt = conn->prepare(
        "INSERT INTO steps (attempt_id, seq, slot, kind, value, at) "
        "SELECT ?1, coalesce((SELECT max(seq) FROM steps WHERE attempt_id = ?1), 0) + 1, ?2, ?3, "
        "?4, ?5 "
        "WHERE EXISTS (SELECT 1 FROM attempts WHERE id = ?1 AND finished_at IS NULL)");
    bind_arg(stmt, 1, attempt_id);
    bind_arg(stmt, 2, std::int64_t{step.slot});
    bind_arg(stmt, 3, step.kind);
    bind_arg(stmt, 4, step.value);
    bind_arg(stmt, 5, step.at);
    conn->step(stmt);
    if (conn->changes() != 1) return false;
    wrote();
    return true;
  }

  std::vector<StepRow> steps_of(const std::string& attempt_id) override {
    auto conn = lease();
    auto stmt =
        conn->prepare("SELECT slot, kind, value, at FROM steps WHERE attempt_id = ? ORDER BY seq");
    bind_arg(stmt, 1, attempt_id);
    std::vector<StepRow> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({sqlite3_column_int(stmt, 0), column_text(stmt, 1), column_text(stmt, 2),
                     sqlite3_column_int64(stmt, 3)});
    return out;
  }

  std::int64_t finish_attempt(const std::string& attempt_id, std::int64_t at) override {
    auto writing = write_lock();
    auto conn = lease();
    {
      auto update =
          conn->prepare("UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL");
      bind_arg(update, 1, at);
      bind_arg(update, 2, attempt_id);
      conn->step(update);
      if (conn->changes() == 1) wrote();
    }
    auto select = conn->prepare("SELECT finished_at FROM attempts WHERE id = ?");
    bind_arg(select, 1, attempt_id);
    if (conn->step(select) != SQLITE_ROW) throw StoreError("attempt " + attempt_id + " not found");
    return sqlite3_column_int64(select, 0);
  }

  std::int64_t active_attempts(std::int64_t now) override {
    auto conn = lease();
    auto stmt = conn->prepare(
        "SELECT count(*) FROM attempts WHERE finished_at IS NULL AND (deadline IS NULL OR deadline "
        "> ?)");
    bind_arg(stmt, 1, now);
    conn->step(stmt);
    return sqlite3_column_int64(stmt, 0);
  }

  int update_request_count(const std::string& certification) override {
    auto conn = lease();
    auto stmt = conn->prepare("SELECT count(*) FROM update_requests WHERE certification = ?");
    bind_arg(stmt, 1, certification);
    conn->step(stmt);
    return sqlite3_column_int(stmt, 0);
  }

 private:
  // A connection borrowed from the pool for one call, returned when the lease ends.
  struct Lease {
    SqliteStore* store;
    std::unique_ptr<Connection> conn;
    Connection* operator->() { return conn.get(); }
    Connection& operator*() { return *conn; }
    ~Lease() {
      if (conn) store->give_back(std::move(conn));
    }
  };

  Lease lease() {
    std::unique_lock lock(mutex_);
    while (idle_.empty() && open_ >= kPoolSize) returned_.wait(lock);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease{this, std::move(conn)};
    }
    ++open_;
    lock.unlock();
    try {
      return Lease{this, std::make_unique<Connection>(path_)};
    } catch (...) {
      std::lock_guard relock(mutex_);
      --open_;
      throw;
    }
  }

  void give_back(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(conn));
    returned_.notify_one();
  }

  // One writer at a time, queued here rather than in SQLite: a writer that finds the database
  // locked sleeps in SQLite's busy handler for a millisecond or more, while this hands over at
  // once (with two threads saving answers, p99 went from 19 to 15 ms; bench/README.md).
  std::unique_lock<std::mutex> write_lock() { return std::unique_lock(write_mutex_); }

  // After a committed change: the reply must wait for its sync.
  void wrote() { t_write_ticket = sync_->committed(); }

  static int version_on(Connection& conn) {
    auto stmt = conn.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    conn.step(stmt);
    return sqlite3_column_int(stmt, 0);
  }

  // Device and inode of the database file, or {0, 0} when it is missing.
  std::pair<dev_t, ino_t> file_id() const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return {0, 0};
    return {st.st_dev, st.st_ino};
  }

  std::string path_;
  std::pair<dev_t, ino_t> file_id_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t open_ = 1;
  std::mutex write_mutex_;
  int lock_fd_ = -1;
  // Declared after the pool: destroyed first, with a last sync of what is pending.
  std::unique_ptr<WalSync> sync_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  return std::make_unique<SqliteStore>(path);
}

std::unique_ptr<Store> open_store(const std::string& url) {
  if (url.starts_with("postgres://") || url.starts_with("postgresql://"))
    return open_postgres_store(url);
  return open_sqlite_store(url.starts_with("sqlite:") ? url.substr(7) : url);
}

}  // namespace certhub
