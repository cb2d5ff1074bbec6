#pragma once
// How long failed log-ins make the next try wait: free tries first, then a delay that doubles
// with every further failure, up to a ceiling. Pure; the counts live in the store.
#include <cstdint>

namespace certhub {

// Failures allowed without delay, per account (email) and per client address (an office behind
// one address has many learners, so it gets more).
inline constexpr int kFreeLoginFailuresPerAccount = 5;
inline constexpr int kFreeLoginFailuresPerClient = 20;
// The first delay after the free failures, doubled per further failure, and the most it gets.
inline constexpr std::int64_t kLoginDelaySeconds = 5;
inline constexpr std::int64_t kMaxLoginDelaySeconds = std::int64_t{15} * 60;
// A count older than this starts again.
inline constexpr std::int64_t kLoginFailureWindowSeconds = std::int64_t{24} * 3600;

// Seconds until a key with `failures` (the latest at `last_at`) may try again; 0: now.
std::int64_t login_wait(int failures, std::int64_t last_at, int free_failures, std::int64_t now);

}  // namespace certhub
