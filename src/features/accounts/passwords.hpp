#pragma once
// Passwords: the rules a new one must meet, and argon2id hashing (libsodium's crypto_pwhash_str).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace certhub {

inline constexpr std::size_t kMinPasswordLength = 10;
// Hashing a long password costs no more than a short one, but a body has to stop somewhere.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Why `password` may not be used for the account with `email`, or nullopt when it may.
std::optional<std::string> password_problem(std::string_view password, std::string_view email);

// argon2id's cost: operations and memory per hash.
struct HashLimits {
  unsigned long long ops;
  std::size_t memory;
};
// libsodium's "interactive" limits (2 passes, 64 MiB): about 0.1 s a hash on this project's
// 2-core test machine.
HashLimits interactive_limits();

// The encoded hash (algorithm, limits and salt included). At most as many hashes run at once as
// the machine has cores, so a burst of log-ins cannot take 64 MiB each without bound.
std::string hash_password(std::string_view password, HashLimits limits = interactive_limits());
bool verify_password(std::string_view encoded, std::string_view password);
// True when `encoded` was made with other limits (or another algorithm): hash it again.
bool needs_rehash(std::string_view encoded, HashLimits limits = interactive_limits());

}  // namespace certhub
