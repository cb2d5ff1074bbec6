// Reviews, cards and exam dates on PostgreSQL.
#include "core/date.hpp"
#include "store/postgres/db.hpp"

namespace certhub::postgres {
namespace {

#define CERTHUB_SELECT_CARD                                                                   \
  "SELECT question_id, certification, domain, stability, difficulty, reps, lapses, last_at, " \
  "due_day FROM cards"
#define CERTHUB_SELECT_REVIEW                                                          \
  "SELECT question_id, certification, domain, correct, at, coalesce(attempt_id, ''), " \
  "coalesce(slot, 0) FROM reviews"
// A learner's reviews are recorded one transaction at a time across app servers, so a card is
// never computed from a state another server is replacing.
constexpr Sql kLockLearner{"learner_lock", "SELECT pg_advisory_xact_lock(hashtext($1))"};
constexpr Sql kCard{"card", CERTHUB_SELECT_CARD " WHERE learner = $1 AND question_id = $2"};
constexpr Sql kReviewInsert{
    "review_insert",
    "INSERT INTO reviews (learner, question_id, certification, domain, correct, at, attempt_id, "
    "slot) VALUES ($1, $2, $3, $4, $5, $6, nullif($7, ''), $8) ON CONFLICT DO NOTHING"};
constexpr Sql kExamDay{"exam_day",
                       "SELECT exam_day FROM exam_dates WHERE learner = $1 AND certification = $2"};
constexpr Sql kCardSave{
    "card_save",
    "INSERT INTO cards (learner, question_id, certification, domain, stability, difficulty, reps, "
    "lapses, last_at, due_day) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "ON CONFLICT (learner, question_id) DO UPDATE SET certification = excluded.certification, "
    "domain = excluded.domain, stability = excluded.stability, difficulty = excluded.difficulty, "
    "reps = excluded.reps, lapses = excluded.lapses, last_at = excluded.last_at, "
    "due_day = excluded.due_day"};
constexpr Sql kTally{
    "review_tally",
    "INSERT INTO review_days (learner, certification, day, domain, correct, total) VALUES ($1, "
    "$2, $3, $4, $5, 1) ON CONFLICT (learner, certification, day, domain) DO UPDATE SET correct "
    "= review_days.correct + excluded.correct, total = review_days.total + 1"};
constexpr Sql kReviewDays{"review_days",
                          "SELECT domain, day, correct, total FROM review_days WHERE learner = $1 "
                          "AND certification = $2 AND day >= $3"};
constexpr Sql kLatestAttemptReviews{
    "latest_attempt_reviews", CERTHUB_SELECT_REVIEW
    " WHERE attempt_id IN (SELECT id FROM attempts WHERE session_id = $1 AND certification = $2 "
    "ORDER BY started_at DESC, rowid DESC LIMIT $3) AND learner = $1 ORDER BY at, id"};
constexpr Sql kDueCards{"due_cards", CERTHUB_SELECT_CARD
                        " WHERE learner = $1 AND certification = $2 AND due_day <= $3 "
                        "AND ($5 = '' OR domain = $5) ORDER BY due_day, last_at LIMIT $4"};
constexpr Sql kDueCounts{
    "due_counts",
    "SELECT certification, domain, count(*) FROM cards WHERE learner = $1 AND due_day <= $2 "
    "GROUP BY certification, domain ORDER BY certification, domain"};
constexpr Sql kCardCounts{"card_counts",
                          "SELECT count(*) FILTER (WHERE due_day < $3), count(*) FROM cards "
                          "WHERE learner = $1 AND certification = $2"};
constexpr Sql kExamDays{
    "exam_days",
    "SELECT certification, exam_day FROM exam_dates WHERE learner = $1 ORDER BY certification"};
constexpr Sql kExamDayClear{"exam_day_clear",
                            "DELETE FROM exam_dates WHERE learner = $1 AND certification = $2"};
constexpr Sql kExamDaySet{
    "exam_day_set",
    "INSERT INTO exam_dates (learner, certification, exam_day) VALUES ($1, $2, $3) "
    "ON CONFLICT (learner, certification) DO UPDATE SET exam_day = excluded.exam_day"};
constexpr Sql kPullIn{"cards_pull_in",
                      "UPDATE cards SET due_day = $3 WHERE learner = $1 AND certification = $2 "
                      "AND due_day > $3"};
constexpr Sql kCardsOf{"cards_of", CERTHUB_SELECT_CARD " WHERE learner = $1 ORDER BY question_id"};
#undef CERTHUB_SELECT_CARD
constexpr Sql kReviewsOf{"reviews_of", CERTHUB_SELECT_REVIEW " WHERE learner = $1 ORDER BY id"};
#undef CERTHUB_SELECT_REVIEW

CardRow card_from(const Result& r, int row) {
  return {r.text(row, 0), r.text(row, 1), r.text(row, 2),
          CardState{r.real(row, 3), r.real(row, 4), static_cast<int>(r.int64(row, 5)),
                    static_cast<int>(r.int64(row, 6)), r.int64(row, 7),
                    static_cast<long>(r.int64(row, 8))}};
}

std::vector<ReviewRow> reviews_from(const Result& r) {
  std::vector<ReviewRow> out;
  out.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.boolean(i, 3), r.int64(i, 4),
                   r.text(i, 5), static_cast<int>(r.int64(i, 6))});
  return out;
}

