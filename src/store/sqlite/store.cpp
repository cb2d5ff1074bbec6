// The SQLite Store: opening, migrating and checking the database, the sole-writer lock and group
// commit. The areas' SQL lives in attempts.cpp, update_requests.cpp and settings.cpp.
#include "store/sqlite/store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

#include "store/migrations.hpp"
#include "store/postgres/store.hpp"
#include "store/sqlite/db.hpp"
#include "store/sqlite/wal_sync.hpp"

namespace certhub {
namespace {

using sqlite::Connection;

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::string path)
      : db_(std::move(path)),
        file_id_(file_id()),
        attempts_(sqlite::make_attempt_store(db_)),
        update_requests_(sqlite::make_update_request_store(db_)),
        settings_(sqlite::make_settings_store(db_)),
        learning_(sqlite::make_learning_store(db_)),
        accounts_(sqlite::make_account_store(db_)),
        notifications_(sqlite::make_notification_store(db_)),
        reports_(sqlite::make_report_store(db_)) {}

  ~SqliteStore() override {
    if (lock_fd_ >= 0) ::close(lock_fd_);
  }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  AttemptStore& attempts() override { return *attempts_; }
  UpdateRequestStore& update_requests() override { return *update_requests_; }
  SettingsStore& settings() override { return *settings_; }
  LearningStore& learning() override { return *learning_; }
  AccountStore& accounts() override { return *accounts_; }
  NotificationStore& notifications() override { return *notifications_; }
  ReportStore& reports() override { return *reports_; }

  std::uint64_t take_write_ticket() override { return sqlite::Db::take_write_ticket(); }
  void when_durable(std::uint64_t ticket, std::function<void(bool)> done) override {
    db_.sync().when_synced(ticket, std::move(done));
  }
  SyncStats sync_stats() const override { return db_.sync().stats(); }

  bool claim_sole_writer() override {
    auto lock_path = db_.path() + "-server.lock";
    lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock_fd_ < 0) throw StoreError("cannot open " + lock_path);
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
      throw StoreError("another certhub server is using " + db_.path() +
                       " (SQLite serves one server process; use PostgreSQL for several)");
    return true;
  }

  int migrate() override {
    auto conn = db_.lease();
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
        sqlite::bind_arg(stmt, 1, std::int64_t{m.version});
        sqlite::bind_arg(stmt, 2, std::string(m.name));
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
    auto conn = db_.lease();
    return version_on(*conn);
  }

  bool ping() override {
    // Open connections keep working on a deleted or replaced file while new writes would be
    // lost with it, so the file on disk must still be the one we opened.
    if (file_id() != file_id_) return false;
    try {
      auto conn = db_.lease();
      auto stmt = conn->prepare("SELECT count(*) FROM schema_migrations");
      return conn->step(stmt) == SQLITE_ROW;
    } catch (const StoreError&) {
      return false;
    }
  }

 private:
  static int version_on(Connection& conn) {
    auto stmt = conn.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    conn.step(stmt);
    return sqlite3_column_int(stmt, 0);
  }

  // Device and inode of the database file, or {0, 0} when it is missing.
  std::pair<dev_t, ino_t> file_id() const {
    struct stat st {};
    if (::stat(db_.path().c_str(), &st) != 0) return {0, 0};
    return {st.st_dev, st.st_ino};
  }

  sqlite::Db db_;
  std::pair<dev_t, ino_t> file_id_;
  std::unique_ptr<AttemptStore> attempts_;
  std::unique_ptr<UpdateRequestStore> update_requests_;
  std::unique_ptr<SettingsStore> settings_;
  std::unique_ptr<LearningStore> learning_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<NotificationStore> notifications_;
  std::unique_ptr<ReportStore> reports_;
  int lock_fd_ = -1;
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
