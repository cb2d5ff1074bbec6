// Accounts, sessions and the log-in throttle on SQLite.
#include "store/accounts.hpp"

#include "store/learner_data.hpp"
#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

#define kSelectAccount "SELECT id, email, password_hash, admin, learner, created_at FROM accounts"

AccountRow account_from(sqlite3_stmt* stmt, int first = 0) {
  return {sqlite3_column_int64(stmt, first), column_text(stmt, first + 1),
          column_text(stmt, first + 2),      sqlite3_column_int(stmt, first + 3) != 0,
          column_text(stmt, first + 4),      sqlite3_column_int64(stmt, first + 5)};
}

// The shared statements name their parameters $1 and $2 (store/learner_data.hpp).
void run_learner_statements(Connection& conn, std::span<const LearnerStatement> statements,
                            const std::string& first, const std::string& second = {}) {
  for (const auto& s : statements) {
    auto stmt = conn.prepare(s.sql);
    bind_arg(stmt, sqlite3_bind_parameter_index(stmt, "$1"), first);
    if (s.params == 2) bind_arg(stmt, sqlite3_bind_parameter_index(stmt, "$2"), second);
    conn.step(stmt);
  }
}

class Accounts final : public Area<AccountStore, Db> {
 public:
  using Area::Area;

  std::optional<std::int64_t> create_account(const AccountRow& a) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "INSERT INTO accounts (email, email_key, password_hash, admin, learner, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    bind_arg(stmt, 1, a.email);
    bind_arg(stmt, 2, email_key(a.email));
    bind_arg(stmt, 3, a.password_hash);
    bind_arg(stmt, 4, std::int64_t{a.admin ? 1 : 0});
    bind_arg(stmt, 5, a.learner);
    bind_arg(stmt, 6, a.created_at);
    if (conn->step(stmt) != SQLITE_DONE) return std::nullopt;  // the email is taken
    db_.wrote();
    return conn->last_insert_rowid();
  }

  std::optional<AccountRow> account_by_email(const std::string& email) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectAccount " WHERE email_key = ?");
    bind_arg(stmt, 1, email_key(email));
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return account_from(stmt);
  }

  std::optional<AccountRow> account_by_id(std::int64_t id) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectAccount " WHERE id = ?");
    bind_arg(stmt, 1, id);
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return account_from(stmt);
  }

  std::vector<AccountRow> accounts() override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectAccount " ORDER BY email_key");
    std::vector<AccountRow> rows;
    while (conn->step(stmt) == SQLITE_ROW) rows.push_back(account_from(stmt));
    return rows;
  }

  bool set_email(std::int64_t id, const std::string& email) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    auto stmt = conn->prepare("UPDATE accounts SET email = ?, email_key = ? WHERE id = ?");
    bind_arg(stmt, 1, email);
    bind_arg(stmt, 2, email_key(email));
    bind_arg(stmt, 3, id);
    if (conn->step(stmt) != SQLITE_DONE) return false;
    db_.wrote();
    return true;
  }

  void set_password_hash(std::int64_t id, const std::string& hash) override {
    db_.write("UPDATE accounts SET password_hash = ? WHERE id = ?", hash, id);
  }

  void delete_account(std::int64_t id) override {
    auto account = account_by_id(id);
    if (!account) return;
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    conn->transaction([&] {
      run_learner_statements(*conn, delete_learner_statements(), account->learner);
      for (const char* sql :
           {"DELETE FROM sessions WHERE account_id = ?", "DELETE FROM accounts WHERE id = ?"}) {
        auto stmt = conn->prepare(sql);
        bind_arg(stmt, 1, id);
        conn->step(stmt);
      }
      auto failures = conn->prepare("DELETE FROM login_failures WHERE key = ?");
      bind_arg(failures, 1, "email:" + email_key(account->email));
      conn->step(failures);
    });
    db_.wrote();
  }

  void join_learner(const std::string& from, const std::string& to) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    conn->transaction([&] { run_learner_statements(*conn, join_learner_statements(), from, to); });
    db_.wrote();
  }

  void add_session(const std::string& token_hash, std::int64_t account_id,
                   std::int64_t now) override {
    db_.write(
        "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) "
        "VALUES (?1, ?2, ?3, ?3)",
        token_hash, account_id, now);
  }

  std::optional<SessionRow> session(const std::string& token_hash) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT a.id, a.email, a.password_hash, a.admin, a.learner, a.created_at, s.last_seen_at "
        "FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?");
    bind_arg(stmt, 1, token_hash);
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return SessionRow{account_from(stmt), sqlite3_column_int64(stmt, 6)};
  }

  void touch_session(const std::string& token_hash, std::int64_t now) override {
    db_.write("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", now, token_hash);
  }

  void end_session(const std::string& token_hash) override {
    db_.write("DELETE FROM sessions WHERE token_hash = ?", token_hash);
  }

  void end_sessions_of(std::int64_t account_id) override {
    db_.write("DELETE FROM sessions WHERE account_id = ?", account_id);
  }

  int prune_sessions(std::int64_t before) override {
    return db_.write("DELETE FROM sessions WHERE last_seen_at < ?", before);
  }

  LoginFailures login_failures(const std::string& key) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare("SELECT count, last_at FROM login_failures WHERE key = ?");
    bind_arg(stmt, 1, key);
    if (conn->step(stmt) != SQLITE_ROW) return {};
    return {sqlite3_column_int(stmt, 0), sqlite3_column_int64(stmt, 1)};
  }

  LoginFailures add_login_failure(const std::string& key, std::int64_t now,
                                  std::int64_t window_start) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "INSERT INTO login_failures (key, count, last_at) VALUES (?1, 1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET count = CASE WHEN last_at < ?3 THEN 1 ELSE count + 1 "
        "END, last_at = ?2 RETURNING count, last_at");
    bind_arg(stmt, 1, key);
    bind_arg(stmt, 2, now);
    bind_arg(stmt, 3, window_start);
    conn->step(stmt);
    LoginFailures out{sqlite3_column_int(stmt, 0), sqlite3_column_int64(stmt, 1)};
    while (conn->step(stmt) == SQLITE_ROW) {
    }
    db_.wrote();
    return out;
  }

  void clear_login_failures(const std::string& key) override {
    db_.write("DELETE FROM login_failures WHERE key = ?", key);
  }
};

}  // namespace

std::unique_ptr<AccountStore> make_account_store(Db& db) {
  return std::make_unique<Accounts>(db);
}

}  // namespace certhub::sqlite
