#include "store/sqlite/db.hpp"

#include <filesystem>
#include <utility>

#include "store/sqlite/wal_sync.hpp"

namespace certhub::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr size_t kPoolSize = 8;

// The ticket of the latest write made on this thread (see Store::take_write_ticket). A request
// runs on one thread from start to reply, so the thread identifies the request's writes.
thread_local std::uint64_t t_write_ticket = 0;

}  // namespace

Connection::Connection(const std::string& path) {
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

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Connection::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw StoreError("SQLite: " + msg);
  }
}

Statement Connection::prepare(const char* sql) {
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

int Connection::step(sqlite3_stmt* stmt) {
  int rc = sqlite3_step(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc != SQLITE_CONSTRAINT)
    throw StoreError(std::string("SQLite: ") + sqlite3_errmsg(db_));
  return rc;
}

void bind_arg(sqlite3_stmt* stmt, int index, const std::string& value) {
  sqlite3_bind_text(stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void bind_arg(sqlite3_stmt* stmt, int index, std::int64_t value) {
  sqlite3_bind_int64(stmt, index, value);
}
void bind_arg(sqlite3_stmt* stmt, int index, double value) {
  sqlite3_bind_double(stmt, index, value);
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

Db::Db(std::string path) : path_(std::move(path)) {
  auto parent = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  idle_.push_back(std::make_unique<Connection>(path_));  // fail now, not on the first request
  sync_ = std::make_unique<WalSync>(path_ + "-wal");
}

Db::~Db() = default;

Db::Lease Db::lease() {
  std::unique_lock lock(mutex_);
  while (idle_.empty() && open_ >= kPoolSize) returned_.wait(lock);
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<Connection>(path_));
  } catch (...) {
    std::lock_guard relock(mutex_);
    --open_;
    throw;
  }
}

void Db::give_back(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(conn));
  returned_.notify_one();
}

void Db::wrote() {
  t_write_ticket = sync_->committed();
}

std::uint64_t Db::take_write_ticket() {
  return std::exchange(t_write_ticket, 0);
}

}  // namespace certhub::sqlite
