#pragma once
// FSRS-6, the spaced-repetition scheduler Anki uses (open-spaced-repetition/fsrs-rs), with its
// published default parameters. Every question a learner answered becomes a card; each answer
// moves the card's memory state (stability, difficulty) and decides when it is due again.
//
// certhub schedules in whole days only: the drill is a daily practice, so there are no learning
// or relearning steps in minutes. A wrong answer (Again) makes the card due tomorrow
// (scheduled_interval_days); its next answer, a day or more later, then uses the long-term
// formulas. Two answers on the same day use FSRS-6's short-term (same-day) formula.
//
// Schedules are deterministic: no fuzz is added to intervals (Anki and py-fsrs spread due days
// randomly; certhub wants the same answers to give the same schedule, in tests and for users).
#include <array>
#include <optional>

namespace certhub::fsrs {

enum class Rating { again = 1, hard = 2, good = 3, easy = 4 };

// FSRS-6's published defaults (fsrs-rs DEFAULT_PARAMETERS, py-fsrs DEFAULT_PARAMETERS): w0..w3
// first-review stabilities, w4..w7 difficulty, w8..w10 recall, w11..w14 forgetting, w15 hard
// penalty, w16 easy bonus, w17..w19 same-day, w20 the forgetting curve's decay.
inline constexpr std::array<double, 21> kDefaultWeights = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

// FSRS memory state of one card. A card that was never reviewed has no state.
struct MemoryState {
  double stability = 0;   // days until retrievability falls to 90%
  double difficulty = 0;  // 1..10
};

struct Parameters {
  std::array<double, 21> w = kDefaultWeights;  // published defaults
  double desired_retention = 0.9;
  int maximum_interval_days = 36500;
};

// The state after one review. `previous` is empty for a card's first review; `elapsed_days` is
// whole days since the previous review (0 = same day, which FSRS-6 treats with its short-term
// formula). A fractional value is rounded to the nearest day and a negative one counts as 0, as
// fsrs-rs does for FSRS-6.
MemoryState next_state(const std::optional<MemoryState>& previous, double elapsed_days,
                       Rating rating, const Parameters& p = {});

// Probability of recall after `elapsed_days` at `stability`.
double retrievability(double stability, double elapsed_days, const Parameters& p = {});

// Days until the next review for a state: the interval at which retrievability reaches the
// desired retention, rounded as the reference does, at least 1, at most maximum_interval_days.
// No fuzz (certhub wants deterministic schedules).
int next_interval_days(double stability, const Parameters& p = {});

// certhub's interval after an answer: 1 (tomorrow) for Again, since certhub has no relearning
// steps; otherwise next_interval_days of the new stability.
int scheduled_interval_days(Rating rating, double stability, const Parameters& p = {});

// Exam-date awareness: the due day for a review on `today` with `interval_days`, never later
// than the day before the exam (so every card is seen once more before it), and never earlier
// than tomorrow. Days are day numbers (days since 1970-01-01, as core/date.hpp uses).
// With no exam date, or an exam that is today, tomorrow or past, the plain interval applies:
// the day before such an exam is today or earlier, and a card answered today cannot be seen
// again on a day that has already begun or passed, so capping would only pull it into the past.
long due_day(long today, int interval_days, std::optional<long> exam_day);

// The formulas next_state is built from, exposed so tests can check each against the
// reference's own unit values. `rating` counts as in Rating.
double initial_stability(Rating rating, const Parameters& p = {});
double initial_difficulty(Rating rating, const Parameters& p = {});  // clamped to 1..10
// Difficulty after a review: a step against the rating, damped linearly as it nears 10, then
// pulled slightly back toward the initial difficulty of Easy (mean reversion); within 1..10.
double next_difficulty(double difficulty, Rating rating, const Parameters& p = {});
// Stability after a successful (hard, good, easy) review at `retrievability`.
double stability_after_recall(double stability, double difficulty, double retrievability,
                              Rating rating, const Parameters& p = {});
// Stability after a lapse (Again) at `retrievability`; never above the same-day Again value.
double stability_after_forgetting(double stability, double difficulty, double retrievability,
                                  const Parameters& p = {});
// Stability after a same-day review; Hard, Good and Easy never lower it.
double short_term_stability(double stability, Rating rating, const Parameters& p = {});

}  // namespace certhub::fsrs
