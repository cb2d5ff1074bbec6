#pragma once
// The learning loop's pure logic: a card's schedule after a graded answer (FSRS, capped by the
// exam date), the daily drill plan before an exam, and the one next step a learner is offered.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/fsrs.hpp"

namespace certhub {

// A question's spaced-repetition state after its latest review.
struct CardState {
  double stability = 0;      // FSRS memory state
  double difficulty = 0;     // FSRS memory state
  int reps = 0;              // reviews so far
  int lapses = 0;            // wrong answers after the first review
  std::int64_t last_at = 0;  // unix seconds of the latest review
  long due_day = 0;          // day number (core/date.hpp) on which it is next due
};

// Days are UTC calendar days (day_number in core/date.hpp): a card due "today" is due from
// 00:00 UTC.

// How a graded answer rates a recall: wrong is Again, right is Good. Response time is not used:
// a learner reading a long scenario slowly is not recalling worse (docs/readiness.md).
fsrs::Rating rating_of(bool correct);

// The card after a review at `at`: FSRS's next memory state and interval, due no later than the
// day before the exam when that leaves a day to land on (the exam at least two days away;
// fsrs::due_day).
CardState review_card(const std::optional<CardState>& previous, bool correct, std::int64_t at,
                      std::optional<long> exam_day, const fsrs::Parameters& params = {});

// Where setting an exam date pulls later cards in to: the day before the exam while that is
// today or later (so with the exam tomorrow, cards come due today); otherwise no limit.
long latest_due_day(long today, long exam_day);

// "About 25 cards a day until 14 January": the cards due before the exam spread over the days
// left (today included, the exam day not).
struct DrillPlan {
  int per_day = 0;
  int days_left = 0;  // 0: the exam is today or past, no plan
};
DrillPlan drill_plan(int cards_due_before_exam, long today, long exam_day);

// The one concrete suggestion on a learner's progress page.
enum class NextStepKind {
  start,         // nothing answered yet: take the free sample questions
  train_domain,  // build evidence or strength in a domain (weakest or least answered)
  drill,         // due cards are waiting
  mock,          // readiness looks high but no recent mock exam has tested it
  keep_going,    // a recent mock passed: keep the cards up to date
};
struct NextStepInput {
  int answers = 0;  // graded answers in this certification
  bool readiness_shown = false;
  double pass_probability = 0;               // when shown
  int due_cards = 0;                         // due today
  std::optional<std::int64_t> last_mock_at;  // latest finished mock exam
  bool last_mock_passed = false;
  std::int64_t now = 0;
  // Per domain, in blueprint order: posterior mean mastery and answers still missing.
  std::vector<double> domain_mastery;
  std::vector<int> domain_missing;
};
struct NextStep {
  NextStepKind kind = NextStepKind::start;
  int domain = -1;  // train_domain: index into the blueprint's domains
};
NextStep next_step(const NextStepInput& in);

// Tunable thresholds of next_step, named so the docs and tests can refer to them.
inline constexpr int kDrillNudgeCards = 10;    // due cards that outrank new training
inline constexpr double kMockReadiness = 0.7;  // readiness worth testing with a mock
inline constexpr std::int64_t kRecentMockSeconds = std::int64_t{7} * 86400;

}  // namespace certhub
