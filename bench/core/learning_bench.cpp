// Google Benchmark for the learning loop: readiness (core/readiness) for a learner with 2,000
// graded answers, on CSM's blueprint (50 questions, six domains 7/10/11/9/7/6, pass at 37) and
// PSM I's (80 questions, 12/16/16/16/12/8, pass at 68); and picking the due cards of a learner
// with 5,000 cards from a real SQLite file (store/learning). Target: < 1 ms each.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "core/exam.hpp"
#include "core/readiness.hpp"
#include "store/store.hpp"

namespace {

using namespace certhub;

// A learner's history: domains in proportion to the exam's draws, about 80% right, spread over
// the last 60 days (so every answer has its own decayed weight). Fixed seed: the same answers on
// every run.
ReadinessInput learner(std::vector<int> draws, int pass_count, int answers) {
  ReadinessInput in;
  in.draws = std::move(draws);
  in.pass_count = pass_count;
  in.now = 1'790'000'000;
  const auto total =
      static_cast<std::uint64_t>(std::accumulate(in.draws.begin(), in.draws.end(), 0));
  SeededRandom random(2026);
  for (int i = 0; i < answers; ++i) {
    std::uint64_t pick = random.below(total);
    int domain = 0;
    while (pick >= static_cast<std::uint64_t>(in.draws[domain])) pick -= in.draws[domain++];
    bool correct = random.below(100) < 80;
    auto age = static_cast<std::int64_t>(random.below(std::uint64_t{60} * 86400));
    in.answers.push_back({domain, correct, in.now - age});
  }
  return in;
}

void BM_Readiness(benchmark::State& state, std::vector<int> draws, int pass_count) {
  auto in = learner(std::move(draws), pass_count, static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(estimate_readiness(in));
  state.counters["answers"] = static_cast<double>(in.answers.size());
}

BENCHMARK_CAPTURE(BM_Readiness, csm, std::vector<int>{7, 10, 11, 9, 7, 6}, 37)
    ->Arg(2000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Readiness, psm_i, std::vector<int>{12, 16, 16, 16, 12, 8}, 68)
    ->Arg(2000)
    ->Unit(benchmark::kMicrosecond);

// A learner with `cards` cards of one certification over six domains, due over the 60 days
// around "today" (so about half are due), among 20 other learners with 500 cards each, in a
// SQLite file made once per size.
struct CardsFixture {
  std::unique_ptr<Store> store;
  long today = 20'000;
  std::string learner = std::string(64, 'a');
};

CardsFixture& cards_fixture(int cards) {
  static std::map<int, CardsFixture> fixtures;
  auto& f = fixtures[cards];
  if (f.store) return f;
  auto path = std::filesystem::temp_directory_path() /
              ("certhub-learning-bench-" + std::to_string(::getpid()) + "-" +
               std::to_string(cards) + ".db");
  for (const char* suffix : {"", "-wal", "-shm", "-server.lock"})
    std::filesystem::remove(path.string() + suffix);
  f.store = open_store(path.string());
  f.store->migrate();
  const char* domains[] = {"scrum-theory", "scrum-team",      "events",
                           "artifacts",    "sm-competencies", "sm-service"};
  SeededRandom random(7);
  auto add = [&](const std::string& learner, int count) {
    std::vector<ReviewRow> reviews;
    reviews.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
      reviews.push_back({"q" + std::to_string(i), "csm", domains[i % 6], true,
                         static_cast<std::int64_t>(f.today) * 86400, "", 0});
    f.store->learning().record_reviews(
        learner, reviews, [&](const std::optional<CardState>&, const ReviewRow& r, auto) {
          CardState s;
          s.reps = 1;
          s.last_at = r.at;
          s.due_day = f.today - 30 + static_cast<long>(random.below(60));
          return s;
        });
  };
  add(f.learner, cards);
  for (int other = 10; other < 30; ++other) add(std::string(62, 'b') + std::to_string(other), 500);
  return f;
}

// The drill's pick: the 20 most overdue cards of a certification.
void BM_DueCards(benchmark::State& state) {
  auto& f = cards_fixture(static_cast<int>(state.range(0)));
  for (auto _ : state)
    benchmark::DoNotOptimize(f.store->learning().due_cards(f.learner, "csm", "", f.today, 20));
}
BENCHMARK(BM_DueCards)->Arg(5000)->Unit(benchmark::kMicrosecond);

// The drill page's counts: cards due today per certification and domain.
void BM_DueCounts(benchmark::State& state) {
  auto& f = cards_fixture(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(f.store->learning().due_counts(f.learner, f.today));
}
BENCHMARK(BM_DueCounts)->Arg(5000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
