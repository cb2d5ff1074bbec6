// The learning loop's pure logic: a card after a review, capped by the exam date; the daily
// plan before an exam; and the one next step a learner is offered.
#include <gtest/gtest.h>

#include "core/date.hpp"
#include "core/learning.hpp"

namespace certhub {
namespace {

constexpr std::int64_t kDay = 86400;
const std::int64_t kNoon = 1'795'000'000 - 1'795'000'000 % kDay + kDay / 2;  // a day's noon, UTC
const long kToday = day_number(kNoon);

TEST(ReviewCard, ANewCardAnsweredWrongIsDueTomorrowAndRightLater) {
  auto wrong = review_card(std::nullopt, false, kNoon, std::nullopt);
  auto right = review_card(std::nullopt, true, kNoon, std::nullopt);
  EXPECT_EQ(wrong.due_day, kToday + 1);
  EXPECT_GT(right.due_day, kToday + 1);
  EXPECT_EQ(wrong.reps, 1);
  EXPECT_EQ(wrong.lapses, 0);  // a first answer is not a lapse
  EXPECT_LT(wrong.stability, right.stability);
  EXPECT_EQ(right.last_at, kNoon);
}

TEST(ReviewCard, RightOnTheDueDayGrowsTheIntervalAndWrongIsALapse) {
  auto first = review_card(std::nullopt, true, kNoon, std::nullopt);
  auto on_due = kNoon + (first.due_day - kToday) * kDay;
  auto second = review_card(first, true, on_due, std::nullopt);
  EXPECT_GT(second.due_day - first.due_day, first.due_day - kToday);
  EXPECT_EQ(second.reps, 2);
  auto lapse = review_card(second, false, on_due + kDay, std::nullopt);
  EXPECT_EQ(lapse.lapses, 1);
  EXPECT_EQ(lapse.due_day, day_number(on_due + kDay) + 1);
  EXPECT_LT(lapse.stability, second.stability);
}

TEST(ReviewCard, NoIntervalJumpsPastTheExam) {
  // A well-known card would wait weeks; with the exam in 5 days it is due the day before.
  std::optional<CardState> card;
  auto at = kNoon;
  for (int i = 0; i < 4; ++i) {
    card = review_card(card, true, at, std::nullopt);
    at = kNoon + (card->due_day - kToday) * kDay;
  }
  auto today = day_number(at);
  auto free = review_card(card, true, at, std::nullopt);
  ASSERT_GT(free.due_day, today + 10);
  auto capped = review_card(card, true, at, today + 5);
  EXPECT_EQ(capped.due_day, today + 4);
  EXPECT_EQ(capped.stability, free.stability);  // the memory state is the same; only the day moves
  // An exam tomorrow leaves no day in between: the card keeps at least one day.
  EXPECT_EQ(review_card(card, true, at, today + 1).due_day, free.due_day);
  // An exam already past does not pull anything back.
  EXPECT_EQ(review_card(card, true, at, today - 3).due_day, free.due_day);
}

TEST(LatestDueDay, IsTheDayBeforeTheExamWhileThatIsToCome) {
  EXPECT_EQ(latest_due_day(kToday, kToday + 10), kToday + 9);
  EXPECT_EQ(latest_due_day(kToday, kToday + 1), kToday);       // the exam is tomorrow: due today
  EXPECT_GT(latest_due_day(kToday, kToday), kToday + 100000);  // exam today: nothing moves
}

TEST(DrillPlan, SpreadsTheCardsOverTheDaysLeftRoundingUp) {
  auto plan = drill_plan(100, kToday, kToday + 4);
  EXPECT_EQ(plan.days_left, 4);
  EXPECT_EQ(plan.per_day, 25);
  EXPECT_EQ(drill_plan(101, kToday, kToday + 4).per_day, 26);  // every card fits
  EXPECT_EQ(drill_plan(0, kToday, kToday + 4).per_day, 0);
  EXPECT_EQ(drill_plan(10, kToday, kToday).days_left, 0);  // the exam is today: no plan
  EXPECT_EQ(drill_plan(10, kToday, kToday - 2).days_left, 0);
}

NextStepInput learner(int answers) {
  NextStepInput in;
  in.answers = answers;
  in.now = kNoon;
  in.domain_mastery = {0.8, 0.5, 0.9};
  in.domain_missing = {0, 0, 0};
  return in;
}

TEST(NextStep, NothingAnsweredStartsWithTheSamples) {
  EXPECT_EQ(next_step(learner(0)).kind, NextStepKind::start);
}

TEST(NextStep, ManyDueCardsComeFirst) {
  auto in = learner(300);
  in.due_cards = kDrillNudgeCards;
  in.domain_missing = {5, 0, 0};
  EXPECT_EQ(next_step(in).kind, NextStepKind::drill);
}

TEST(NextStep, WithoutEnoughEvidenceTrainsTheDomainThatLacksMost) {
  auto in = learner(20);
  in.domain_missing = {3, 9, 4};
  in.due_cards = kDrillNudgeCards - 1;
  auto step = next_step(in);
  EXPECT_EQ(step.kind, NextStepKind::train_domain);
  EXPECT_EQ(step.domain, 1);
}

TEST(NextStep, HighReadinessUntestedByARecentMockSuggestsAMock) {
  auto in = learner(300);
  in.readiness_shown = true;
  in.pass_probability = kMockReadiness;
  in.due_cards = 3;
  EXPECT_EQ(next_step(in).kind, NextStepKind::mock);
  in.last_mock_at = kNoon - kRecentMockSeconds + 60;  // a recent mock: the due cards instead
  EXPECT_EQ(next_step(in).kind, NextStepKind::drill);
  in.due_cards = 0;
  in.last_mock_passed = true;
  EXPECT_EQ(next_step(in).kind, NextStepKind::keep_going);
  in.last_mock_at = kNoon - kRecentMockSeconds - 60;  // too long ago: test it again
  EXPECT_EQ(next_step(in).kind, NextStepKind::mock);
}

TEST(NextStep, LowReadinessTrainsTheWeakestDomain) {
  auto in = learner(300);
  in.readiness_shown = true;
  in.pass_probability = 0.3;
  auto step = next_step(in);
  EXPECT_EQ(step.kind, NextStepKind::train_domain);
  EXPECT_EQ(step.domain, 1);
}

}  // namespace
}  // namespace certhub
