#pragma once
// Anonymous visitor sessions and CSRF tokens.
//
// The session cookie holds a random id (libsodium). The CSRF token is an HMAC of that id under
// an installation-wide key kept in the database, so showing a form costs no database write and
// any app server on the same database accepts the token.
#include <string>
#include <string_view>

#include "web/http.hpp"

namespace certhub {

class SettingsStore;

inline constexpr std::string_view kSessionCookie = "certhub_session";

class Sessions {
 public:
  // Reads (or creates, once per installation) the signing key.
  explicit Sessions(SettingsStore& settings);

  struct Visitor {
    std::string id;
    std::string csrf_token;
    bool is_new = false;  // the response must set the cookie
  };

  // The visitor named by the request's cookie, or a new one.
  Visitor visitor(const Request& request) const;
  // Adds Set-Cookie when the visitor is new.
  static void remember(Response& response, const Visitor& visitor);
  // Constant-time comparison with the visitor's expected token.
  bool csrf_ok(const Visitor& visitor, std::string_view token) const;

 private:
  std::string token_for(std::string_view session_id) const;
  std::string key_;  // raw bytes
};

std::string random_hex(std::size_t bytes);

}  // namespace certhub
