// fill_holes: how a status page rendered once gets each visitor's token and the current count.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../heap_use.hpp"
#include "web/page_cache.hpp"

namespace certhub {
namespace {

TEST(FillHoles, ReplacesEveryMarkerWithItsValue) {
  auto page = fill_holes(
      "<input "
      "value=\"certhub-hole-csrf-x\"><p>certhub-hole-count-x.</p><p>certhub-hole-count-x</p>",
      {{"certhub-hole-csrf-x", "abc123"}, {"certhub-hole-count-x", "2 people asked"}});
  EXPECT_EQ(page, "<input value=\"abc123\"><p>2 people asked.</p><p>2 people asked</p>");
}

TEST(FillHoles, LeavesTextWithoutMarkersAndUnknownMarkersAsTheyAre) {
  EXPECT_EQ(fill_holes("no holes here", {{"certhub-hole-a", "1"}}), "no holes here");
  EXPECT_EQ(fill_holes("certhub-hole-b and certhub-hole-a", {{"certhub-hole-a", "1"}}),
            "certhub-hole-b and 1");
  EXPECT_EQ(fill_holes("", {{"certhub-hole-a", "1"}}), "");
  EXPECT_EQ(fill_holes("certhub-hole-acerthub-hole-a", {{"certhub-hole-a", "<1>"}}), "<1><1>");
}

// A hub page as the cache gets it: 5-40 KB of HTML and a few headers.
Response page_of(std::size_t size) {
  Response r;
  r.body = std::string(size, 'x');
  r.header("Content-Security-Policy",
           "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
  r.header("X-Content-Type-Options", "nosniff");
  r.header("Cache-Control", "public, max-age=300");
  return r;
}

TEST(PageCache, StaysWithinItsBudgetLeastRecentlyUsedFirstOut) {
  PageCache cache(256 << 10);
  for (int i = 0; i < 100; ++i)
    cache.keep("v1|20000|/?q=" + std::to_string(i), page_of(5000 + 350 * std::size_t(i % 100)));
  auto stats = cache.stats();
  EXPECT_LE(stats.bytes, stats.budget);
  EXPECT_GT(stats.bytes, stats.budget / 2);
  EXPECT_GT(stats.evictions, 50u);
  EXPECT_FALSE(cache.find("v1|20000|/?q=0"));
  ASSERT_TRUE(cache.find("v1|20000|/?q=99"));
  EXPECT_EQ(cache.find("v1|20000|/?q=99")->bytes().size(), 5000u + 350 * 99);
  EXPECT_EQ(cache.stats().hits, 2u);
  EXPECT_EQ(cache.stats().misses, 1u);
  // A page larger than the whole budget is served but not kept.
  auto big = cache.keep("big", page_of(300 << 10));
  EXPECT_EQ(big->bytes().size(), std::size_t{300} << 10);
  EXPECT_FALSE(cache.find("big"));
}

TEST(PageCache, EstimateIsWithinAFactorOfTwoOfTheHeap) {
  if (!test::kHeapMeasured) GTEST_SKIP() << "malloc is the sanitizer's";
  for (std::size_t size : {200, 5000, 40000}) {
    std::unique_ptr<PageCache> cache;
    auto real = test::heap_left_by([&] {
      cache = std::make_unique<PageCache>(std::size_t{1} << 30);
      for (int i = 0; i < 100; ++i)
        cache->keep("v1|20000|/certifications/c" + std::to_string(i), page_of(size));
    });
    SCOPED_TRACE(size);
    EXPECT_WITHIN_FACTOR_2(cache->stats().bytes, real);
  }
}

}  // namespace
}  // namespace certhub
