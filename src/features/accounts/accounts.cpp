#include "features/accounts/accounts.hpp"

#include <algorithm>

#include "core/hub_courses.hpp"
#include "core/login_throttle.hpp"
#include "features/accounts/passwords.hpp"

namespace certhub {
namespace {

constexpr std::string_view kWrongLogIn = "That email and password do not match an account.";

// A hash to verify against when the email has no account, so an unknown email takes as long to
// answer as a wrong password.
const std::string& stand_in_hash() {
  static const std::string hash = hash_password("certhub: no such account");
  return hash;
}

}  // namespace

std::optional<std::string> email_problem(std::string_view email) {
  if (email.empty()) return "Enter your email address.";
  if (email.size() > kMaxEmailLength)
    return "An email address has at most " + std::to_string(kMaxEmailLength) + " characters.";
  // The same rule as the request form's; an account keeps the email's case as given, and no
  // spaces around it.
  if (!check_email(email).ok || email.front() == ' ' || email.back() == ' ')
    return "Enter an email address like name@example.org.";
  return std::nullopt;
}

AccountRow new_account_row(std::string_view email, std::string_view password, bool admin,
                           std::int64_t now) {
  return {0, std::string(email), hash_password(password), admin, random_hex(32), now};
}

std::optional<AccountError> Accounts::check_password(const Request& req, std::string_view email,
                                                     const std::optional<AccountRow>& account,
                                                     std::string_view password) {
  auto& store = app_.store().accounts();
  auto now = app_.now();
  auto email_key_text = "email:" + email_key(email);
  auto client_key = "client:" + app_.limits().client(req);
  auto by_email = store.login_failures(email_key_text);
  auto by_client = store.login_failures(client_key);
  auto wait =
      std::max(login_wait(by_email.count, by_email.last_at, kFreeLoginFailuresPerAccount, now),
               login_wait(by_client.count, by_client.last_at, kFreeLoginFailuresPerClient, now));
  if (wait > 0)
    return AccountError{429,
                        "Too many failed log-ins. Try again in " + std::to_string(wait) +
                            (wait == 1 ? " second." : " seconds."),
                        "", static_cast<int>(wait)};
  bool ok = password.size() <= kMaxPasswordBytes &&
            verify_password(account ? account->password_hash : stand_in_hash(), password);
  ok = ok && account.has_value();
  if (ok) {
    store.clear_login_failures(email_key_text);
    if (needs_rehash(account->password_hash))
      store.set_password_hash(account->id, hash_password(password));
    return std::nullopt;
  }
  auto window_start = now - kLoginFailureWindowSeconds;
  store.add_login_failure(email_key_text, now, window_start);
  store.add_login_failure(client_key, now, window_start);
  return AccountError{401, std::string(kWrongLogIn), "password"};
}

Sessions::Visitor Accounts::enter(const Request& req, const Sessions::Visitor& visitor,
                                  const AccountRow& account) {
  // Only an anonymous visitor's data moves: logging in as B while logged in as A leaves A's
  // data with A.
  if (!visitor.account && !visitor.is_new && visitor.id != account.learner) {
    app_.store().accounts().join_learner(visitor.id, account.learner);
    app_.learner_gone(visitor.id);
  }
  app_.sessions().log_out(visitor, req);
  return app_.sessions().log_in(account, req);
}

std::optional<AccountRow> Accounts::account_of(const Sessions::Visitor& visitor) {
  if (!visitor.account) return std::nullopt;
  return app_.store().accounts().account_by_id(visitor.account->id);
}

Accounts::Outcome Accounts::sign_up(const Request& req, const Sessions::Visitor& visitor,
                                    std::string_view email, std::string_view password) {
  if (auto problem = email_problem(email)) return AccountError{422, *problem, "email"};
  if (auto problem = password_problem(password, email))
    return AccountError{422, *problem, "password"};
  auto& store = app_.store().accounts();
  if (store.account_by_email(std::string(email))) return log_in(req, visitor, email, password);
  auto row = new_account_row(email, password, false, app_.now());
  auto id = store.create_account(row);
  if (!id) return log_in(req, visitor, email, password);  // created meanwhile by another request
  row.id = *id;
  return enter(req, visitor, row);
}

Accounts::Outcome Accounts::log_in(const Request& req, const Sessions::Visitor& visitor,
                                   std::string_view email, std::string_view password) {
  if (email.empty() || password.empty())
    return AccountError{422, "Enter your email address and password.",
                        email.empty() ? "email" : "password"};
  // Too long to be anyone's: said plainly, as on sign-up (it reveals nothing about accounts).
  if (email.size() > kMaxEmailLength) return AccountError{422, *email_problem(email), "email"};
  if (password.size() > kMaxPasswordBytes)
    return AccountError{422, *password_problem(password, email), "password"};
  auto account = app_.store().accounts().account_by_email(std::string(email));
  if (auto err = check_password(req, email, account, password)) return *err;
  return enter(req, visitor, *account);
}

Sessions::Visitor Accounts::log_out(const Request& req, const Sessions::Visitor& visitor) {
  return app_.sessions().log_out(visitor, req);
}

Sessions::Visitor Accounts::log_out_everywhere(const Request& req,
                                               const Sessions::Visitor& visitor) {
  if (visitor.account) app_.store().accounts().end_sessions_of(visitor.account->id);
  return app_.sessions().log_out(visitor, req);
}

std::optional<AccountError> Accounts::change_email(const Request& req,
                                                   const Sessions::Visitor& visitor,
                                                   std::string_view email,
                                                   std::string_view password) {
  auto account = account_of(visitor);
  if (!account) return AccountError{401, "Log in first.", ""};
  if (auto problem = email_problem(email)) return AccountError{422, *problem, "email"};
  if (auto err = check_password(req, account->email, account, password)) {
    if (err->status == 401) err->message = "That is not your current password.";
    return err;
  }
  if (!app_.store().accounts().set_email(account->id, std::string(email)))
    return AccountError{409, "Another account uses that email address.", "email"};
  return std::nullopt;
}

Accounts::Outcome Accounts::change_password(const Request& req, const Sessions::Visitor& visitor,
                                            std::string_view current, std::string_view password) {
  auto account = account_of(visitor);
  if (!account) return AccountError{401, "Log in first.", ""};
  if (auto problem = password_problem(password, account->email))
    return AccountError{422, *problem, "password"};
  if (auto err = check_password(req, account->email, account, current)) {
    if (err->status == 401) err->message = "That is not your current password.";
    err->field = "current_password";
    return *err;
  }
  auto& store = app_.store().accounts();
  store.set_password_hash(account->id, hash_password(password));
  store.end_sessions_of(account->id);  // whoever knew the old password is logged out
  return app_.sessions().log_in(*account, req);
}

Accounts::Outcome Accounts::delete_account(const Request& req, const Sessions::Visitor& visitor,
                                           std::string_view password) {
  auto account = account_of(visitor);
  if (!account) return AccountError{401, "Log in first.", ""};
  if (auto err = check_password(req, account->email, account, password)) {
    if (err->status == 401) err->message = "That is not your current password.";
    return *err;
  }
  app_.store().accounts().delete_account(account->id);
  app_.learner_gone(account->learner);
  return app_.sessions().log_out(visitor, req);
}

}  // namespace certhub
