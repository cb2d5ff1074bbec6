// The per-client token bucket: burst, refill, the wait it names, and which address is the client.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../heap_use.hpp"
#include "web/rate_limit.hpp"

namespace certhub {
namespace {

constexpr RateLimit kThreeThenOnePerTen{"test", 3, 10};

TEST(RateLimiter, AllowsTheBurstThenNamesTheWait) {
  RateLimiter limits;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limits.take(kThreeThenOnePerTen, "a", 100)) << i;
  auto wait = limits.take(kThreeThenOnePerTen, "a", 100);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, 10);
  EXPECT_EQ(*limits.take(kThreeThenOnePerTen, "a", 104), 6);  // refusals cost nothing
  EXPECT_FALSE(limits.take(kThreeThenOnePerTen, "b", 100)) << "another client has its own";
}

TEST(RateLimiter, RefillsOneTokenPerIntervalUpToTheBurst) {
  RateLimiter limits;
  for (int i = 0; i < 3; ++i) limits.take(kThreeThenOnePerTen, "a", 0);
  EXPECT_TRUE(limits.take(kThreeThenOnePerTen, "a", 9));
  EXPECT_FALSE(limits.take(kThreeThenOnePerTen, "a", 10));  // one back after 10 s
  EXPECT_TRUE(limits.take(kThreeThenOnePerTen, "a", 11));
  // A long pause refills the burst, never more.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(limits.take(kThreeThenOnePerTen, "a", 1000)) << i;
  EXPECT_TRUE(limits.take(kThreeThenOnePerTen, "a", 1000));
}

TEST(RateLimiter, LimitsAreSeparateBuckets) {
  RateLimiter limits;
  constexpr RateLimit kOther{"other", 1, 60};
  for (int i = 0; i < 3; ++i) limits.take(kThreeThenOnePerTen, "a", 0);
  EXPECT_FALSE(limits.take(kOther, "a", 0));
  EXPECT_TRUE(limits.take(kOther, "a", 0));
}

TEST(RateLimiter, OffAllowsEverything) {
  RateLimiter limits;
  limits.set_enabled(false);
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limits.take(kThreeThenOnePerTen, "a", 0));
}

Request from(const std::string& peer, const std::string& forwarded = "") {
  Request r;
  r.remote = peer;
  if (!forwarded.empty()) r.headers.emplace_back("x-forwarded-for", forwarded);
  return r;
}

TEST(RateLimiter, ForwardedForIsBelievedOnlyFromATrustedProxy) {
  RateLimiter limits;
  EXPECT_EQ(limits.client(from("198.51.100.7", "203.0.113.5")), "198.51.100.7");
  limits.trust_proxies({"10.0.0.2", "10.0.0.3"});
  EXPECT_EQ(limits.client(from("10.0.0.2", "203.0.113.5")), "203.0.113.5");
  // The client's own claims come first in the list; the proxies append on the right.
  EXPECT_EQ(limits.client(from("10.0.0.2", "1.2.3.4, 203.0.113.5, 10.0.0.3")), "203.0.113.5");
  EXPECT_EQ(limits.client(from("10.0.0.2")), "10.0.0.2");
  EXPECT_EQ(limits.client(from("10.0.0.2", " , 10.0.0.3")), "10.0.0.2");
  EXPECT_EQ(limits.client(from("198.51.100.7", "203.0.113.5")), "198.51.100.7");
}

TEST(RateLimiter, BucketsStayWithinTheirBudgetLeastRecentlyUsedFirstOut) {
  RateLimiter limits(64 << 10);
  for (int i = 0; i < 3; ++i) limits.take(kThreeThenOnePerTen, "203.0.113.1", 0);
  EXPECT_TRUE(limits.take(kThreeThenOnePerTen, "203.0.113.1", 0));
  for (int i = 0; i < 5000; ++i) {
    limits.take(kThreeThenOnePerTen, "198.51.100." + std::to_string(i), 1);
    // A client that keeps coming back keeps its (empty) bucket among thousands of others.
    if (i % 100 == 0) {
      EXPECT_TRUE(limits.take(kThreeThenOnePerTen, "203.0.113.1", 1)) << i;
    }
  }
  auto stats = limits.stats();
  EXPECT_LE(stats.bytes, stats.budget);
  EXPECT_GT(stats.bytes, stats.budget / 2);
  EXPECT_GT(stats.evictions, 4000u);
}

TEST(RateLimiter, EstimateIsWithinAFactorOfTwoOfTheHeap) {
  if (!test::kHeapMeasured) GTEST_SKIP() << "malloc is the sanitizer's";
  std::unique_ptr<RateLimiter> limits;
  auto real = test::heap_left_by([&] {
    limits = std::make_unique<RateLimiter>(std::size_t{1} << 30);
    for (int i = 0; i < 10000; ++i) {
      limits->take(kAttemptStarts, "2001:db8::" + std::to_string(i), 0);
      limits->take(kLogIns, "198.51.100." + std::to_string(i % 250), 0);
    }
  });
  EXPECT_WITHIN_FACTOR_2(limits->stats().bytes, real);
}

}  // namespace
}  // namespace certhub
