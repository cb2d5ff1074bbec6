#include "web/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace certhub {
bool RateLimiter::trusted(std::string_view address) const {
  return std::find(proxies_.begin(), proxies_.end(), address) != proxies_.end();
}

std::string RateLimiter::client(const Request& request) const {
  if (!trusted(request.remote)) return request.remote;
  // Each proxy appends the address it got the request from: read from the right, skipping
  // our own proxies; the first other address is the client.
  std::string_view forwarded = request.header("x-forwarded-for");
  while (!forwarded.empty()) {
    auto comma = forwarded.rfind(',');
    auto hop = trim_ows(comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1));
    if (!hop.empty() && !trusted(hop)) return std::string(hop);
    if (comma == std::string_view::npos) break;
    forwarded = forwarded.substr(0, comma);
  }
  return request.remote;
}

std::optional<int> RateLimiter::take(const RateLimit& limit, const std::string& client,
                                     double now_seconds) {
  if (!enabled_) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto key = std::string(limit.name) + ' ' + client;
  auto* bucket = buckets_.find(key);
  if (!bucket) {
    // A new bucket (or one dropped as least recently used, which had most likely refilled).
    bucket = buckets_.put(key, {limit.burst, now_seconds}, 0);
    if (!bucket) return std::nullopt;  // a budget too small for one bucket: no limit
  } else {
    double refilled = (now_seconds - bucket->at) / limit.refill_seconds;
    bucket->tokens = std::min(limit.burst, bucket->tokens + std::max(0.0, refilled));
    bucket->at = now_seconds;
  }
  std::optional<int> wait;
  if (bucket->tokens >= 1)
    bucket->tokens -= 1;
  else
    wait = static_cast<int>(std::ceil((1 - bucket->tokens) * limit.refill_seconds));
  return wait;
}

void RateLimiter::set_budget(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  buckets_.set_budget(bytes);
}

CacheStats RateLimiter::stats() const {
  std::lock_guard lock(mutex_);
  return buckets_.stats();
}

}  // namespace certhub
