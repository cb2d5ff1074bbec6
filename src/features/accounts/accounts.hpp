#pragma once
// The accounts feature: sign-up, log-in and log-out, the account page's changes, the learner's
// export and account deletion. Handlers (page_handlers.cpp, api_handlers.cpp) stay thin: every
// rule is here, and the data is in store/accounts.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "web/app.hpp"

namespace certhub {

// RFC 5321's limit on a forward path; also the longest email any form takes.
inline constexpr std::size_t kMaxEmailLength = 254;

// Why `email` cannot be an account's address, or nullopt.
std::optional<std::string> email_problem(std::string_view email);

// A new account's row, its password hashed, with a fresh learner key; the caller stores it. The
// `cli` uses it too.
AccountRow new_account_row(std::string_view email, std::string_view password, bool admin,
                           std::int64_t now);

struct AccountError {
  int status = 400;
  std::string message;
  std::string field;    // the form field it is about ("email", "password"), if one
  int retry_after = 0;  // with 429: seconds
};

class Accounts {
 public:
  explicit Accounts(App& app) : app_(app) {}
  using Outcome = std::variant<Sessions::Visitor, AccountError>;

  // Creates the account and logs in, joining the visitor's anonymous data to it. An email that
  // already has an account is a log-in with the password given.
  Outcome sign_up(const Request& req, const Sessions::Visitor& visitor, std::string_view email,
                  std::string_view password);
  // The same answer for an unknown email as for a wrong password; throttled per account and
  // per client address (core/login_throttle.hpp).
  Outcome log_in(const Request& req, const Sessions::Visitor& visitor, std::string_view email,
                 std::string_view password);
  Sessions::Visitor log_out(const Request& req, const Sessions::Visitor& visitor);
  // Ends every session of the visitor's account, this one too.
  Sessions::Visitor log_out_everywhere(const Request& req, const Sessions::Visitor& visitor);

  // The account page's changes; each asks for the current password.
  std::optional<AccountError> change_email(const Request& req, const Sessions::Visitor& visitor,
                                           std::string_view email, std::string_view password);
  // Ends every other session of the account; the visitor continues in a new one.
  Outcome change_password(const Request& req, const Sessions::Visitor& visitor,
                          std::string_view current, std::string_view password);
  // Deletes the account and everything it owns; the visitor continues anonymous and empty.
  Outcome delete_account(const Request& req, const Sessions::Visitor& visitor,
                         std::string_view password);

 private:
  // nullopt when the password is the account's; else the error (and the failure is counted).
  std::optional<AccountError> check_password(const Request& req, std::string_view email,
                                             const std::optional<AccountRow>& account,
                                             std::string_view password);
  Sessions::Visitor enter(const Request& req, const Sessions::Visitor& visitor,
                          const AccountRow& account);
  std::optional<AccountRow> account_of(const Sessions::Visitor& visitor);

  App& app_;
};

}  // namespace certhub
