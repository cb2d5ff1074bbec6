// The attempt cache's eviction: least recently used first, never an entry in use.
#include <gtest/gtest.h>

#include "features/practice/attempt_cache.hpp"

namespace certhub {
namespace {

TEST(AttemptCache, DropsTheLeastRecentlyUsedEntryNotInUse) {
  AttemptCache cache;
  cache.set_capacity(2);
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

}  // namespace
}  // namespace certhub
