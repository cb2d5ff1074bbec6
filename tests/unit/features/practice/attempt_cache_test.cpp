// The attempt cache: least recently used first out, bounded by the bytes of its attempts, never
// an entry in use; and the size estimate of an attempt against the real heap.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "../../heap_use.hpp"
#include "features/practice/attempt_cache.hpp"

namespace certhub {
namespace {

// The bytes one empty entry under a short key costs.
std::size_t empty_entry_bytes() {
  AttemptCache cache;
  cache.set_budget(1 << 20);
  cache.entry("x");
  return cache.stats().bytes;
}

TEST(AttemptCache, DropsTheLeastRecentlyUsedEntryNotInUse) {
  AttemptCache cache;
  cache.set_budget(2 * empty_entry_bytes());
  auto a = cache.entry("a");
  cache.entry("b");
  a.reset();
  cache.entry("a");  // "a" is now the most recently used
  cache.entry("c");  // evicts "b"
  EXPECT_EQ(cache.size(), 2u);
  auto held = cache.entry("a");
  held->attempt.emplace();
  cache.entry("d");  // "a" is in use, so "c" goes instead
  EXPECT_TRUE(cache.entry("a")->attempt.has_value());
  cache.drop("a");
  EXPECT_FALSE(cache.entry("a")->attempt.has_value());  // a fresh, empty entry
  cache.drop("never-there");                            // nothing to do
  EXPECT_EQ(cache.size(), 2u);
}

// An attempt shaped like a real one: a training over all topics has 432 slots, a mock 50.
LoadedAttempt attempt_of(int slots, int answered) {
  LoadedAttempt a;
  a.row.id = std::string(32, 'a');
  a.row.session_id = std::string(64, 's');
  a.row.certification = "csm";
  a.row.mode = "training";
  a.row.content_version = std::string(40, 'v');
  std::vector<Slot> list;
  std::vector<const Question*> questions;
  for (int i = 0; i < slots; ++i) {
    list.push_back({"csm-sm-competencies-" + std::to_string(100 + i), {2, 0, 3, 1}});
    questions.push_back(nullptr);
  }
  a.slots = std::move(list);
  a.questions = std::move(questions);
  a.states.resize(static_cast<std::size_t>(slots));
  for (int i = 0; i < answered; ++i) a.states[static_cast<std::size_t>(i)].selected = {"b"};
  return a;
}

// Loads an attempt into the cache as Practice does: under the entry's lock, then charge.
void load(AttemptCache& cache, const std::string& id, int slots) {
  auto entry = cache.entry(id);
  std::lock_guard lock(entry->mutex);
  entry->attempt = attempt_of(slots, slots / 2);
  cache.charge(id, *entry);
}

TEST(AttemptCache, StaysWithinItsBudgetAsAttemptsAreLoaded) {
  AttemptCache cache;
  cache.set_budget(std::size_t{1} << 20);
  for (int i = 0; i < 200; ++i) load(cache, "training-" + std::to_string(i), 432);
  auto stats = cache.stats();
  EXPECT_LE(stats.bytes, stats.budget);
  EXPECT_GT(stats.bytes, stats.budget / 2);
  EXPECT_GT(stats.evictions, 100u);
  EXPECT_LT(stats.entries, 100u);
  // The latest ones stayed.
  EXPECT_TRUE(cache.entry("training-199")->attempt.has_value());
  EXPECT_FALSE(cache.entry("training-0")->attempt.has_value());
}

TEST(AttemptCache, AnEntryInUseStaysWhenOthersGrow) {
  AttemptCache cache;
  cache.set_budget(std::size_t{256} << 10);
  load(cache, "mine", 432);
  auto mine = cache.entry("mine");  // a request is using it
  for (int i = 0; i < 20; ++i) load(cache, "other-" + std::to_string(i), 432);
  EXPECT_TRUE(mine->attempt.has_value());
  EXPECT_EQ(cache.entry("mine"), mine);
  // Growing it makes room among the others, never drops it.
  {
    std::lock_guard lock(mine->mutex);
    mine->attempt = attempt_of(432, 432);
    cache.charge("mine", *mine);
  }
  EXPECT_EQ(cache.entry("mine"), mine);
  EXPECT_LE(cache.stats().bytes, cache.stats().budget);
  // A charge for an entry the id no longer names changes nothing.
  AttemptCache::Entry stranger;
  auto before = cache.stats().bytes;
  cache.charge("mine", stranger);
  EXPECT_EQ(cache.stats().bytes, before);
}

TEST(AttemptCache, ForgettingLoadedAttemptsGivesTheirBytesBack) {
  AttemptCache cache;
  cache.set_budget(std::size_t{4} << 20);
  for (int i = 0; i < 10; ++i) load(cache, "t" + std::to_string(i), 432);
  EXPECT_GT(cache.stats().bytes, 10 * empty_entry_bytes() * 10);
  cache.forget_loaded();
  EXPECT_EQ(cache.size(), 10u);
  EXPECT_LE(cache.stats().bytes, 10 * (empty_entry_bytes() + 64));
}

TEST(AttemptCache, EstimateIsWithinAFactorOfTwoOfTheHeap) {
  if (!test::kHeapMeasured) GTEST_SKIP() << "malloc is the sanitizer's";
  for (int slots : {50, 432}) {
    std::unique_ptr<AttemptCache> cache;
    auto real = test::heap_left_by([&] {
      cache = std::make_unique<AttemptCache>();
      cache->set_budget(std::size_t{1} << 30);
      for (int i = 0; i < 50; ++i)
        load(*cache, "attempt-id-" + std::to_string(i) + "-xxxxxxxxxxxx", slots);
    });
    SCOPED_TRACE(slots);
    EXPECT_WITHIN_FACTOR_2(cache->stats().bytes, real);
  }
}

}  // namespace
}  // namespace certhub
