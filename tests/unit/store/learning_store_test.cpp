// The learning store on a real SQLite file: reviews are recorded once per attempt slot, a stale
// drill answer records nothing, due cards come most overdue first, an exam date pulls cards in,
// and one learner's cards are never another's. (The integration suite runs the same behaviour
// over HTTP on PostgreSQL too.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.hpp"

namespace certhub {
namespace {

namespace fs = std::filesystem;

// A scheduler the test can read: due `reps` days after the review day, capped by the exam.
CardState counting(const std::optional<CardState>& previous, const ReviewRow& review,
                   std::optional<long> exam_day) {
  CardState s;
  s.reps = previous ? previous->reps + 1 : 1;
  s.last_at = review.at;
  s.stability = s.reps;
  s.due_day = review.correct ? review.at / 86400 + s.reps : review.at / 86400 + 1;
  if (exam_day) s.due_day = std::min(s.due_day, *exam_day - 1);
  return s;
}

class LearningStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = fs::temp_directory_path() / ("certhub-unit-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    path_ = dir / "learning.db";
    for (const char* suffix : {"", "-wal", "-shm", "-server.lock"})
      fs::remove(path_.string() + suffix);
    store_ = open_store(path_.string());
    store_->migrate();
  }
  LearningStore& learning() { return store_->learning(); }
  static ReviewRow review(const std::string& q, bool correct, std::int64_t day,
                          const std::string& attempt = "", int slot = 0) {
    return {
        q,       "csm", q.substr(0, 1) == "e" ? "events" : "artifacts", correct, day * 86400 + 3600,
        attempt, slot};
  }
  void attempt(const std::string& id, const std::string& learner, std::int64_t started) {
    AttemptRow row;
    row.id = id;
    row.session_id = learner;
    row.certification = "csm";
    row.mode = "training";
    row.content_version = "v";
    row.slots = "[]";
    row.started_at = started;
    ASSERT_TRUE(store_->attempts().create_attempt(row));
  }
  fs::path path_;
  std::unique_ptr<Store> store_;
};

TEST_F(LearningStoreTest, AnAttemptSlotIsReviewedOnceHoweverOftenItIsGraded) {
  attempt("a1", "ann", 100);
  std::vector<ReviewRow> graded{review("e1", true, 10, "a1", 0), review("x1", false, 10, "a1", 1)};
  EXPECT_EQ(learning().record_reviews("ann", graded, counting).size(), 2u);
  EXPECT_TRUE(learning().record_reviews("ann", graded, counting).empty());  // graded again
  EXPECT_EQ(learning().card("ann", "e1")->state.reps, 1);
  // The daily tallies readiness reads count each slot once too.
  auto days = learning().review_days("ann", "csm", 0);
  ASSERT_EQ(days.size(), 2u);
  for (const auto& d : days) {
    EXPECT_EQ(d.day, 10);
    EXPECT_EQ(d.total, 1);
    EXPECT_EQ(d.correct, d.domain == "events" ? 1 : 0);
  }
}

TEST_F(LearningStoreTest, StaleDrillAnswerRecordsNothing) {
  ASSERT_EQ(learning().record_reviews("ann", {review("e1", true, 10)}, counting, 0).size(), 1u);
  EXPECT_TRUE(learning().record_reviews("ann", {review("e1", false, 10)}, counting, 0).empty());
  auto card = learning().card("ann", "e1");
  EXPECT_EQ(card->state.reps, 1);
  EXPECT_EQ(card->state.due_day, 11);  // still the right answer's schedule
  auto days = learning().review_days("ann", "csm", 0);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].total, 1);
  EXPECT_EQ(days[0].correct, 1);
  EXPECT_EQ(learning().record_reviews("ann", {review("e1", true, 11)}, counting, 1).size(), 1u);
  EXPECT_EQ(learning().card("ann", "e1")->state.due_day, 13);
}

TEST_F(LearningStoreTest, DueCardsComeMostOverdueFirstAndAreCountedPerDomain) {
  learning().record_reviews("ann", {review("e1", true, 10)}, counting);   // due 11
  learning().record_reviews("ann", {review("e2", false, 8)}, counting);   // due 9
  learning().record_reviews("ann", {review("x1", false, 11)}, counting);  // due 12
  auto due = learning().due_cards("ann", "csm", "", 11, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].question_id, "e2");
  EXPECT_EQ(due[1].question_id, "e1");
  EXPECT_EQ(learning().due_cards("ann", "csm", "", 11, 1).size(), 1u);
  auto counts = learning().due_counts("ann", 12);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].domain, "artifacts");
  EXPECT_EQ(counts[0].due, 1);
  EXPECT_EQ(counts[1].domain, "events");
  EXPECT_EQ(counts[1].due, 2);
  auto totals = learning().card_counts("ann", "csm", 12);
  EXPECT_EQ(totals.due_before, 2);
  EXPECT_EQ(totals.total, 3);
}