class Learning final : public Area<LearningStore, Db> {
 public:
  using Area::Area;

  std::vector<CardRow> record_reviews(const std::string& learner,
                                      const std::vector<ReviewRow>& reviews,
                                      const CardScheduler& schedule,
                                      std::optional<int> expected_reps) override {
    std::vector<CardRow> updated;
    if (reviews.empty()) return updated;
    auto conn = db_.lease();
    transaction(*conn, [&] {
      conn->run(kLockLearner, {learner});
      for (const auto& review : reviews) {
        auto found = conn->run(kCard, {learner, review.question_id});
        std::optional<CardRow> previous;
        if (found.rows() == 1) previous = card_from(found, 0);
        if (expected_reps && (previous ? previous->state.reps : 0) != *expected_reps) return;
        auto inserted = conn->run(
            kReviewInsert, {learner, review.question_id, review.certification, review.domain,
                            review.correct ? 1 : 0, review.at, review.attempt_id, review.slot});
        if (inserted.affected() != 1) continue;  // this attempt slot was recorded before
        conn->run(kTally, {learner, review.certification, std::int64_t{day_number(review.at)},
                           review.domain, review.correct ? 1 : 0});
        std::optional<long> exam_day;
        auto exam = conn->run(kExamDay, {learner, review.certification});
        if (exam.rows() == 1) exam_day = static_cast<long>(exam.int64(0, 0));
        CardRow card{
            review.question_id, review.certification, review.domain,
            schedule(previous ? std::optional(previous->state) : std::nullopt, review, exam_day)};
        const auto& st = card.state;
        conn->run(kCardSave,
                  {learner, card.question_id, card.certification, card.domain, st.stability,
                   st.difficulty, st.reps, st.lapses, st.last_at, std::int64_t{st.due_day}});
        updated.push_back(std::move(card));
      }
    });
    return updated;
  }

  std::vector<ReviewDay> review_days(const std::string& learner, const std::string& certification,
                                     long since_day) override {
    auto conn = db_.lease();
    auto r = conn->run(kReviewDays, {learner, certification, std::int64_t{since_day}});
    std::vector<ReviewDay> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), static_cast<long>(r.int64(i, 1)),
                     static_cast<int>(r.int64(i, 2)), static_cast<int>(r.int64(i, 3))});
    return out;
  }

  std::vector<ReviewRow> reviews_of_latest_attempts(const std::string& learner,
                                                    const std::string& certification,
                                                    int attempts) override {
    auto conn = db_.lease();
    return reviews_from(conn->run(kLatestAttemptReviews, {learner, certification, attempts}));
  }

  std::optional<CardRow> card(const std::string& learner, const std::string& question_id) override {
    auto conn = db_.lease();
    auto r = conn->run(kCard, {learner, question_id});
    if (r.rows() == 0) return std::nullopt;
    return card_from(r, 0);
  }

  std::vector<CardRow> due_cards(const std::string& learner, const std::string& certification,
                                 const std::string& domain, long day, int limit) override {
    auto conn = db_.lease();
    auto r = conn->run(kDueCards, {learner, certification, std::int64_t{day}, limit, domain});
    std::vector<CardRow> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(card_from(r, i));
    return out;
  }

  std::vector<DueCount> due_counts(const std::string& learner, long day) override {
    auto conn = db_.lease();
    auto r = conn->run(kDueCounts, {learner, std::int64_t{day}});
    std::vector<DueCount> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), r.text(i, 1), static_cast<int>(r.int64(i, 2))});
    return out;
  }

  CardCounts card_counts(const std::string& learner, const std::string& certification,
                         long before_day) override {
    auto conn = db_.lease();
    auto r = conn->run(kCardCounts, {learner, certification, std::int64_t{before_day}});
    return {static_cast<int>(r.int64(0, 0)), static_cast<int>(r.int64(0, 1))};
  }

  std::vector<CardRow> cards_of(const std::string& learner) override {
    auto conn = db_.lease();
    auto r = conn->run(kCardsOf, {learner});
    std::vector<CardRow> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(card_from(r, i));
    return out;
  }

  std::vector<ReviewRow> reviews_of(const std::string& learner) override {
    auto conn = db_.lease();
    return reviews_from(conn->run(kReviewsOf, {learner}));
  }

  std::vector<ExamDay> exam_days(const std::string& learner) override {
    auto conn = db_.lease();
    auto r = conn->run(kExamDays, {learner});
    std::vector<ExamDay> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), static_cast<long>(r.int64(i, 1))});
    return out;
  }

  void set_exam_day(const std::string& learner, const std::string& certification,
                    std::optional<long> day, long latest_due) override {
    auto conn = db_.lease();
    transaction(*conn, [&] {
      conn->run(kLockLearner, {learner});
      if (!day) {
        conn->run(kExamDayClear, {learner, certification});
        return;
      }
      conn->run(kExamDaySet, {learner, certification, std::int64_t{*day}});
      conn->run(kPullIn, {learner, certification, std::int64_t{latest_due}});
    });
  }
};

}  // namespace

std::unique_ptr<LearningStore> make_learning_store(Db& db) {
  return std::make_unique<Learning>(db);
}

}  // namespace certhub::postgres
