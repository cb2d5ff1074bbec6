// The shared bookkeeping of every in-memory cache: least recently used first out, bounded by
// bytes, pinned entries kept, the counts /metrics shows, and the size helpers against malloc.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "../heap_use.hpp"
#include "core/lru_bytes.hpp"

namespace certhub {
namespace {

using Cache = LruBytes<std::string, int>;
constexpr std::size_t kEntry = Cache::kEntryBytes;  // keys below fit in the string object

TEST(LruBytes, DropsTheLeastRecentlyUsedUntilWithinBudget) {
  Cache cache(3 * (kEntry + 100));
  cache.put("a", 1, 100);
  cache.put("b", 2, 100);
  cache.put("c", 3, 100);
  EXPECT_EQ(cache.size(), 3u);
  ASSERT_TRUE(cache.find("a"));  // "b" is now the least recently used
  cache.put("d", 4, 100);
  EXPECT_FALSE(cache.peek("b"));
  EXPECT_TRUE(cache.peek("a") && cache.peek("c") && cache.peek("d"));
  // One large entry pushes out as many as it needs.
  cache.put("e", 5, kEntry + 150);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_TRUE(cache.peek("d") && cache.peek("e"));
  EXPECT_LE(cache.bytes(), cache.budget());
  auto stats = cache.stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.evictions, 3u);
  EXPECT_EQ(stats.entries, 2u);
  EXPECT_EQ(stats.bytes, cache.bytes());
}

TEST(LruBytes, FindIfCountsAStaleValueAsAMiss) {
  Cache cache(1 << 20);
  cache.put("a", 1, 0);
  EXPECT_FALSE(cache.find_if("a", [](int v) { return v == 2; }));
  EXPECT_FALSE(cache.find_if("b", [](int) { return true; }));
  EXPECT_TRUE(cache.find_if("a", [](int v) { return v == 1; }));
  EXPECT_EQ(cache.stats().misses, 2u);
  EXPECT_EQ(cache.stats().hits, 1u);
}

TEST(LruBytes, AnEntryLargerThanTheBudgetIsNotKept) {
  Cache cache(kEntry + 100);
  EXPECT_TRUE(cache.put("a", 1, 100));
  EXPECT_FALSE(cache.put("big", 2, 1000));
  EXPECT_EQ(cache.size(), 0u);  // "a" made room for it first, then it went too
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(LruBytes, ChargeRecordsANewSizeAndMakesRoomKeepingTheEntry) {
  Cache cache(4 * (kEntry + 100));
  for (const char* key : {"a", "b", "c", "d"}) cache.put(key, 0, 100);
  EXPECT_TRUE(cache.charge("a", 2 * kEntry + 300));  // "a" grew: "b" and "c" go
  EXPECT_TRUE(cache.peek("a") && cache.peek("d"));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.charge("b", 1));
  EXPECT_TRUE(cache.charge("a", 0));
  EXPECT_EQ(cache.bytes(), 2 * kEntry + 100);
  cache.erase("a");
  EXPECT_EQ(cache.bytes(), kEntry + 100);
  cache.clear();
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(LruBytes, KeysOnTheHeapAreCounted) {
  Cache cache(1 << 20);
  std::string key(100, 'k');
  cache.put(key, 1, 0);
  EXPECT_EQ(cache.bytes(), kEntry + 2 * heap_bytes(key));
}

struct Held {
  bool operator()(const std::shared_ptr<int>& p) const { return p.use_count() > 1; }
};

TEST(LruBytes, PinnedEntriesAreNeverDropped) {
  using Pinning = LruBytes<std::string, std::shared_ptr<int>, std::hash<std::string>, Held>;
  Pinning cache(Pinning::kEntryBytes * 2);
  auto held = std::make_shared<int>(1);
  cache.put("held", held, 0);
  cache.put("b", std::make_shared<int>(2), 0);
  cache.put("c", std::make_shared<int>(3), 0);  // "held" is the oldest, but in use: "b" goes
  EXPECT_TRUE(cache.peek("held"));
  EXPECT_FALSE(cache.peek("b"));
  // Over budget while everything is pinned, and back within it once released.
  auto c = *cache.peek("c");
  cache.put("d", std::make_shared<int>(4), 0);
  EXPECT_TRUE(cache.peek("held") && cache.peek("c"));
  EXPECT_FALSE(cache.peek("d"));  // not pinned itself and over budget: not kept
  held.reset();
  c.reset();
  cache.set_budget(cache.budget());
  EXPECT_LE(cache.bytes(), cache.budget());
}

TEST(LruBytes, HelpersMatchWhatMallocHandsOut) {
  if (!test::kHeapMeasured) GTEST_SKIP() << "malloc is the sanitizer's";
  std::vector<std::string> strings;
  strings.reserve(1000);
  std::size_t estimate = 0;
  auto real = test::heap_left_by([&] {
    for (int i = 0; i < 1000; ++i) {
      strings.emplace_back(static_cast<std::size_t>(i % 200), 'x');
      estimate += heap_bytes(strings.back());
    }
  });
  EXPECT_WITHIN_FACTOR_2(estimate, real);
  std::vector<std::vector<int>> vectors(1000);
  estimate = 0;
  real = test::heap_left_by([&] {
    for (int i = 0; i < 1000; ++i) {
      vectors[static_cast<std::size_t>(i)].resize(static_cast<std::size_t>(i % 50 + 1));
      estimate += heap_bytes(vectors[static_cast<std::size_t>(i)]);
    }
  });
  EXPECT_WITHIN_FACTOR_2(estimate, real);
}

TEST(LruBytes, BookkeepingMatchesWhatMallocHandsOut) {
  if (!test::kHeapMeasured) GTEST_SKIP() << "malloc is the sanitizer's";
  std::unique_ptr<Cache> cache;
  auto real = test::heap_left_by([&] {
    cache = std::make_unique<Cache>(std::size_t{1} << 30);
    for (int i = 0; i < 10000; ++i) cache->put("client 203.0.113." + std::to_string(i), i, 0);
  });
  EXPECT_WITHIN_FACTOR_2(cache->bytes(), real);
}

}  // namespace
}  // namespace certhub