TEST_F(LearningStoreTest, ADomainsDueCardsAreFoundBehindManyMoreOverdueOnes) {
  // 300 long-overdue artifacts cards, then one events card due today: a drill of events finds
  // it, however many cards of other domains come first.
  std::vector<ReviewRow> old;
  for (int i = 0; i < 300; ++i) old.push_back(review("x" + std::to_string(i), false, 1));
  learning().record_reviews("ann", old, counting);                        // due on day 2
  learning().record_reviews("ann", {review("e1", false, 10)}, counting);  // due on day 11
  auto events = learning().due_cards("ann", "csm", "events", 11, 20);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].question_id, "e1");
  EXPECT_EQ(learning().due_cards("ann", "csm", "artifacts", 11, 20).size(), 20u);
  EXPECT_EQ(learning().due_cards("ann", "csm", "", 11, 400).size(), 301u);
}

TEST_F(LearningStoreTest, AnExamDatePullsLaterCardsInAndCapsNewReviews) {
  learning().record_reviews("ann", {review("e1", true, 10)}, counting);
  learning().record_reviews("ann", {review("e1", true, 11)}, counting);   // due 13
  learning().record_reviews("ann", {review("e2", false, 10)}, counting);  // due 11
  learning().set_exam_day("ann", "csm", 12, 11);
  EXPECT_EQ(learning().card("ann", "e1")->state.due_day, 11);
  EXPECT_EQ(learning().card("ann", "e2")->state.due_day, 11);
  ASSERT_EQ(learning().exam_days("ann").size(), 1u);
  EXPECT_EQ(learning().exam_days("ann")[0].day, 12);
  // The scheduler is told the exam day.
  learning().record_reviews("ann", {review("e1", true, 11)}, counting);
  EXPECT_EQ(learning().card("ann", "e1")->state.due_day, 11);
  learning().set_exam_day("ann", "csm", std::nullopt, 0);
  EXPECT_TRUE(learning().exam_days("ann").empty());
}

TEST_F(LearningStoreTest, ReviewsAreTalliedPerDomainAndDay) {
  learning().record_reviews("ann", {review("e1", true, 10), review("e2", false, 10)}, counting);
  learning().record_reviews("ann", {review("e3", true, 10), review("x1", true, 12)}, counting);
  auto days = learning().review_days("ann", "csm", 0);
  ASSERT_EQ(days.size(), 2u);
  for (const auto& d : days) {
    if (d.domain == "events") {
      EXPECT_EQ(d.day, 10);
      EXPECT_EQ(d.total, 3);
      EXPECT_EQ(d.correct, 2);
    } else {
      EXPECT_EQ(d.day, 12);
      EXPECT_EQ(d.total, 1);
    }
  }
  EXPECT_EQ(learning().review_days("ann", "csm", 11).size(), 1u);  // from day 11 on
  EXPECT_TRUE(learning().review_days("ann", "psm-i", 0).empty());
}

TEST_F(LearningStoreTest, ReviewsOfTheLatestAttemptsOnly) {
  attempt("old", "ann", 100);
  attempt("new", "ann", 200);
  learning().record_reviews("ann", {review("e1", false, 10, "old", 0)}, counting);
  learning().record_reviews("ann", {review("e2", false, 11, "new", 0)}, counting);
  learning().record_reviews("ann", {review("e3", false, 11)}, counting);  // a drill answer
  auto latest = learning().reviews_of_latest_attempts("ann", "csm", 1);
  ASSERT_EQ(latest.size(), 1u);
  EXPECT_EQ(latest[0].question_id, "e2");
  EXPECT_EQ(learning().reviews_of_latest_attempts("ann", "csm", 2).size(), 2u);
}

TEST_F(LearningStoreTest, OneLearnersCardsAreNeverAnothers) {
  attempt("a1", "ann", 100);
  learning().record_reviews("ann", {review("e1", false, 10, "a1", 0)}, counting);
  learning().set_exam_day("ann", "csm", 20, 19);
  EXPECT_FALSE(learning().card("bob", "e1"));
  EXPECT_TRUE(learning().due_cards("bob", "csm", "", 100, 10).empty());
  EXPECT_TRUE(learning().due_counts("bob", 100).empty());
  EXPECT_TRUE(learning().review_days("bob", "csm", 0).empty());
  EXPECT_TRUE(learning().reviews_of_latest_attempts("bob", "csm", 5).empty());
  EXPECT_TRUE(learning().exam_days("bob").empty());
  EXPECT_EQ(learning().card_counts("bob", "csm", 100).total, 0);
  // Bob's own review of the same question is his own card.
  learning().record_reviews("bob", {review("e1", true, 10)}, counting, 0);
  EXPECT_EQ(learning().card("ann", "e1")->state.reps, 1);
  EXPECT_EQ(learning().card("bob", "e1")->state.reps, 1);
}

}  // namespace
}  // namespace certhub
