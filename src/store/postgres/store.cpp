// The PostgreSQL Store: opening, migrating and checking the database. The areas' SQL lives in
// attempts.cpp, update_requests.cpp and settings.cpp; connections and the pool in db.cpp.
#include "store/postgres/store.hpp"

#include "store/migrations.hpp"
#include "store/postgres/db.hpp"

namespace certhub {
namespace {

using postgres::Connection;
using postgres::Sql;

// Session-level advisory lock held while migrating ("certhub" in ASCII).
constexpr const char* kMigrationLock = "27977564948034914";

constexpr Sql kVersion{"version", "SELECT coalesce(max(version), 0) FROM schema_migrations"};
constexpr Sql kRecordMigration{"record_migration",
                               "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)"};
constexpr Sql kPing{"ping", "SELECT count(*) FROM schema_migrations"};

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::string url)
      : db_(std::move(url)),
        attempts_(postgres::make_attempt_store(db_)),
        update_requests_(postgres::make_update_request_store(db_)),
        settings_(postgres::make_settings_store(db_)),
        learning_(postgres::make_learning_store(db_)),
        accounts_(postgres::make_account_store(db_)),
        notifications_(postgres::make_notification_store(db_)),
        reports_(postgres::make_report_store(db_)) {}

  AttemptStore& attempts() override { return *attempts_; }
  UpdateRequestStore& update_requests() override { return *update_requests_; }
  SettingsStore& settings() override { return *settings_; }
  LearningStore& learning() override { return *learning_; }
  AccountStore& accounts() override { return *accounts_; }
  NotificationStore& notifications() override { return *notifications_; }
  ReportStore& reports() override { return *reports_; }

  int migrate() override {
    auto conn = db_.lease();
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
        postgres::transaction(*conn, [&] {
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
    auto conn = db_.lease();
    return version_on(*conn);
  }

  bool ping() override {
    try {
      auto conn = db_.lease();
      return conn->run(kPing, {}).rows() == 1;
    } catch (const StoreError&) {
      return false;
    }
  }

 private:
  static int version_on(Connection& conn) {
    return static_cast<int>(conn.run(kVersion, {}).int64(0, 0));
  }

  postgres::Db db_;
  std::unique_ptr<AttemptStore> attempts_;
  std::unique_ptr<UpdateRequestStore> update_requests_;
  std::unique_ptr<SettingsStore> settings_;
  std::unique_ptr<LearningStore> learning_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<NotificationStore> notifications_;
  std::unique_ptr<ReportStore> reports_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url) {
  return std::make_unique<PostgresStore>(url);
}

}  // namespace certhub
