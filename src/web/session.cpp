#include "web/session.hpp"

#include <sodium.h>

#include <stdexcept>

#include "store/settings.hpp"

namespace certhub {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

bool is_hex(std::string_view text, std::size_t size) {
  if (text.size() != size) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// What a log-in token is stored as: a copy of the sessions table opens no session.
std::string token_hash(std::string_view token) {
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(out, sizeof out);
}

// Cookie values: an anonymous visitor's "ID.MAC", a log-in session's "s.TOKEN".
constexpr std::string_view kLoginPrefix = "s.";
constexpr std::size_t kIdHex = 64;

}  // namespace

std::string random_hex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return to_hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

Sessions::Sessions(SettingsStore& settings, AccountStore& accounts,
                   std::function<std::int64_t()> now)
    : accounts_(accounts), now_(std::move(now)) {
  auto hex = settings.setting("csrf_key", random_hex(crypto_auth_hmacsha256_KEYBYTES));
  key_.resize(crypto_auth_hmacsha256_KEYBYTES);
  std::size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(key_.data()), key_.size(), hex.data(),
                     hex.size(), nullptr, &len, nullptr) != 0 ||
      len != key_.size())
    throw std::runtime_error("stored csrf_key is not valid hex");
}

// One key signs both kinds of value; the purpose keeps a CSRF token from passing as an id.
std::string Sessions::mac(std::string_view purpose, std::string_view value) const {
  std::string message(purpose);
  message += ':';
  message += value;
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), reinterpret_cast<const unsigned char*>(key_.data()));
  return to_hex(out, sizeof out);
}

Sessions::Visitor Sessions::anonymous(const Request& request) const {
  Visitor v;
  v.id = random_hex(kIdHex / 2);
  v.cookie = v.id + "." + mac("visitor", v.id);
  v.csrf_token = mac("csrf", v.cookie);
  v.is_new = true;
  v.secure = is_tls_ && is_tls_(request);
  return v;
}

Sessions::Visitor Sessions::visitor(const Request& request) const {
  auto cookie = request.cookie(kSessionCookie);
  if (cookie.starts_with(kLoginPrefix) && is_hex(cookie.substr(kLoginPrefix.size()), kIdHex)) {
    auto hash = token_hash(cookie);
    auto session = accounts_.session(hash);
    auto now = now_();
    if (session && now - session->last_seen_at <= kSessionIdleSeconds) {
      if (now - session->last_seen_at >= kSessionTouchSeconds) accounts_.touch_session(hash, now);
      const auto& a = session->account;
      return {a.learner,
              std::string(cookie),
              mac("csrf", cookie),
              Account{a.id, a.email, a.admin},
              false,
              is_tls_ && is_tls_(request)};
    }
    if (session) accounts_.end_session(hash);
    return anonymous(request);
  }
  auto dot = cookie.find('.');
  if (dot == kIdHex && is_hex(cookie.substr(0, dot), kIdHex)) {
    auto id = cookie.substr(0, dot);
    if (equal_in_constant_time(cookie.substr(dot + 1), mac("visitor", id)))
      return {std::string(id), std::string(cookie),        mac("csrf", cookie), std::nullopt,
              false,           is_tls_ && is_tls_(request)};
  }
  return anonymous(request);
}

Sessions::Visitor Sessions::log_in(const AccountRow& account, const Request& request) const {
  auto now = now_();
  accounts_.prune_sessions(now - kSessionIdleSeconds);
  Visitor v;
  v.id = account.learner;
  v.cookie = std::string(kLoginPrefix) + random_hex(kIdHex / 2);
  accounts_.add_session(token_hash(v.cookie), account.id, now);
  v.csrf_token = mac("csrf", v.cookie);
  v.account = Account{account.id, account.email, account.admin};
  v.is_new = true;
  v.secure = is_tls_ && is_tls_(request);
  return v;
}

Sessions::Visitor Sessions::log_out(const Visitor& visitor, const Request& request) const {
  if (visitor.account) accounts_.end_session(token_hash(visitor.cookie));
  return anonymous(request);
}

void Sessions::remember(Response& response, const Visitor& visitor) {
  if (!visitor.is_new) return;
  response.header("Set-Cookie", std::string(kSessionCookie) + "=" + visitor.cookie +
                                    "; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000" +
                                    (visitor.secure ? "; Secure" : ""));
}

bool Sessions::signature_ok(std::string_view purpose, std::string_view value,
                            std::string_view signature) const {
  return equal_in_constant_time(signature, mac(purpose, value));
}

bool Sessions::csrf_ok(const Visitor& visitor, std::string_view token) const {
  return !visitor.is_new && equal_in_constant_time(token, visitor.csrf_token);
}

}  // namespace certhub
