#include "features/admin/item_stats.hpp"

#include "web/attempt_slots.hpp"

namespace certhub {
namespace {

constexpr int kBatch = 500;  // attempts per read: about 25,000 rows of steps
constexpr auto kMinInterval = std::chrono::seconds(60);

}  // namespace

const ItemStat* ItemStatsResult::find(const std::string& question_id) const {
  for (const auto& item : items)
    if (item.question_id == question_id) return &item;
  return nullptr;
}

bool add_finished_mock(ItemStatsBuilder& builder, const Catalog& catalog,
                       const FinishedMock& mock) {
  auto slots = decode_slots(mock.slots);
  if (!slots) return false;
  auto states = replay(slots->size(), to_steps(mock.answers), mock.deadline);
  std::vector<ItemResponse> responses;
  responses.reserve(slots->size());
  for (size_t i = 0; i < slots->size(); ++i) {
    const auto& slot = (*slots)[i];
    const auto* q = catalog.question(slot.question_id);
    if (!q || slot.order.size() != q->options.size()) continue;
    const auto& selected = states[i].selected;
    auto keys = to_question_keys(slot, selected);
    if (!keys) continue;
    responses.push_back({q->id, std::move(*keys), is_correct(*q, slot, selected)});
  }
  builder.add_attempt(responses);
  return true;
}

ItemStatsResult compute_item_stats(Store& store, const Catalog& catalog, std::int64_t now,
                                   const std::stop_token& stop) {
  auto began = std::chrono::steady_clock::now();
  ItemStatsResult result;
  result.content_version = catalog.version;
  result.finished_mocks = store.attempts().count_finished_mocks(now);
  ItemStatsBuilder builder;
  std::string after;
  while (!stop.stop_requested()) {
    auto batch = store.attempts().finished_mocks(after, kBatch, now);
    for (const auto& mock : batch) add_finished_mock(builder, catalog, mock);
    if (static_cast<int>(batch.size()) < kBatch) break;
    after = batch.back().id;
  }
  result.attempts = builder.attempts_added();
  result.items = builder.finish();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return result;
}

ItemStatistics::~ItemStatistics() {
  std::jthread worker;
  {
    std::lock_guard lock(mutex_);
    worker = std::move(worker_);
  }
  // jthread's destructor asks it to stop and joins.
}

ItemStatistics::Snapshot ItemStatistics::latest(bool force) {
  std::lock_guard lock(mutex_);
  if (!computing_) {
    bool due = force || !result_;
    if (!due && std::chrono::steady_clock::now() - started_ >= kMinInterval) {
      auto catalog = app_.catalog();
      due = result_->content_version != catalog->version ||
            result_->finished_mocks != app_.store().attempts().count_finished_mocks(app_.now());
    }
    if (due) start_locked();
  }
  return {result_, computing_, error_};
}

void ItemStatistics::start_locked() {
  computing_ = true;
  started_ = std::chrono::steady_clock::now();
  if (worker_.joinable()) worker_.join();  // finished already: computing_ was false
  worker_ = std::jthread([this](const std::stop_token& stop) {
    std::shared_ptr<const ItemStatsResult> done;
    std::string error;
    try {
      auto catalog = app_.catalog();
      auto result = compute_item_stats(app_.store(), *catalog, app_.now(), stop);
      result.computed_at = app_.now();
      done = std::make_shared<const ItemStatsResult>(std::move(result));
    } catch (const std::exception& e) {
      error = e.what();
    }
    std::lock_guard lock(mutex_);
    if (done && !stop.stop_requested()) result_ = std::move(done);
    error_ = error;
    computing_ = false;
  });
}

}  // namespace certhub
