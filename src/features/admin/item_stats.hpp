#pragma once
// Item statistics for the admin area, computed off the request path: a page asks for the latest
// result, which starts a computation on a background thread when none has been made, the content
// changed or more mock exams have finished (at most once a minute), and shows the previous
// result (or "being computed") meanwhile. Reading 10,000 finished mock exams takes about a second
// (bench/README.md); a page never waits for it.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/item_stats.hpp"
#include "web/app.hpp"

namespace certhub {

struct ItemStatsResult {
  std::vector<ItemStat> items;      // ItemStatsBuilder::finish's order: flagged, worst first
  int attempts = 0;                 // finished mock exams read
  std::string content_version;      // the catalog graded against
  std::int64_t finished_mocks = 0;  // count_finished_mocks when it started
  std::int64_t computed_at = 0;     // app clock, when it finished
  double seconds = 0;               // how long it took
  const ItemStat* find(const std::string& question_id) const;
};

// Adds one finished mock exam to `builder`, graded against `catalog` (the current content: a
// question since removed, or a slot whose options no longer match, is left out). Returns false
// when the slots cannot be read.
bool add_finished_mock(ItemStatsBuilder& builder, const Catalog& catalog, const FinishedMock& mock);

// Reads every finished mock exam in batches and builds the statistics.
ItemStatsResult compute_item_stats(Store& store, const Catalog& catalog, std::int64_t now,
                                   const std::stop_token& stop = {});

class ItemStatistics {
 public:
  explicit ItemStatistics(App& app) : app_(app) {}
  ~ItemStatistics();
  ItemStatistics(const ItemStatistics&) = delete;
  ItemStatistics& operator=(const ItemStatistics&) = delete;

  struct Snapshot {
    std::shared_ptr<const ItemStatsResult> result;  // null until the first one is done
    bool computing = false;
    std::string error;  // the last computation failed: why
  };
  // The latest result; starts a computation when it is out of date (or `force`).
  Snapshot latest(bool force = false);

 private:
  void start_locked();

  App& app_;
  std::mutex mutex_;
  std::shared_ptr<const ItemStatsResult> result_;
  bool computing_ = false;
  std::string error_;
  std::chrono::steady_clock::time_point started_{};
  std::jthread worker_;  // last: joined first when destroyed
};

}  // namespace certhub
