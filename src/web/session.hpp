#pragma once
// Visitor sessions and CSRF tokens.
//
// An anonymous visitor's cookie is a random id the server signed (an HMAC under an
// installation-wide key kept in the database), so only ids the server issued are accepted, and
// showing a page stores nothing. A logged-in visitor's cookie is a random token whose hash is
// stored with the account (store/accounts.hpp): it can be ended, it expires after 30 days idle,
// and a new one is issued at every log-in and log-out. The CSRF token is an HMAC of the cookie,
// so any app server on the same database accepts it, and it changes when the session does.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/accounts.hpp"
#include "web/http.hpp"

namespace certhub {

class SettingsStore;

inline constexpr std::string_view kSessionCookie = "certhub_session";
// A log-in session ends after this long without a request.
inline constexpr std::int64_t kSessionIdleSeconds = std::int64_t{30} * 24 * 3600;
// last_seen_at is written at most this often per session (a write per request would be waste).
inline constexpr std::int64_t kSessionTouchSeconds = 3600;

class Sessions {
 public:
  // Reads (or creates, once per installation) the signing key.
  Sessions(SettingsStore& settings, AccountStore& accounts, std::function<std::int64_t()> now);

  struct Account {
    std::int64_t id = 0;
    std::string email;
    bool admin = false;
  };
  struct Visitor {
    std::string id;  // the learner key: what the visitor's attempts, cards and requests are under
    std::string cookie;  // the session cookie's value
    std::string csrf_token;
    std::optional<Account> account;  // logged in
    bool is_new = false;             // the response must set the cookie
    bool secure = false;             // the cookie goes out with Secure (served over TLS)
  };

  // The visitor named by the request's cookie, or a new anonymous one.
  Visitor visitor(const Request& request) const;
  // Adds Set-Cookie when the visitor is new.
  static void remember(Response& response, const Visitor& visitor);
  // Constant-time comparison with the visitor's expected token.
  bool csrf_ok(const Visitor& visitor, std::string_view token) const;

  // A new log-in session for the account (the caller has joined the visitor's data to it).
  Visitor log_in(const AccountRow& account, const Request& request) const;
  // Ends the visitor's log-in session, if any; the visitor goes on as a new anonymous one.
  Visitor log_out(const Visitor& visitor, const Request& request) const;

  // A signature of `value` for `purpose` under the installation's key, as 64 hex digits: links
  // in emails carry one, so they work without logging in and cannot be made up or altered.
  std::string sign(std::string_view purpose, std::string_view value) const {
    return mac(purpose, value);
  }
  bool signature_ok(std::string_view purpose, std::string_view value,
                    std::string_view signature) const;

  // Whether a request came over TLS (set by the App from --behind-tls-proxy).
  void set_tls_check(std::function<bool(const Request&)> check) { is_tls_ = std::move(check); }

 private:
  // A new anonymous visitor with a new random id.
  Visitor anonymous(const Request& request) const;
  std::string mac(std::string_view purpose, std::string_view value) const;
  std::string key_;  // raw bytes
  AccountStore& accounts_;
  std::function<std::int64_t()> now_;
  std::function<bool(const Request&)> is_tls_;
};

std::string random_hex(std::size_t bytes);

}  // namespace certhub
