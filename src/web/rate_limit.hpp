#pragma once
// Per-client limits on the forms and API calls that create data (attempts, update requests):
// a token bucket per client address and limit. In memory, per app server: behind a load
// balancer each server allows the same, so a client gets at most that many times more.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
    double at = 0;       // when `tokens` was counted
    double full_at = 0;  // from then on it is as good as a new bucket
  };
  bool trusted(std::string_view address) const;
  std::vector<std::string> proxies_;
  bool enabled_ = true;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // by limit name and client
};

// Buckets kept before full ones are dropped (a full bucket is the same as no bucket).
inline constexpr std::size_t kRateLimitBuckets = 100'000;

}  // namespace certhub
