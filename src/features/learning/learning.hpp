#pragma once
// The learning feature: a learner's progress and readiness per certification, the drill cards
// due, the exam date, and drill answers given through the API. One Learning is created by
// src/features/wiring.cpp and shared by the pages and the JSON API. The numbers come from
// core/readiness.hpp and core/learning.hpp; this object only gathers their input from the store.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/blueprint.hpp"
#include "core/date.hpp"
#include "core/learning.hpp"
#include "core/lru_bytes.hpp"
#include "core/readiness.hpp"
#include "store/attempts.hpp"
#include "store/learning.hpp"
#include "web/app.hpp"

namespace certhub {

// The learner's attempts, newest first, each finished one scored (the practice feature's
// history, handed in by the wiring: one feature never includes another).
using AttemptHistory =
    std::function<std::vector<AttemptRow>(const std::string& learner, int limit)>;

// How many attempts the progress page reads: years of daily practice, bounded so one page stays
// fast (bench/learning/run).
inline constexpr int kProgressAttempts = 1000;
// Readiness reads answers from this many days back: older ones weigh less than 2^-40.
inline constexpr long kReadinessDays = 40L * ReadinessModel::kHalfLifeDays;
// An exam date further away than this is refused as a typing slip (about ten years).
inline constexpr long kFurthestExamDays = 3660;
// GET /api/v1/drill lists at most this many due cards per route, most overdue first.
inline constexpr int kDrillApiCards = 20;

// A finished mock exam on the score chart.
struct MockPoint {
  std::string attempt_id;
  std::int64_t at = 0;
  int correct = 0;
  int total = 0;
  bool passed = false;
};

// A route's cards: due today (per domain), all, and the plan before the exam date.
struct CertDrill {
  const Certification* cert = nullptr;
  std::vector<int> due_per_domain;  // in the certification's domain order
  int due_today = 0;
  int cards = 0;
  std::optional<long> exam_day;
  int due_before_exam = 0;
  DrillPlan plan;
};

struct CertProgress {
  const Certification* cert = nullptr;
  std::optional<Blueprint> blueprint;
  std::vector<AttemptRow> attempts;  // newest first
  std::vector<MockPoint> mocks;      // oldest first
  Readiness readiness;               // domains in the certification's order
  CertDrill drill;
  NextStep next;
  bool practised() const { return !attempts.empty() || drill.cards > 0; }
};

struct LearningError {
  int status;  // 404, 409, 422
  std::string detail;
  int reps = -1;  // 409: the card's reviews now
};

struct DrillAnswer {
  const Question* question = nullptr;
  bool correct = false;
  CardRow card;
};

class Learning {
 public:
  // The readiness memo's default budget: about 4,000 estimates (~0.5 KiB each with the key).
  static constexpr std::size_t kRememberedBytes = std::size_t{2} << 20;

  Learning(App& app, AttemptHistory history) : app_(app), history_(std::move(history)) {}

  // After a content reload: blueprints may have changed, so no remembered estimate is kept.
  void content_reloaded();
  // The readiness memo's budget in bytes (kRememberedBytes by default), and its figures.
  void set_memo_budget(std::size_t bytes);
  CacheStats memo_stats() const;

  // Every live certification, practised or not, in catalog order.
  std::vector<CertProgress> progress(const std::string& learner);
  std::optional<CertProgress> progress(const std::string& learner, const std::string& cert_id);
  std::vector<CertDrill> drill(const std::string& learner);
  // The day the learner's exam is on (nullopt clears it). A day before today is refused.
  std::optional<LearningError> set_exam_date(const std::string& learner, const std::string& cert_id,
                                             const std::optional<Date>& date);
  // A drill answer outside an attempt: `selected` are the question's own option keys, `reps`
  // the card's review count the client saw (a stale one records nothing: 409).
  std::variant<DrillAnswer, LearningError> answer(const std::string& learner,
                                                  const std::string& question_id,
                                                  const std::vector<std::string>& selected,
                                                  int reps);
  // The due cards of a certification, most overdue first, at most `limit`.
  std::vector<CardRow> due_cards(const std::string& learner, const std::string& cert_id, int limit);
  long today() const { return day_number(app_.now()); }

 private:
  CertProgress build(const Certification& cert, const std::vector<AttemptRow>& history,
                     const std::vector<DueCount>& due, const std::vector<ExamDay>& exam_days,
                     const std::string& learner);
  CertDrill drill_of(const Certification& cert, const std::vector<DueCount>& due,
                     const std::vector<ExamDay>& exam_days, const std::string& learner);
  // The estimate for these tallies, computed once: readiness changes only with a new answer or
  // a new day, and a learner reloads /progress far more often than either (bench/learning/run).
  Readiness readiness(const std::string& learner, const Certification& cert,
                      const ReadinessInput& in, std::uint64_t fingerprint);

  App& app_;
  AttemptHistory history_;
  struct Remembered {
    std::uint64_t fingerprint = 0;
    Readiness readiness;
  };
  mutable std::mutex remembered_mutex_;
  // By learner and certification, bounded by bytes, least recently used first out.
  LruBytes<std::string, Remembered> remembered_{kRememberedBytes};
};

// The heap a readiness estimate holds (its domains).
std::size_t approximate_bytes(const Readiness& readiness);

}  // namespace certhub
