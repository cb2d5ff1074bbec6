#include "store/learner_data.hpp"

#include <array>

namespace certhub {

std::span<const LearnerStatement> join_learner_statements() {
  static constexpr std::array kJoin{
      // A running mock exam of a route the receiver is already sitting stays behind.
      LearnerStatement{"join_attempts",
                       "UPDATE attempts SET session_id = $2 WHERE session_id = $1 AND NOT ("
                       "mode = 'mock' AND finished_at IS NULL AND EXISTS (SELECT 1 FROM attempts o "
                       "WHERE o.session_id = $2 AND o.certification = attempts.certification AND "
                       "o.mode = 'mock' AND o.finished_at IS NULL))",
                       2},
      LearnerStatement{"join_reviews", "UPDATE reviews SET learner = $2 WHERE learner = $1", 2},
      LearnerStatement{
          "join_review_days",
          "INSERT INTO review_days (learner, certification, day, domain, correct, total) "
          "SELECT CAST($2 AS TEXT), certification, day, domain, correct, total FROM review_days "
          "WHERE learner = $1 ON CONFLICT (learner, certification, day, domain) DO UPDATE SET "
          "correct = review_days.correct + excluded.correct, "
          "total = review_days.total + excluded.total",
          2},
      LearnerStatement{"join_review_days_done", "DELETE FROM review_days WHERE learner = $1", 1},
      LearnerStatement{
          "join_cards",
          "INSERT INTO cards (learner, question_id, certification, domain, stability, difficulty, "
          "reps, lapses, last_at, due_day) SELECT CAST($2 AS TEXT), question_id, certification, "
          "domain, stability, difficulty, reps, lapses, last_at, due_day FROM cards "
          "WHERE learner = $1 ON CONFLICT (learner, question_id) DO UPDATE SET "
          "certification = excluded.certification, domain = excluded.domain, "
          "stability = excluded.stability, difficulty = excluded.difficulty, "
          "reps = excluded.reps, lapses = excluded.lapses, last_at = excluded.last_at, "
          "due_day = excluded.due_day WHERE excluded.last_at > cards.last_at",
          2},
      LearnerStatement{"join_cards_done", "DELETE FROM cards WHERE learner = $1", 1},
      LearnerStatement{"join_exam_dates",
                       "INSERT INTO exam_dates (learner, certification, exam_day) "
                       "SELECT CAST($2 AS TEXT), certification, exam_day FROM exam_dates "
                       "WHERE learner = $1 ON CONFLICT DO NOTHING",
                       2},
      LearnerStatement{"join_exam_dates_done", "DELETE FROM exam_dates WHERE learner = $1", 1},
      // One visitor counts once per route: a request both made stays the receiver's.
      LearnerStatement{"join_requests",
                       "UPDATE update_requests SET session_id = $2 WHERE session_id = $1 AND "
                       "NOT EXISTS (SELECT 1 FROM update_requests o WHERE o.session_id = $2 AND "
                       "o.certification = update_requests.certification)",
                       2},
      LearnerStatement{"join_requests_outbox",
                       "DELETE FROM outbox WHERE request_id IN (SELECT id FROM update_requests "
                       "WHERE session_id = $1 AND session_id <> '')",
                       1},
      LearnerStatement{"join_requests_done",
                       "DELETE FROM update_requests WHERE session_id = $1 AND session_id <> ''", 1},
      // One open report per learner and question: where both have one, the receiver's stays.
      LearnerStatement{"join_reports",
                       "UPDATE question_reports SET learner = $2 WHERE learner = $1 AND NOT ("
                       "open = 1 AND EXISTS (SELECT 1 FROM question_reports o WHERE o.learner = "
                       "$2 AND o.question_id = question_reports.question_id AND o.open = 1))",
                       2},
      LearnerStatement{"join_reports_done", "DELETE FROM question_reports WHERE learner = $1", 1},
  };
  return kJoin;
}

std::span<const LearnerStatement> delete_learner_statements() {
  static constexpr std::array kDelete{
      LearnerStatement{"delete_steps",
                       "DELETE FROM steps WHERE attempt_id IN "
                       "(SELECT id FROM attempts WHERE session_id = $1)",
                       1},
      LearnerStatement{"delete_reviews", "DELETE FROM reviews WHERE learner = $1", 1},
      LearnerStatement{"delete_attempts", "DELETE FROM attempts WHERE session_id = $1", 1},
      LearnerStatement{"delete_review_days", "DELETE FROM review_days WHERE learner = $1", 1},
      LearnerStatement{"delete_cards", "DELETE FROM cards WHERE learner = $1", 1},
      LearnerStatement{"delete_exam_dates", "DELETE FROM exam_dates WHERE learner = $1", 1},
      LearnerStatement{"delete_outbox",
                       "DELETE FROM outbox WHERE request_id IN (SELECT id FROM update_requests "
                       "WHERE session_id = $1 AND session_id <> '')",
                       1},
      LearnerStatement{"delete_requests",
                       "DELETE FROM update_requests WHERE session_id = $1 AND session_id <> ''", 1},
      LearnerStatement{"delete_reports", "DELETE FROM question_reports WHERE learner = $1", 1},
  };
  return kDelete;
}

}  // namespace certhub
