#include "features/accounts/passwords.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <semaphore>
#include <stdexcept>
#include <thread>

#include "store/accounts.hpp"

namespace certhub {
namespace {

constexpr auto kCommonPasswords = std::to_array<std::string_view>({
#include "features/accounts/common_passwords.inc"
});

std::counting_semaphore<>& hashing_slots() {
  static std::counting_semaphore<> slots(std::max(1U, std::thread::hardware_concurrency()));
  return slots;
}

// Holds one of the hashing slots for the scope.
class HashingSlot {
 public:
  HashingSlot() { hashing_slots().acquire(); }
  ~HashingSlot() { hashing_slots().release(); }
  HashingSlot(const HashingSlot&) = delete;
  HashingSlot& operator=(const HashingSlot&) = delete;
};

}  // namespace

std::optional<std::string> password_problem(std::string_view password, std::string_view email) {
  if (password.size() < kMinPasswordLength)
    return "Use at least " + std::to_string(kMinPasswordLength) + " characters.";
  if (password.size() > kMaxPasswordBytes)
    return "Use at most " + std::to_string(kMaxPasswordBytes) + " characters.";
  auto lower = email_key(password);
  if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower.front(); }))
    return "Use more than one character, repeated.";
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) != kCommonPasswords.end())
    return "That password is on the lists attackers try first. Choose another.";
  auto address = email_key(email);
  if (lower == address || lower == address.substr(0, address.find('@')))
    return "Use something other than your email address.";
  return std::nullopt;
}

HashLimits interactive_limits() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

std::string hash_password(std::string_view password, HashLimits limits) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::array<char, crypto_pwhash_STRBYTES> out{};
  HashingSlot slot;
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), limits.ops, limits.memory) !=
      0)
    throw std::runtime_error("out of memory while hashing a password");
  return out.data();
}

bool verify_password(std::string_view encoded, std::string_view password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string hash(encoded);  // libsodium wants it NUL-terminated
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  HashingSlot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view encoded, HashLimits limits) {
  std::string hash(encoded);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), limits.ops, limits.memory) != 0;
}

}  // namespace certhub
