// The readiness memo (Learning::readiness): bounded by bytes, least recently used first out,
// and the size estimate of an entry against the real heap.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "../../heap_use.hpp"
#include "content/loader.hpp"
#include "features/learning/learning.hpp"

namespace certhub {
namespace {
namespace fs = std::filesystem;

TEST(ReadinessMemo, StaysWithinItsBudget) {
  std::random_device rd;
  auto dir = fs::temp_directory_path() / ("certhub-memo-" + std::to_string(rd()));
  fs::create_directories(dir);
  {
    auto store = open_store((dir / "memo.db").string());
    store->migrate();
    auto loaded = load_content(CERTHUB_CONTENT);
    ASSERT_TRUE(loaded.catalog);
    App app(CERTHUB_CONTENT, loaded.catalog, *store, [] { return 1795424400LL; });
    Learning learning(app, [](const std::string&, int) { return std::vector<AttemptRow>{}; });
    learning.set_memo_budget(32 << 10);
    for (int i = 0; i < 300; ++i)
      ASSERT_TRUE(learning.progress("learner-" + std::to_string(i), "csm"));
    auto stats = learning.memo_stats();
    EXPECT_LE(stats.bytes, stats.budget);
    EXPECT_GT(stats.bytes, stats.budget / 2);
    EXPECT_GT(stats.evictions, 0u);
    EXPECT_EQ(stats.misses, 300u);
    learning.progress("learner-299", "csm");  // still there: remembered
    EXPECT_EQ(learning.memo_stats().hits, 1u);
    learning.content_reloaded();
    EXPECT_EQ(learning.memo_stats().bytes, 0u);
  }
  fs::remove_all(dir);
}

TEST(ReadinessMemo, EstimateIsWithinAFactorOfTwoOfTheHeap) {
  if (!test::kHeapMeasured) GTEST_SKIP() << "malloc is the sanitizer's";
  ReadinessInput in;
  in.draws = {10, 12, 8, 10, 10};
  in.pass_count = 37;
  in.now = 1795424400;
  for (int d = 0; d < 5; ++d) in.answers.push_back({d, true, in.now - 86400, 6});
  auto estimate = estimate_readiness(in);
  // The memo's shape: a learner key (a 64-character id and the certification) to an estimate.
  using Memo = LruBytes<std::string, Readiness>;
  std::unique_ptr<Memo> memo;
  auto real = test::heap_left_by([&] {
    memo = std::make_unique<Memo>(std::size_t{1} << 30);
    for (int i = 0; i < 2000; ++i) {
      auto key = std::string(60, 'l') + std::to_string(1000 + i) + "/csm";
      memo->put(key, estimate, approximate_bytes(estimate));
    }
  });
  EXPECT_WITHIN_FACTOR_2(memo->bytes(), real);
}

}  // namespace
}  // namespace certhub
