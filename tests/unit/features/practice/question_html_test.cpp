// The question HTML cache: within its budget, least recently used first out, a new content
// snapshot starts again, and its size estimate against the real heap.
#include <gtest/gtest.h>

#include "../../heap_use.hpp"
#include "content/loader.hpp"
#include "features/practice/question_html.hpp"

namespace certhub {
namespace {

CatalogPtr shipped() {
  static CatalogPtr catalog = load_content(CERTHUB_CONTENT).catalog;
  return catalog;
}

TEST(QuestionHtmlCache, StaysWithinItsBudgetAndKeepsTheLatest) {
  auto catalog = shipped();
  ASSERT_TRUE(catalog);
  ASSERT_GT(catalog->questions.size(), 100u);
  QuestionHtmlCache cache(64 << 10);
  for (const auto& q : catalog->questions) cache.get(catalog, q);
  auto stats = cache.stats();
  EXPECT_LE(stats.bytes, stats.budget);
  EXPECT_GT(stats.bytes, stats.budget / 2);
  EXPECT_GT(stats.evictions, 0u);
  EXPECT_EQ(stats.misses, catalog->questions.size());
  // The last one rendered is still there: asking again is a hit, the same object.
  const auto& last = catalog->questions.back();
  EXPECT_EQ(cache.get(catalog, last), cache.get(catalog, last));
  EXPECT_EQ(cache.stats().hits, 2u);
  cache.clear();
  EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(QuestionHtmlCache, EstimateIsWithinAFactorOfTwoOfTheHeap) {
  if (!test::kHeapMeasured) GTEST_SKIP() << "malloc is the sanitizer's";
  auto catalog = shipped();
  ASSERT_TRUE(catalog);
  {
    QuestionHtmlCache warm;  // anything the renderer allocates once
    warm.get(catalog, catalog->questions.front());
  }
  std::unique_ptr<QuestionHtmlCache> cache;
  auto real = test::heap_left_by([&] {
    cache = std::make_unique<QuestionHtmlCache>(std::size_t{1} << 30);
    for (const auto& q : catalog->questions) cache->get(catalog, q);
  });
  EXPECT_WITHIN_FACTOR_2(cache->stats().bytes, real);
}

}  // namespace
}  // namespace certhub
