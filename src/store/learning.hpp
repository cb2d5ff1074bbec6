#pragma once
// What a learner has learned: every graded answer kept as a review (append-only, like steps),
// the spaced-repetition card each answered question becomes, and the exam dates a learner set.
// A learner is the visitor's session id.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/learning.hpp"

namespace certhub {

// One graded answer: a review of its question's card.
struct ReviewRow {
  std::string question_id;
  std::string certification;
  std::string domain;
  bool correct = false;
  std::int64_t at = 0;     // unix seconds
  std::string attempt_id;  // empty: a drill answer given outside an attempt (the API)
  int slot = 0;            // with attempt_id: at most one review per attempt slot
};

// A learner's answers in one domain on one UTC day: what readiness reads (kept up to date with
// each review, so a long history is a few hundred rows rather than every answer).
struct ReviewDay {
  std::string domain;
  long day = 0;  // day number (core/date.hpp)
  int correct = 0;
  int total = 0;
};

// A question's card: its scheduling state after its latest review.
struct CardRow {
  std::string question_id;
  std::string certification;
  std::string domain;
  CardState state;
};

// A card's state after `review`: `previous` is empty for a new card; `exam_day` is the learner's
// exam date for the card's certification, if set. Pure (core/learning.hpp's review_card); the
// store only keeps what it returns.
using CardScheduler =
    std::function<CardState(const std::optional<CardState>& previous, const ReviewRow& review,
                            std::optional<long> exam_day)>;

// The scheduler every caller uses: FSRS, capped by the exam date.
inline CardState schedule_with_fsrs(const std::optional<CardState>& previous,
                                    const ReviewRow& review, std::optional<long> exam_day) {
  return review_card(previous, review.correct, review.at, exam_day);
}

struct DueCount {
  std::string certification;
  std::string domain;
  int due = 0;
};

struct ExamDay {
  std::string certification;
  long day = 0;
};

class LearningStore {
 public:
  virtual ~LearningStore() = default;

  // Records reviews in the order given and updates their cards, all in one transaction. A
  // review of an attempt slot that is already recorded is skipped, so an attempt graded twice
  // (or by two app servers) counts once. With `expected_reps` (one drill answer), the card must
  // have exactly that many reviews, or nothing is recorded: an answer from a stale tab. Returns
  // the cards as updated by this call.
  virtual std::vector<CardRow> record_reviews(const std::string& learner,
                                              const std::vector<ReviewRow>& reviews,
                                              const CardScheduler& schedule,
                                              std::optional<int> expected_reps = std::nullopt) = 0;
  // The learner's answers to a certification per domain and day, from `since_day` on.
  virtual std::vector<ReviewDay> review_days(const std::string& learner,
                                             const std::string& certification, long since_day) = 0;
  // The reviews recorded in the learner's latest `attempts` attempts of a certification, oldest
  // first.
  virtual std::vector<ReviewRow> reviews_of_latest_attempts(const std::string& learner,
                                                            const std::string& certification,
                                                            int attempts) = 0;
  virtual std::optional<CardRow> card(const std::string& learner,
                                      const std::string& question_id) = 0;
  // Cards of a certification (in `domain`, or all when it is empty) due on or before `day`,
  // most overdue first.
  virtual std::vector<CardRow> due_cards(const std::string& learner,
                                         const std::string& certification,
                                         const std::string& domain, long day, int limit) = 0;
  // Cards due on or before `day`, counted per certification and domain.
  virtual std::vector<DueCount> due_counts(const std::string& learner, long day) = 0;
  // Cards of a certification due before `day` (for an exam-date plan), and all its cards.
  struct CardCounts {
    int due_before = 0;
    int total = 0;
  };
  virtual CardCounts card_counts(const std::string& learner, const std::string& certification,
                                 long before_day) = 0;

  virtual std::vector<ExamDay> exam_days(const std::string& learner) = 0;
  // Everything, for the learner's export: every card, every review in the order given.
  virtual std::vector<CardRow> cards_of(const std::string& learner) = 0;
  virtual std::vector<ReviewRow> reviews_of(const std::string& learner) = 0;
  // Sets (or, with nullopt, clears) the learner's exam day for a certification. With a day,
  // every card of that certification due after `latest_due` is moved to it, so no interval
  // jumps past the exam.
  virtual void set_exam_day(const std::string& learner, const std::string& certification,
                            std::optional<long> day, long latest_due) = 0;
};

}  // namespace certhub
