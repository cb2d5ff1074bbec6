// Accounts, sessions and the log-in throttle on PostgreSQL.
#include "store/accounts.hpp"

#include "store/learner_data.hpp"
#include "store/postgres/db.hpp"

namespace certhub::postgres {
namespace {

#define kSelectAccount "SELECT id, email, password_hash, admin, learner, created_at FROM accounts"

constexpr Sql kAccountInsert{
    "account_insert",
    "INSERT INTO accounts (email, email_key, password_hash, admin, learner, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id"};
constexpr Sql kAccountByEmail{"account_by_email", kSelectAccount " WHERE email_key = $1"};
constexpr Sql kAccountById{"account_by_id", kSelectAccount " WHERE id = $1"};
constexpr Sql kAccountsAll{"accounts_all", kSelectAccount " ORDER BY email_key"};
constexpr Sql kAccountSetEmail{"account_set_email",
                               "UPDATE accounts SET email = $1, email_key = $2 WHERE id = $3"};
constexpr Sql kAccountSetHash{"account_set_hash",
                              "UPDATE accounts SET password_hash = $1 WHERE id = $2"};
constexpr Sql kAccountDelete{"account_delete", "DELETE FROM accounts WHERE id = $1"};
constexpr Sql kSessionInsert{"session_insert",
                             "INSERT INTO sessions (token_hash, account_id, created_at, "
                             "last_seen_at) VALUES ($1, $2, $3, $3)"};
constexpr Sql kSessionFind{
    "session_find",
    "SELECT a.id, a.email, a.password_hash, a.admin, a.learner, a.created_at, s.last_seen_at "
    "FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1"};
constexpr Sql kSessionTouch{"session_touch",
                            "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2"};
constexpr Sql kSessionEnd{"session_end", "DELETE FROM sessions WHERE token_hash = $1"};
constexpr Sql kSessionsEnd{"sessions_end", "DELETE FROM sessions WHERE account_id = $1"};
constexpr Sql kSessionsPrune{"sessions_prune", "DELETE FROM sessions WHERE last_seen_at < $1"};
constexpr Sql kFailuresFind{"failures_find",
                            "SELECT count, last_at FROM login_failures WHERE key = $1"};
// One statement, so app servers counting the same key at once each add one.
constexpr Sql kFailuresAdd{
    "failures_add",
    "INSERT INTO login_failures AS f (key, count, last_at) VALUES ($1, 1, $2) "
    "ON CONFLICT (key) DO UPDATE SET count = CASE WHEN f.last_at < $3 THEN 1 ELSE f.count + 1 "
    "END, last_at = $2 RETURNING count, last_at"};
constexpr Sql kFailuresClear{"failures_clear", "DELETE FROM login_failures WHERE key = $1"};

AccountRow account_from(const Result& r, int row) {
  return {r.int64(row, 0),   r.text(row, 1), r.text(row, 2),
          r.boolean(row, 3), r.text(row, 4), r.int64(row, 5)};
}

void run_learner_statements(Connection& conn, std::span<const LearnerStatement> statements,
                            const std::string& first, const std::string& second = {}) {
  for (const auto& s : statements) {
    Sql sql{s.name, s.sql};
    if (s.params == 2)
      conn.run(sql, {first, second});
    else
      conn.run(sql, {first});
  }
}

class Accounts final : public Area<AccountStore, Db> {
 public:
  using Area::Area;

  std::optional<std::int64_t> create_account(const AccountRow& a) override {
    auto conn = db_.lease();
    auto r = conn->run(kAccountInsert,
                       {a.email, email_key(a.email), a.password_hash,
                        std::string(a.admin ? "true" : "false"), a.learner, a.created_at});
    if (r.rows() == 0) return std::nullopt;  // the email is taken
    return r.int64(0, 0);
  }

  std::optional<AccountRow> account_by_email(const std::string& email) override {
    auto conn = db_.lease();
    auto r = conn->run(kAccountByEmail, {email_key(email)});
    if (r.rows() == 0) return std::nullopt;
    return account_from(r, 0);
  }

  std::optional<AccountRow> account_by_id(std::int64_t id) override {
    auto conn = db_.lease();
    auto r = conn->run(kAccountById, {id});
    if (r.rows() == 0) return std::nullopt;
    return account_from(r, 0);
  }

  std::vector<AccountRow> accounts() override {
    auto conn = db_.lease();
    auto r = conn->run(kAccountsAll, {});
    std::vector<AccountRow> rows;
    rows.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) rows.push_back(account_from(r, i));
    return rows;
  }

  bool set_email(std::int64_t id, const std::string& email) override {
    auto conn = db_.lease();
    try {
      conn->run(kAccountSetEmail, {email, email_key(email), id});
    } catch (const PgError& e) {
      if (e.sqlstate() != kUniqueViolation) throw;
      return false;
    }
    return true;
  }

  void set_password_hash(std::int64_t id, const std::string& hash) override {
    db_.lease()->run(kAccountSetHash, {hash, id});
  }

  void delete_account(std::int64_t id) override {
    auto account = account_by_id(id);
    if (!account) return;
    auto conn = db_.lease();
    transaction(*conn, [&] {
      run_learner_statements(*conn, delete_learner_statements(), account->learner);
      conn->run(kSessionsEnd, {id});
      conn->run(kFailuresClear, {"email:" + email_key(account->email)});
      conn->run(kAccountDelete, {id});
    });
  }

  void join_learner(const std::string& from, const std::string& to) override {
    auto conn = db_.lease();
    transaction(*conn, [&] { run_learner_statements(*conn, join_learner_statements(), from, to); });
  }

  void add_session(const std::string& token_hash, std::int64_t account_id,
                   std::int64_t now) override {
    db_.lease()->run(kSessionInsert, {token_hash, account_id, now});
  }

  std::optional<SessionRow> session(const std::string& token_hash) override {
    auto conn = db_.lease();
    auto r = conn->run(kSessionFind, {token_hash});
    if (r.rows() == 0) return std::nullopt;
    return SessionRow{account_from(r, 0), r.int64(0, 6)};
  }

  void touch_session(const std::string& token_hash, std::int64_t now) override {
    db_.lease()->run(kSessionTouch, {now, token_hash});
  }

  void end_session(const std::string& token_hash) override {
    db_.lease()->run(kSessionEnd, {token_hash});
  }

  void end_sessions_of(std::int64_t account_id) override {
    db_.lease()->run(kSessionsEnd, {account_id});
  }

  int prune_sessions(std::int64_t before) override {
    return db_.lease()->run(kSessionsPrune, {before}).affected();
  }

  LoginFailures login_failures(const std::string& key) override {
    auto conn = db_.lease();
    auto r = conn->run(kFailuresFind, {key});
    if (r.rows() == 0) return {};
    return {static_cast<int>(r.int64(0, 0)), r.int64(0, 1)};
  }

  LoginFailures add_login_failure(const std::string& key, std::int64_t now,
                                  std::int64_t window_start) override {
    auto conn = db_.lease();
    auto r = conn->run(kFailuresAdd, {key, now, window_start});
    return {static_cast<int>(r.int64(0, 0)), r.int64(0, 1)};
  }

  void clear_login_failures(const std::string& key) override {
    db_.lease()->run(kFailuresClear, {key});
  }
};

}  // namespace

std::unique_ptr<AccountStore> make_account_store(Db& db) {
  return std::make_unique<Accounts>(db);
}

}  // namespace certhub::postgres
