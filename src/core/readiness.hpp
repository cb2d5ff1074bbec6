#pragma once
// Readiness: the estimated probability that a learner passes the real exam, with an interval,
// from their graded practice answers. A pure function of its input (the same input gives the
// same output on every standard library). docs/readiness.md explains the method.
#include <cstdint>
#include <vector>

namespace certhub {

// Answers alike: `count` answers in one domain, all right or all wrong, on one UTC day (the
// store keeps a learner's answers as such daily tallies).
struct GradedAnswer {
  int domain = 0;  // index into ReadinessInput::draws
  bool correct = false;
  std::int64_t at = 0;  // unix seconds; only its UTC calendar day counts
  int count = 1;
};

struct ReadinessInput {
  std::vector<int> draws;             // questions the exam draws per domain (blueprint order)
  int pass_count = 0;                 // correct answers needed to pass
  std::vector<GradedAnswer> answers;  // in any order
  std::int64_t now = 0;               // unix seconds
};

struct DomainMastery {
  int answers = 0;          // graded answers in this domain (unweighted count)
  double mean = 0;          // posterior mean share correct, 0..1
  double low = 0;           // 10th percentile of the posterior
  double high = 0;          // 90th percentile of the posterior
  int answers_missing = 0;  // more answers needed in this domain before readiness is shown
  // The answers after decay (an answer from today counts 1, one from 14 days ago 0.5). The
  // evidence rule counts these, so old answers alone cannot show a readiness.
  double weight = 0;
};

struct Readiness {
  std::vector<DomainMastery> domains;  // same order as draws
  bool shown = false;                  // enough evidence to show a probability
  int answers_missing = 0;             // total more answers needed (0 when shown)
  double pass_probability = 0;         // point estimate, 0..1 (meaningful when shown)
  double low = 0;                      // interval, 10th percentile
  double high = 0;                     // interval, 90th percentile
  int evidence = 0;                    // graded answers used
  double weight = 0;                   // the answers used, after decay (sum of domains')
};

// The model's constants (docs/readiness.md justifies each).
struct ReadinessModel {
  // An answer's weight halves every 14 days of age, counted in UTC calendar days (as the drill
  // cards are): answers from today count 1.
  static constexpr int kHalfLifeDays = 14;
  // Beta(1, 1) per domain: every share correct equally likely before any answer; it weighs as
  // much as two answers.
  static constexpr double kPriorCorrect = 1;
  static constexpr double kPriorWrong = 1;
  // Shown when the weighted answers reach twice the exam's question count overall, and in
  // every domain the exam draws from, its draw count but at least 8.
  static constexpr int kExamsOfEvidence = 2;
  static constexpr int kDomainFloor = 8;
  // The interval: P(pass | rates) over this many posterior draws of the rates, fixed seed.
  static constexpr int kPosteriorDraws = 500;
  static constexpr std::uint64_t kSeed = 0x72656164696e6573ULL;  // "readines"
};

Readiness estimate_readiness(const ReadinessInput& input);

}  // namespace certhub
