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

bool is_session_id(std::string_view id) {
  if (id.size() != 64) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return to_hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

Sessions::Sessions(SettingsStore& settings) {
  auto hex = settings.setting("csrf_key", random_hex(crypto_auth_hmacsha256_KEYBYTES));
  key_.resize(crypto_auth_hmacsha256_KEYBYTES);
  std::size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(key_.data()), key_.size(), hex.data(),
                     hex.size(), nullptr, &len, nullptr) != 0 ||
      len != key_.size())
    throw std::runtime_error("stored csrf_key is not valid hex");
}

std::string Sessions::token_for(std::string_view session_id) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(session_id.data()),
                         session_id.size(), reinterpret_cast<const unsigned char*>(key_.data()));
  return to_hex(mac, sizeof mac);
}

Sessions::Visitor Sessions::visitor(const Request& request) const {
  auto id = request.cookie(kSessionCookie);
  if (!is_session_id(id)) {
    auto fresh = random_hex(32);
    return {fresh, token_for(fresh), true};
  }
  return {id, token_for(id), false};
}

void Sessions::remember(Response& response, const Visitor& visitor) {
  if (!visitor.is_new) return;
  response.header("Set-Cookie", std::string(kSessionCookie) + "=" + visitor.id +
                                    "; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000");
}

bool Sessions::csrf_ok(const Visitor& visitor, std::string_view token) const {
  auto expected = token_for(visitor.id);
  return !visitor.is_new && token.size() == expected.size() &&
         sodium_memcmp(token.data(), expected.data(), expected.size()) == 0;
}

}  // namespace certhub
