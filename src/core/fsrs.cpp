#include "core/fsrs.hpp"

#include <algorithm>
#include <cmath>

namespace certhub::fsrs {
namespace {

// fsrs-rs's bounds: stability in [0.001, 36500] days, difficulty in [1, 10].
constexpr double kMinStability = 0.001;
constexpr double kMaxStability = 36500;
constexpr double kMinDifficulty = 1;
constexpr double kMaxDifficulty = 10;

double grade(Rating rating) {
  return static_cast<double>(static_cast<int>(rating));
}

double clamp_stability(double s) {
  return std::clamp(s, kMinStability, kMaxStability);
}
double clamp_difficulty(double d) {
  return std::clamp(d, kMinDifficulty, kMaxDifficulty);
}

// The forgetting curve R(t) = (1 + factor * t / S)^decay, decay = -w20, with the factor chosen
// so that R(S) = 0.9 whatever the decay.
double decay(const Parameters& p) {
  return -p.w[20];
}
double factor(const Parameters& p) {
  return std::pow(0.9, 1 / decay(p)) - 1;
}

// Initial difficulty without the clamp: mean reversion aims at this value for Easy, unclamped
// (fsrs-rs mean_reversion, py-fsrs _initial_difficulty(clamp=False)).
double raw_initial_difficulty(double g, const Parameters& p) {
  return p.w[4] - std::exp(p.w[5] * (g - 1)) + 1;
}

// Elapsed days as FSRS-6 counts them: whole days, never negative.
double whole_days(double elapsed_days) {
  return std::floor(std::max(elapsed_days, 0.0) + 0.5);
}

}  // namespace

double initial_stability(Rating rating, const Parameters& p) {
  return clamp_stability(p.w[static_cast<int>(rating) - 1]);
}

double initial_difficulty(Rating rating, const Parameters& p) {
  return clamp_difficulty(raw_initial_difficulty(grade(rating), p));
}

double next_difficulty(double difficulty, Rating rating, const Parameters& p) {
  double delta = -p.w[6] * (grade(rating) - 3);
  double damped = difficulty + (10 - difficulty) * delta / 9;  // smaller steps near 10
  double reverted = p.w[7] * raw_initial_difficulty(4, p) + (1 - p.w[7]) * damped;
  return clamp_difficulty(reverted);
}

double stability_after_recall(double stability, double difficulty, double retrievability,
                              Rating rating, const Parameters& p) {
  double hard_penalty = rating == Rating::hard ? p.w[15] : 1;
  double easy_bonus = rating == Rating::easy ? p.w[16] : 1;
  double growth = std::exp(p.w[8]) * (11 - difficulty) * std::pow(stability, -p.w[9]) *
                  (std::exp((1 - retrievability) * p.w[10]) - 1) * hard_penalty * easy_bonus;
  return stability * (1 + growth);
}

double stability_after_forgetting(double stability, double difficulty, double retrievability,
                                  const Parameters& p) {
  double long_term = p.w[11] * std::pow(difficulty, -p.w[12]) *
                     (std::pow(stability + 1, p.w[13]) - 1) *
                     std::exp((1 - retrievability) * p.w[14]);
  // A lapse never leaves the card more stable than a same-day Again would.
  double same_day_again = stability / std::exp(p.w[17] * p.w[18]);
  return std::min(long_term, same_day_again);
}

double short_term_stability(double stability, Rating rating, const Parameters& p) {
  double increase =
      std::exp(p.w[17] * (grade(rating) - 3 + p.w[18])) * std::pow(stability, -p.w[19]);
  // A passed same-day review does not make the card less stable (fsrs-rs clamps Hard too).
  if (rating != Rating::again) increase = std::max(increase, 1.0);
  return stability * increase;
}

MemoryState next_state(const std::optional<MemoryState>& previous, double elapsed_days,
                       Rating rating, const Parameters& p) {
  if (!previous) return {initial_stability(rating, p), initial_difficulty(rating, p)};
  double s = clamp_stability(previous->stability);
  double d = clamp_difficulty(previous->difficulty);
  double t = whole_days(elapsed_days);
  double new_s = 0;
  if (t == 0) {
    new_s = short_term_stability(s, rating, p);
  } else {
    double r = retrievability(s, t, p);
    new_s = rating == Rating::again ? stability_after_forgetting(s, d, r, p)
                                    : stability_after_recall(s, d, r, rating, p);
  }
  return {clamp_stability(new_s), next_difficulty(d, rating, p)};
}

double retrievability(double stability, double elapsed_days, const Parameters& p) {
  double t = std::max(elapsed_days, 0.0);
  return std::pow(1 + factor(p) * t / clamp_stability(stability), decay(p));
}

int next_interval_days(double stability, const Parameters& p) {
  // fsrs-rs's range for the retention, so a bad setting cannot make the interval NaN.
  double retention = std::clamp(p.desired_retention, 0.0001, 0.9999);
  double days = clamp_stability(stability) / factor(p) * (std::pow(retention, 1 / decay(p)) - 1);
  // Rounded half away from zero, as Anki rounds fsrs-rs's fractional interval (py-fsrs's
  // round() goes to even on an exact half; no real stability lands there).
  double rounded = std::round(days);
  double capped =
      std::clamp(rounded, 1.0, static_cast<double>(std::max(p.maximum_interval_days, 1)));
  return static_cast<int>(capped);
}

int scheduled_interval_days(Rating rating, double stability, const Parameters& p) {
  return rating == Rating::again ? 1 : next_interval_days(stability, p);
}

long due_day(long today, int interval_days, std::optional<long> exam_day) {
  long plain = today + std::max(interval_days, 1);
  // Only an exam at least two days away leaves a day between tomorrow and the exam to land on.
  if (!exam_day || *exam_day <= today + 1) return plain;
  return std::min(plain, *exam_day - 1);
}

}  // namespace certhub::fsrs
