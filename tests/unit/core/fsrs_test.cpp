// The FSRS-6 scheduler against the reference implementations' own test values, then the
// properties a learner relies on, then exam-date capping.
//
// Where each expected value comes from (open-spaced-repetition repositories on GitHub):
//   [rs-inference] fsrs-rs, src/inference.rs at 037345fd57472ea392a6086f217b1c73a9fa171a:
//     DEFAULT_PARAMETERS; test_memory_state (ratings again, good x5 at elapsed days
//     0, 0, 1, 3, 8, 21: S 53.62691, D 6.3574867, both to 1e-4; with w17..w19 = 0:
//     S 53.335106); test_next_interval (stability 1, desired retention 0.1 .. 1.0).
//   [rs-model] fsrs-rs, src/model_v6.rs at 48b7d2f61fa51b16b1c74c9271b01f33fd5adbb0 (the FSRS-6
//     half of the model): test_power_forgetting_curve, test_next_difficulty,
//     test_next_stability (the scalar src/model.rs asserts the same three) and test_forward.
//   [ts-fsrs6] ts-fsrs, __tests__/FSRS-6.test.ts at 75cc1ccedc05052e16a8c6aed09348ce5575d47c:
//     ivl_history (good x6, again x2, good x5: 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21;
//     py-fsrs tests/test_basic.py test_review_card asserts the same list) and 'first repeat'
//     (stabilities w0..w3, difficulties 6.4133, 5.11217071, 2.11810397, 1; Easy due in 8 days).
// fsrs-rs computes in f32 and certhub in double, so values agree to the reference's own
// tolerance (1e-4 for memory states and recall stability, 1e-5 for the other formulas), not
// to the last digit.
#include <gtest/gtest.h>

#include <vector>

#include "core/date.hpp"
#include "core/fsrs.hpp"

