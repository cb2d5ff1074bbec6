#include "core/learning.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include "core/date.hpp"

namespace certhub {

fsrs::Rating rating_of(bool correct) {
  return correct ? fsrs::Rating::good : fsrs::Rating::again;
}

CardState review_card(const std::optional<CardState>& previous, bool correct, std::int64_t at,
                      std::optional<long> exam_day, const fsrs::Parameters& params) {
  auto today = day_number(at);
  std::optional<fsrs::MemoryState> memory;
  double elapsed = 0;
  if (previous) {
    memory = fsrs::MemoryState{previous->stability, previous->difficulty};
    elapsed = static_cast<double>(std::max(0L, today - day_number(previous->last_at)));
  }
  auto rating = rating_of(correct);
  auto next = fsrs::next_state(memory, elapsed, rating, params);
  CardState card;
  card.stability = next.stability;
  card.difficulty = next.difficulty;
  card.reps = previous ? previous->reps + 1 : 1;
  card.lapses = (previous ? previous->lapses : 0) + (previous && !correct ? 1 : 0);
  card.last_at = at;
  card.due_day =
      fsrs::due_day(today, fsrs::scheduled_interval_days(rating, next.stability, params), exam_day);
  return card;
}

long latest_due_day(long today, long exam_day) {
  // Unlike fsrs::due_day this may be today: a card already waiting can be reviewed today, while
  // a card answered today keeps at least one day.
  return exam_day - 1 >= today ? exam_day - 1 : std::numeric_limits<long>::max();
}

DrillPlan drill_plan(int cards_due_before_exam, long today, long exam_day) {
  DrillPlan plan;
  plan.days_left = static_cast<int>(std::max(0L, exam_day - today));
  if (plan.days_left == 0) return plan;
  plan.per_day = (cards_due_before_exam + plan.days_left - 1) / plan.days_left;
  return plan;
}

namespace {

// The index of the domain `better` prefers, or -1 when there is none.
template <class T, class Better>
int pick_domain(const std::vector<T>& values, size_t count, Better better) {
  int best = -1;
  for (size_t i = 0; i < count; ++i)
    if (best < 0 || better(values[i], values[static_cast<size_t>(best)]))
      best = static_cast<int>(i);
  return best;
}

}  // namespace

NextStep next_step(const NextStepInput& in) {
  if (in.answers == 0) return {NextStepKind::start, -1};
  if (in.due_cards >= kDrillNudgeCards) return {NextStepKind::drill, -1};
  auto domains = std::min(in.domain_mastery.size(), in.domain_missing.size());
  if (!in.readiness_shown) {
    // Evidence first: the domain that lacks the most answers.
    int most = pick_domain(in.domain_missing, domains, std::greater<>());
    if (most >= 0 && in.domain_missing[static_cast<size_t>(most)] > 0)
      return {NextStepKind::train_domain, most};
  }
  bool recent_mock = in.last_mock_at && in.now - *in.last_mock_at < kRecentMockSeconds;
  bool high = in.readiness_shown && in.pass_probability >= kMockReadiness;
  if (high && !recent_mock) return {NextStepKind::mock, -1};
  if (in.due_cards > 0) return {NextStepKind::drill, -1};
  if (high && in.last_mock_passed) return {NextStepKind::keep_going, -1};
  int weakest = pick_domain(in.domain_mastery, domains, std::less<>());
  if (weakest >= 0) return {NextStepKind::train_domain, weakest};
  return {NextStepKind::start, -1};
}

}  // namespace certhub
