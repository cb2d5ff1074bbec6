#pragma once
// Per-client limits on the forms and API calls that create data (attempts, update requests):
// a token bucket per client address and limit. In memory, per app server: behind a load
// balancer each server allows the same, so a client gets at most that many times more.
// The buckets are bounded by bytes like every cache (core/lru_bytes.hpp), least recently used
// first out: a bucket untouched the longest has most likely refilled, and one that has is the
// same as none.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lru_bytes.hpp"
#include "web/http.hpp"

namespace certhub {

// `burst` actions at once, then one every `refill_seconds`.
struct RateLimit {
  const char* name;
  double burst;
  double refill_seconds;
};

// Starting attempts (pages and API): a learner taking trainings back to back never meets it;
// 2,000 attempts from one script take 11 hours instead of a minute.
inline constexpr RateLimit kAttemptStarts{"attempt starts", 30, 20};
// "Request an update" on a status page: a visitor asks once per route.
inline constexpr RateLimit kUpdateRequests{"update requests", 10, 60};
// Sign-ups: a household or classroom signs up a few at once; a script making accounts is held
// to one every five minutes.
inline constexpr RateLimit kSignUps{"sign-ups", 5, 300};
// Log-in tries per client address, right or wrong (wrong ones are also counted per account and
// delayed in the database: core/login_throttle.hpp).
inline constexpr RateLimit kLogIns{"log-ins", 20, 30};
// "Report a problem" with a question: a learner reports a few in one sitting; a script is held
// to one a minute (and each visitor to one open report per question, in the database).
inline constexpr RateLimit kQuestionReports{"question reports", 10, 60};

class RateLimiter {
 public:
  // About 20,000 clients (a bucket with its key and bookkeeping is about 200 bytes).
  static constexpr std::size_t kDefaultBudget = std::size_t{4} << 20;
  explicit RateLimiter(std::size_t budget_bytes = kDefaultBudget) : buckets_(budget_bytes) {}
  void set_budget(std::size_t bytes);
  CacheStats stats() const;

  // Peers whose X-Forwarded-For is believed (the reverse proxy's addresses).
  void trust_proxies(std::vector<std::string> proxies) { proxies_ = std::move(proxies); }
  // Off: every take() succeeds (tests of other behaviour, benchmarks on loopback).
  void set_enabled(bool enabled) { enabled_ = enabled; }

  // The client: the peer, or behind a trusted proxy the nearest X-Forwarded-For address that
  // is not itself a trusted proxy.
  std::string client(const Request& request) const;
  // The peer is one of the trusted proxies, so its X-Forwarded-* headers are believed.
  bool from_trusted_proxy(const Request& request) const { return trusted(request.remote); }
  // Takes one action from the client's bucket; nullopt when allowed, else the seconds to wait.
  std::optional<int> take(const RateLimit& limit, const std::string& client, double now_seconds);

 private:
  struct Bucket {
    double tokens = 0;
    double at = 0;  // when `tokens` was counted
  };
  bool trusted(std::string_view address) const;
  std::vector<std::string> proxies_;
  bool enabled_ = true;
  mutable std::mutex mutex_;
  LruBytes<std::string, Bucket> buckets_;  // by limit name and client
};

}  // namespace certhub
