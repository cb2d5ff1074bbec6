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
  if (buckets_.size() >= kRateLimitBuckets) {
    // Drop the buckets that have refilled: they allow exactly what a new one would.
    std::erase_if(buckets_, [&](const auto& entry) { return now_seconds >= entry.second.full_at; });
    if (buckets_.size() >= kRateLimitBuckets) buckets_.clear();
  }
  auto [it, added] = buckets_.try_emplace(std::string(limit.name) + ' ' + client);
  auto& bucket = it->second;
  if (added) {
    bucket = {limit.burst, now_seconds};
  } else {
    double refilled = (now_seconds - bucket.at) / limit.refill_seconds;
    bucket.tokens = std::min(limit.burst, bucket.tokens + std::max(0.0, refilled));
    bucket.at = now_seconds;
  }
  std::optional<int> wait;
  if (bucket.tokens >= 1)
    bucket.tokens -= 1;
  else
    wait = static_cast<int>(std::ceil((1 - bucket.tokens) * limit.refill_seconds));
  bucket.full_at = now_seconds + (limit.burst - bucket.tokens) * limit.refill_seconds;
  return wait;
}

}  // namespace certhub
