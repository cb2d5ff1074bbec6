// Group commit (store/wal_sync) and the attempt cache's eviction: the parts of the durable-save
// path that can be checked without a server.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <vector>

#include "store/store.hpp"
#include "store/wal_sync.hpp"
#include "web/attempt_cache.hpp"

namespace certhub {
namespace {

namespace fs = std::filesystem;

fs::path temp_db(const char* name) {
  auto dir = fs::temp_directory_path() / ("certhub-unit-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm", "-server.lock"})
    fs::remove(path.string() + suffix);
  return path;
}

TEST(WalSync, CallsBackOnlyAfterASyncThatCoversTheTicket) {
  auto db = temp_db("sync.db");
  auto store = open_store(db.string());
  store->migrate();
  EXPECT_EQ(store->take_write_ticket(), 0u);  // migrations are not a request's writes
  store->create_session({"s1", "token", 1});
  auto ticket = store->take_write_ticket();
  ASSERT_GT(ticket, 0u);
  EXPECT_EQ(store->take_write_ticket(), 0u);  // taken once
  std::promise<bool> synced;
  store->when_durable(ticket, [&](bool ok) { synced.set_value(ok); });
  auto result = synced.get_future();
  ASSERT_EQ(result.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(result.get());
  auto stats = store->sync_stats();
  EXPECT_GE(stats.syncs, 1u);
  EXPECT_GE(stats.commits, ticket);
}

TEST(WalSync, ManyCommitsShareSyncs) {
  auto wal = temp_db("group.db-wal");
  { std::ofstream(wal.string()) << "frames"; }
  WalSync sync(wal.string());
  constexpr int kCommits = 200;
  std::vector<std::promise<bool>> done(kCommits);
  for (int i = 0; i < kCommits; ++i) {
    auto ticket = sync.committed();
    sync.when_synced(ticket, [&done, i](bool ok) { done[static_cast<size_t>(i)].set_value(ok); });
  }
  for (auto& d : done) {
    auto f = d.get_future();
    ASSERT_EQ(f.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    EXPECT_TRUE(f.get());
  }
  auto stats = sync.stats();
  EXPECT_EQ(stats.commits, static_cast<std::uint64_t>(kCommits));
  EXPECT_LT(stats.syncs, static_cast<std::uint64_t>(kCommits));  // grouped, not one per commit
}

TEST(SqliteStore, ASecondServerOnTheSameFileIsRefused) {
  auto db = temp_db("claim.db");
  auto first = open_store(db.string());
  EXPECT_TRUE(first->claim_sole_writer());
  auto second = open_store(db.string());
  EXPECT_THROW(second->claim_sole_writer(), StoreError);
  first.reset();  // the lock goes with the server
  auto third = open_store(db.string());
  EXPECT_TRUE(third->claim_sole_writer());
}

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
