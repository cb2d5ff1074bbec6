#pragma once
// Accounts, their log-in sessions and the log-in throttle. An account owns a learner key: the
// key every attempt, review, card, exam date and update request is filed under (an anonymous
// visitor's key is the id in its signed cookie), so joining a visitor to an account renames a key.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certhub {

// How emails are compared: ASCII letters in lower case (the part after @ is case-blind by
// RFC 5321, and no provider in use treats the local part's case as different).
inline std::string email_key(std::string_view email) {
  std::string key(email);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

struct AccountRow {
  std::int64_t id = 0;
  std::string email;  // as given, compared without case
  std::string password_hash;
  bool admin = false;
  std::string learner;
  std::int64_t created_at = 0;
};

// A live log-in session, with the account it belongs to.
struct SessionRow {
  AccountRow account;
  std::int64_t last_seen_at = 0;
};

// Failed log-ins counted under one key ("email:..." or "client:..."), for the throttle.
struct LoginFailures {
  int count = 0;
  std::int64_t last_at = 0;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // nullopt when an account already has this email (compared without case).
  virtual std::optional<std::int64_t> create_account(const AccountRow& account) = 0;
  virtual std::optional<AccountRow> account_by_email(const std::string& email) = 0;
  virtual std::optional<AccountRow> account_by_id(std::int64_t id) = 0;
  virtual std::vector<AccountRow> accounts() = 0;
  // False when another account has the email.
  virtual bool set_email(std::int64_t id, const std::string& email) = 0;
  virtual void set_password_hash(std::int64_t id, const std::string& hash) = 0;
  // The account, its sessions and everything its learner key owns, in one transaction.
  virtual void delete_account(std::int64_t id) = 0;

  // Files everything learner `from` owns under `to`, in one transaction. Where both have the same
  // thing, `to` keeps its own: a card keeps the later review, daily tallies add up, an exam date,
  // an update request for the same route and a running mock exam of the same route stay `to`'s
  // (`from`'s are dropped).
  virtual void join_learner(const std::string& from, const std::string& to) = 0;

  // Sessions are stored under a hash of their token (a copy of the table opens no session).
  virtual void add_session(const std::string& token_hash, std::int64_t account_id,
                           std::int64_t now) = 0;
  virtual std::optional<SessionRow> session(const std::string& token_hash) = 0;
  virtual void touch_session(const std::string& token_hash, std::int64_t now) = 0;
  virtual void end_session(const std::string& token_hash) = 0;
  virtual void end_sessions_of(std::int64_t account_id) = 0;
  // Removes sessions last seen before `before`; returns how many.
  virtual int prune_sessions(std::int64_t before) = 0;

  // The throttle's counts, shared by every app server on the same database.
  virtual LoginFailures login_failures(const std::string& key) = 0;
  // Adds a failure; counts older than `window_start` start again from one. Returns the new count.
  virtual LoginFailures add_login_failure(const std::string& key, std::int64_t now,
                                          std::int64_t window_start) = 0;
  virtual void clear_login_failures(const std::string& key) = 0;
};

}  // namespace certhub
