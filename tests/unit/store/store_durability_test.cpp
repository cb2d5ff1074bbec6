// Group commit (store/sqlite/wal_sync) and the sole-writer lock: the parts of the durable-save
// path that can be checked without a server.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <vector>

#include "store/sqlite/wal_sync.hpp"
#include "store/store.hpp"

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
  store->take_write_ticket();  // one an earlier test in this thread left (tickets are per thread)
  store->migrate();
  EXPECT_EQ(store->take_write_ticket(), 0u);    // migrations are not a request's writes
  store->settings().setting("unit-test", "1");  // a first write
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
  sqlite::WalSync sync(wal.string());
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

}  // namespace
}  // namespace certhub
