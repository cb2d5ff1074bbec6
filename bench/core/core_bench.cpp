// Google Benchmark for the pure parts of practice: mock-exam assembly, grading a 50-question
// attempt, and loading content. Each runs on the shipped content, and again on a generated
// bank of 100,000 questions when CERTHUB_BENCH_BIG_CONTENT names a content directory made by
// bench/core/gen-bank.mjs (bench/core/run does that). CERTHUB_BENCH_CONTENT overrides the
// shipped content directory.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "content/loader.hpp"
#include "core/blueprint.hpp"
#include "core/exam.hpp"

namespace {

using namespace certhub;

std::shared_ptr<const Catalog> load_or_die(const std::string& dir) {
  auto result = load_content(dir);
  if (!result.catalog) {
    std::cerr << "core_bench: content in " << dir << " has errors\n";
    for (const auto& d : result.diagnostics) std::cerr << format(d) << "\n";
    std::exit(1);
  }
  return result.catalog;
}

// One content directory and what every benchmark on it needs, loaded once.
struct Fixture {
  std::string dir;
  std::shared_ptr<const Catalog> catalog;
  const Certification* cert = nullptr;
  Blueprint blueprint;
  std::vector<const Question*> bank;
  std::set<std::string>
      seen;  // what a learner with 20 past mocks has seen, as Practice::start builds it

  explicit Fixture(std::string d) : dir(std::move(d)), catalog(load_or_die(dir)) {
    cert = catalog->certification("csm");
    blueprint = *blueprint_for(*cert);
    bank = catalog->bank("csm");
    for (std::uint64_t i = 0; i < 20; ++i) {
      auto slots =
          assemble_mock(blueprint, bank, 1000 + i);  // keep the optional alive while iterating
      for (const auto& slot : *slots) seen.insert(slot.question_id);
    }
  }
};

// A benchmark gets its fixture through a getter: the big bank is loaded only when its first
// benchmark runs, after the shipped ones, so its ~640 MiB heap does not slow theirs.
using Get = Fixture* (*)();
std::unique_ptr<Fixture> shipped, big;
std::string big_dir;
Fixture* get_shipped() {
  return shipped.get();
}
Fixture* get_big() {
  if (!big) big = std::make_unique<Fixture>(big_dir);
  return big.get();
}

void BM_Bank(benchmark::State& state, Get get) {
  auto* f = get();
  for (auto _ : state) benchmark::DoNotOptimize(f->catalog->bank("csm"));
  state.counters["questions"] = static_cast<double>(f->bank.size());
}

void BM_AssembleMock(benchmark::State& state, Get get) {
  auto* f = get();
  std::uint64_t seed = 1;
  for (auto _ : state) benchmark::DoNotOptimize(assemble_mock(f->blueprint, f->bank, seed++));
}

// As Practice::start does it: the bank taken from the catalog, and the questions of the
// learner's last 20 attempts preferred against.
void BM_AssembleMockAsServer(benchmark::State& state, Get get) {
  auto* f = get();
  std::uint64_t seed = 1;
  for (auto _ : state) {
    auto bank = f->catalog->bank("csm");
    benchmark::DoNotOptimize(assemble_mock(f->blueprint, bank, seed++, f->seen));
  }
}

// Grading a finished 50-question mock: look the questions up by id, replay 60 steps (every
// question answered, ten changed), grade.
void BM_Grade50(benchmark::State& state, Get get) {
  auto* f = get();
  auto slots = *assemble_mock(f->blueprint, f->bank, 42);
  std::vector<Step> steps;
  for (int i = 0; i < 60; ++i) {
    int slot = i % 50;
    const auto* q = f->catalog->question(slots[static_cast<size_t>(slot)].question_id);
    Step s{slot, StepKind::answer, {}, false, 1000 + i};
    s.selected =
        i % 3 ? shown_key(*q, slots[static_cast<size_t>(slot)]) : std::vector<std::string>{"a"};
    steps.push_back(std::move(s));
  }
  for (auto _ : state) {
    std::vector<const Question*> questions;
    questions.reserve(slots.size());
    for (const auto& slot : slots) questions.push_back(f->catalog->question(slot.question_id));
    auto states = replay(slots.size(), steps, std::nullopt);
    auto result = grade(*f->cert, slots, questions, states, f->blueprint.pass_count);
    benchmark::DoNotOptimize(result);
  }
}

void BM_LoadContent(benchmark::State& state, Get get) {
  auto* f = get();
  for (auto _ : state) {
    auto result = load_content(f->dir);
    if (!result.catalog) state.SkipWithError("content has errors");
    benchmark::DoNotOptimize(result);
  }
  state.counters["questions"] = static_cast<double>(f->catalog->questions.size());
}

void register_all(const std::string& name, Get get, bool big_bank) {
  auto full = [&](const char* what) { return std::string(what) + "/" + name; };
  benchmark::RegisterBenchmark(full("bank").c_str(), BM_Bank, get)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(full("assemble_mock").c_str(), BM_AssembleMock, get)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(full("assemble_mock_as_server").c_str(), BM_AssembleMockAsServer,
                               get)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(full("grade_50").c_str(), BM_Grade50, get)
      ->Unit(benchmark::kMicrosecond);
  auto* load = benchmark::RegisterBenchmark(full("load_content").c_str(), BM_LoadContent, get)
                   ->Unit(benchmark::kMillisecond);
  // A big load takes seconds: a few timed runs, not Google Benchmark's default minimum time.
  if (big_bank) load->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(false);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const char* dir = std::getenv("CERTHUB_BENCH_CONTENT");
  shipped = std::make_unique<Fixture>(dir && *dir ? dir : CERTHUB_CONTENT);
  register_all("shipped", get_shipped, false);
  if (const char* big_env = std::getenv("CERTHUB_BENCH_BIG_CONTENT"); big_env && *big_env) {
    big_dir = big_env;
    register_all("big", get_big, true);  // the generated bank, 100,000 questions by default
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