namespace certhub::fsrs {
namespace {

constexpr Rating kRatings[] = {Rating::again, Rating::hard, Rating::good, Rating::easy};

// A card's state after answering `ratings`, each `elapsed[i]` days after the previous answer
// (elapsed[0] is ignored: the first answer has no previous one).
MemoryState replay(const std::vector<Rating>& ratings, const std::vector<double>& elapsed,
                   const Parameters& p = {}) {
  std::optional<MemoryState> state;
  for (size_t i = 0; i < ratings.size(); ++i) state = next_state(state, elapsed[i], ratings[i], p);
  return *state;
}

TEST(FsrsReference, DefaultWeightsAreThePublishedFsrs6Defaults) {
  // [rs-inference] DEFAULT_PARAMETERS
  const std::array<double, 21> published = {0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                            0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                            1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};
  EXPECT_EQ(kDefaultWeights, published);
  Parameters p;
  EXPECT_EQ(p.w, published);
  EXPECT_EQ(p.desired_retention, 0.9);
  EXPECT_EQ(p.maximum_interval_days, 36500);
}

TEST(FsrsReference, FirstReviewStabilityIsW0ToW3) {
  // [ts-fsrs6] first repeat: stability
  const double expected[] = {0.212, 1.2931, 2.3065, 8.2956};
  for (int i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(next_state(std::nullopt, 0, kRatings[i]).stability, expected[i]);
    EXPECT_DOUBLE_EQ(initial_stability(kRatings[i]), expected[i]);
  }
}

TEST(FsrsReference, FirstReviewDifficultyPerRating) {
  // [ts-fsrs6] first repeat: difficulty (ts-fsrs rounds to 8 decimals); Easy is clamped to 1.
  const double expected[] = {6.4133, 5.11217071, 2.11810397, 1};
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(next_state(std::nullopt, 0, kRatings[i]).difficulty, expected[i], 1e-8);
}

TEST(FsrsReference, FirstEasyIsDueInEightDays) {
  // [ts-fsrs6] first repeat: scheduled_days 8 for Easy (the others go to learning steps there).
  EXPECT_EQ(next_interval_days(next_state(std::nullopt, 0, Rating::easy).stability), 8);
}

TEST(FsrsReference, ForgettingCurveMatchesReference) {
  // [rs-model] test_power_forgetting_curve: decay w20 and the factor that makes R(S) = 90%.
  const double days[] = {0, 1, 2, 3, 4, 5};
  const double stability[] = {1, 2, 3, 4, 4, 2};
  const double expected[] = {1.0, 0.9403443, 0.9253786, 0.9185229, 0.9, 0.8261359};
  for (int i = 0; i < 6; ++i)
    EXPECT_NEAR(retrievability(stability[i], days[i]), expected[i], 1e-5) << i;
}

TEST(FsrsReference, DifficultyUpdateMatchesReference) {
  // [rs-model] test_next_difficulty from difficulty 5: the linearly damped step (w7 = 0 turns
  // mean reversion off), then with mean reversion toward the initial difficulty of Easy.
  const double damped[] = {8.354889, 6.6774445, 5.0, 3.3225555};
  const double reverted[] = {8.341763, 6.6659956, 4.990228, 3.3144615};
  Parameters no_reversion;
  no_reversion.w[7] = 0;
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(next_difficulty(5, kRatings[i], no_reversion), damped[i], 1e-5) << i;
    EXPECT_NEAR(next_difficulty(5, kRatings[i]), reverted[i], 1e-5) << i;
  }
}

TEST(FsrsReference, StabilityFormulasMatchReference) {
  // [rs-model] test_next_stability: stability 5, difficulty 1..4, retrievability 0.9..0.6.
  const double retrievabilities[] = {0.9, 0.8, 0.7, 0.6};
  const double recall[] = {25.602541, 28.226582, 58.656002, 127.226685};
  const double forgetting[] = {1.0525396, 1.1894329, 1.3680838, 1.584989};
  const double same_day[] = {1.596818, 5.0, 5.0, 8.12961};
  for (int i = 0; i < 4; ++i) {
    double difficulty = i + 1;
    EXPECT_NEAR(stability_after_recall(5, difficulty, retrievabilities[i], kRatings[i]), recall[i],
                1e-4)
        << i;
    EXPECT_NEAR(stability_after_forgetting(5, difficulty, retrievabilities[i]), forgetting[i], 1e-5)
        << i;
    EXPECT_NEAR(short_term_stability(5, kRatings[i]), same_day[i], 1e-5) << i;
  }
}

TEST(FsrsReference, TwoReviewHistoriesMatchReference) {
  // [rs-model] test_forward: a first answer, then the same rating 1 or 2 days later.
  const Rating ratings[] = {Rating::again, Rating::hard,  Rating::good,
                            Rating::easy,  Rating::again, Rating::hard};
  const double elapsed[] = {1, 1, 1, 1, 2, 2};
  const double stability[] = {0.10088589, 3.2494123, 7.3153, 18.014914, 0.112798266, 4.4694576};
  const double difficulty[] = {8.806304, 6.7404594, 2.1112142, 1.0, 8.806304, 6.7404594};
  for (int i = 0; i < 6; ++i) {
    auto state = replay({ratings[i], ratings[i]}, {0, elapsed[i]});
    EXPECT_NEAR(state.stability, stability[i], 1e-4) << i;
    EXPECT_NEAR(state.difficulty, difficulty[i], 1e-5) << i;
  }
}

TEST(FsrsReference, MemoryStateAfterSixReviewsMatchesReference) {
  // [rs-inference] test_memory_state (ts-fsrs and py-fsrs assert the same values): a lapse, a
  // same-day Good (short-term formula), then Good after 1, 3, 8 and 21 days.
  std::vector<Rating> ratings = {Rating::again, Rating::good, Rating::good,
                                 Rating::good,  Rating::good, Rating::good};
  std::vector<double> elapsed = {0, 0, 1, 3, 8, 21};
  auto state = replay(ratings, elapsed);
  EXPECT_NEAR(state.stability, 53.62691, 1e-4);
  EXPECT_NEAR(state.difficulty, 6.3574867, 1e-4);

  Parameters frozen_short_term;  // the reference's second case: w17..w19 = 0
  frozen_short_term.w[17] = frozen_short_term.w[18] = frozen_short_term.w[19] = 0;
  state = replay(ratings, elapsed, frozen_short_term);
  EXPECT_NEAR(state.stability, 53.335106, 1e-4);
  EXPECT_NEAR(state.difficulty, 6.3574867, 1e-4);
}

TEST(FsrsReference, IntervalHistoryMatchesReference) {
  // [ts-fsrs6] ivl_history: each answer given on the day it falls due. The reference's 0 entries
  // are minute learning steps (after the first Good and after each Again), so the next answer
  // is on the same day (elapsed 0, short-term formula); the others are FSRS intervals.
  const std::vector<Rating> ratings = {Rating::good, Rating::good, Rating::good,  Rating::good,
                                       Rating::good, Rating::good, Rating::again, Rating::again,
                                       Rating::good, Rating::good, Rating::good,  Rating::good,
                                       Rating::good};
  const std::vector<int> reference = {0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21};
  std::optional<MemoryState> state;
  int elapsed = 0;
  for (size_t i = 0; i < ratings.size(); ++i) {
    state = next_state(state, elapsed, ratings[i]);
    if (reference[i] != 0) {
      EXPECT_EQ(next_interval_days(state->stability), reference[i]) << i;
    }
    elapsed = reference[i];
  }
}

TEST(FsrsReference, IntervalForDesiredRetentionMatchesReference) {
  // [rs-inference] test_next_interval: stability 1 at desired retention 0.1, 0.2, .. 1.0,
  // rounded and at least 1 day (no maximum there, so none here either).
  const int expected[] = {3116766, 34793, 2508, 387, 90, 27, 9, 3, 1, 1};
  for (int i = 0; i < 10; ++i) {
    Parameters p;
    p.desired_retention = (i + 1) / 10.0;
    p.maximum_interval_days = 100'000'000;
    // At 0.1 the interval is 3.1 million days: f32 there is 3116766, double 3116769.
    double tolerance = i == 0 ? 4 : 0;
    EXPECT_NEAR(next_interval_days(1.0, p), expected[i], tolerance) << i;
  }
}

TEST(FsrsProperties, GoodAfterGoodGrowsTheInterval) {
  std::optional<MemoryState> state;
  int interval = 0;
  for (int i = 0; i < 8; ++i) {
    state = next_state(state, interval, Rating::good);
    int next = next_interval_days(state->stability);
    EXPECT_GT(next, interval) << i;
    interval = next;
  }
}

TEST(FsrsProperties, AgainShrinksStabilityAndRaisesDifficulty) {
  auto known = replay({Rating::good, Rating::good, Rating::good}, {0, 2, 11});
  auto lapsed = next_state(known, next_interval_days(known.stability), Rating::again);
  EXPECT_LT(lapsed.stability, known.stability);
  EXPECT_GT(lapsed.difficulty, known.difficulty);
  auto same_day = next_state(known, 0, Rating::again);
  EXPECT_LT(same_day.stability, known.stability);
  EXPECT_GT(same_day.difficulty, known.difficulty);
}

TEST(FsrsProperties, EasyGivesALongerIntervalThanGoodAndHardAShorterOne) {
  auto interval = [](const std::optional<MemoryState>& previous, double elapsed, Rating r) {
    return next_interval_days(next_state(previous, elapsed, r).stability);
  };
  // The first answer, and a later one after a Good.
  EXPECT_LT(interval(std::nullopt, 0, Rating::hard), interval(std::nullopt, 0, Rating::good));
  EXPECT_GT(interval(std::nullopt, 0, Rating::easy), interval(std::nullopt, 0, Rating::good));
  auto good = next_state(std::nullopt, 0, Rating::good);
  for (double elapsed : {2.0, 10.0}) {
    EXPECT_LT(interval(good, elapsed, Rating::hard), interval(good, elapsed, Rating::good));
    EXPECT_GT(interval(good, elapsed, Rating::easy), interval(good, elapsed, Rating::good));
  }
}

TEST(FsrsProperties, DifficultyStaysWithinOneToTen) {
  for (Rating rating : kRatings) {
    std::optional<MemoryState> state;
    for (int i = 0; i < 50; ++i) {
      state = next_state(state, i % 3, rating);
      EXPECT_GE(state->difficulty, 1.0);
      EXPECT_LE(state->difficulty, 10.0);
    }
  }
  // At 10 the damping leaves no step up, and mean reversion pulls slightly down.
  EXPECT_LE(next_difficulty(10, Rating::again), 10.0);
  EXPECT_LE(next_difficulty(15, Rating::again), 10.0);
  EXPECT_DOUBLE_EQ(next_difficulty(1, Rating::easy), 1);
}

TEST(FsrsProperties, IntervalNeverAboveTheMaximumNorBelowOneDay) {
  EXPECT_EQ(next_interval_days(1e9), 36500);
  Parameters p;
  p.maximum_interval_days = 180;
  EXPECT_EQ(next_interval_days(5000, p), 180);
  std::optional<MemoryState> state;
  int interval = 0;
  for (int i = 0; i < 20; ++i) {
    state = next_state(state, interval, Rating::easy, p);
    interval = next_interval_days(state->stability, p);
    EXPECT_LE(interval, 180);
  }
  EXPECT_EQ(next_interval_days(0.01), 1);
  EXPECT_EQ(next_interval_days(0), 1);
}

TEST(FsrsProperties, AgainIsDueTomorrowOthersFollowStability) {
  EXPECT_EQ(scheduled_interval_days(Rating::again, 30), 1);
  EXPECT_EQ(scheduled_interval_days(Rating::good, 30), next_interval_days(30));
  EXPECT_EQ(scheduled_interval_days(Rating::hard, 30), 30);  // at 90% the interval is S
}

TEST(FsrsProperties, RetrievabilityIsNinetyPercentAtStabilityAndFallsWithTime) {
  for (double s : {0.5, 3.0, 40.0, 900.0}) {
    EXPECT_NEAR(retrievability(s, s), 0.9, 1e-12);
    EXPECT_DOUBLE_EQ(retrievability(s, 0), 1.0);
    EXPECT_GT(retrievability(s, s / 2), retrievability(s, s));
    EXPECT_GT(retrievability(s, s), retrievability(s, 2 * s));
  }
}

TEST(FsrsProperties, SameDayPassNeverLowersStability) {
  for (double s : {0.1, 1.0, 5.0, 50.0, 500.0})
    for (Rating r : {Rating::hard, Rating::good, Rating::easy})
      EXPECT_GE(next_state(MemoryState{s, 5}, 0, r).stability, s);
}

TEST(FsrsProperties, ElapsedDaysCountAsWholeDaysNeverNegative) {
  MemoryState state{10, 5};
  auto two = next_state(state, 2, Rating::good);
  EXPECT_DOUBLE_EQ(next_state(state, 2.4, Rating::good).stability, two.stability);
  EXPECT_DOUBLE_EQ(next_state(state, 1.6, Rating::good).stability, two.stability);
  auto same_day = next_state(state, 0, Rating::good);
  EXPECT_DOUBLE_EQ(next_state(state, -3, Rating::good).stability, same_day.stability);
  EXPECT_DOUBLE_EQ(next_state(state, 0.4, Rating::good).stability, same_day.stability);
}

class ExamDate : public ::testing::Test {
 protected:
  long today = days_from_civil({2026, 11, 2});
};

TEST_F(ExamDate, IntervalPastTheExamLandsOnTheDayBefore) {
  long exam = today + 10;
  EXPECT_EQ(due_day(today, 30, exam), exam - 1);
  EXPECT_EQ(due_day(today, 10, exam), exam - 1);  // due on the exam day itself: one day earlier
  EXPECT_EQ(due_day(today, 5, today + 2), today + 1);
}

TEST_F(ExamDate, ShortIntervalsAreUnchanged) {
  long exam = today + 10;
  EXPECT_EQ(due_day(today, 1, exam), today + 1);
  EXPECT_EQ(due_day(today, 9, exam), today + 9);
}

TEST_F(ExamDate, ExamTomorrowTodayOrPastKeepsThePlainInterval) {
  EXPECT_EQ(due_day(today, 12, today + 1), today + 12);
  EXPECT_EQ(due_day(today, 12, today), today + 12);
  EXPECT_EQ(due_day(today, 12, today - 40), today + 12);
  EXPECT_EQ(due_day(today, 12, std::nullopt), today + 12);
}

TEST_F(ExamDate, NeverBeforeTomorrow) {
  EXPECT_EQ(due_day(today, 0, std::nullopt), today + 1);
  EXPECT_EQ(due_day(today, -5, today + 20), today + 1);
  for (long exam = today - 3; exam <= today + 5; ++exam)
    for (int interval : {0, 1, 2, 7, 400}) EXPECT_GE(due_day(today, interval, exam), today + 1);
}

}  // namespace
}  // namespace certhub::fsrs
