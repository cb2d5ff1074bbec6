// Reviews, cards and exam dates on SQLite.
#include "core/date.hpp"
#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

#define kSelectCard                                                                           \
  "SELECT question_id, certification, domain, stability, difficulty, reps, lapses, last_at, " \
  "due_day FROM cards"
#define kSelectReview                                                                  \
  "SELECT question_id, certification, domain, correct, at, coalesce(attempt_id, ''), " \
  "coalesce(slot, 0) FROM reviews"

CardRow card_from(sqlite3_stmt* stmt) {
  return {
      column_text(stmt, 0), column_text(stmt, 1), column_text(stmt, 2),
      CardState{sqlite3_column_double(stmt, 3), sqlite3_column_double(stmt, 4),
                sqlite3_column_int(stmt, 5), sqlite3_column_int(stmt, 6),
                sqlite3_column_int64(stmt, 7), static_cast<long>(sqlite3_column_int64(stmt, 8))}};
}

ReviewRow review_from(sqlite3_stmt* stmt) {
  return {column_text(stmt, 0),          column_text(stmt, 1),
          column_text(stmt, 2),          sqlite3_column_int(stmt, 3) != 0,
          sqlite3_column_int64(stmt, 4), column_text(stmt, 5),
          sqlite3_column_int(stmt, 6)};
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
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    conn->transaction([&] {
      for (const auto& review : reviews) {
        auto previous = find_card(*conn, learner, review.question_id);
        if (expected_reps && (previous ? previous->state.reps : 0) != *expected_reps) return;
        auto insert = conn->prepare(
            "INSERT INTO reviews (learner, question_id, certification, domain, correct, at, "
            "attempt_id, slot) VALUES (?, ?, ?, ?, ?, ?, nullif(?, ''), ?) ON CONFLICT DO NOTHING");
        bind_arg(insert, 1, learner);
        bind_arg(insert, 2, review.question_id);
        bind_arg(insert, 3, review.certification);
        bind_arg(insert, 4, review.domain);
        bind_arg(insert, 5, std::int64_t{review.correct ? 1 : 0});
        bind_arg(insert, 6, review.at);
        bind_arg(insert, 7, review.attempt_id);
        bind_arg(insert, 8, std::int64_t{review.slot});
        conn->step(insert);
        if (conn->changes() != 1) continue;  // this attempt slot was recorded before
        auto tally = conn->prepare(
            "INSERT INTO review_days (learner, certification, day, domain, correct, total) "
            "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (learner, certification, day, domain) DO "
            "UPDATE SET correct = review_days.correct + excluded.correct, total = "
            "review_days.total + 1");
        bind_arg(tally, 1, learner);
        bind_arg(tally, 2, review.certification);
        bind_arg(tally, 3, std::int64_t{day_number(review.at)});
        bind_arg(tally, 4, review.domain);
        bind_arg(tally, 5, std::int64_t{review.correct ? 1 : 0});
        conn->step(tally);
        CardRow card{review.question_id, review.certification, review.domain,
                     schedule(previous ? std::optional(previous->state) : std::nullopt, review,
                              exam_day(*conn, learner, review.certification))};
        save_card(*conn, learner, card);
        updated.push_back(std::move(card));
      }
    });
    if (!updated.empty()) db_.wrote();
    return updated;
  }

  std::vector<ReviewDay> review_days(const std::string& learner, const std::string& certification,
                                     long since_day) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT domain, day, correct, total FROM review_days WHERE learner = ? AND "
        "certification = ? AND day >= ?");
    bind_arg(stmt, 1, learner);
    bind_arg(stmt, 2, certification);
    bind_arg(stmt, 3, std::int64_t{since_day});
    std::vector<ReviewDay> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({column_text(stmt, 0), static_cast<long>(sqlite3_column_int64(stmt, 1)),
                     sqlite3_column_int(stmt, 2), sqlite3_column_int(stmt, 3)});
    return out;
  }

  std::vector<ReviewRow> reviews_of_latest_attempts(const std::string& learner,
                                                    const std::string& certification,
                                                    int attempts) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        kSelectReview
        " WHERE attempt_id IN (SELECT id FROM attempts WHERE session_id = ?1 AND certification = "
        "?2 ORDER BY started_at DESC, rowid DESC LIMIT ?3) AND learner = ?1 ORDER BY at, id");
    bind_arg(stmt, 1, learner);
    bind_arg(stmt, 2, certification);
    bind_arg(stmt, 3, std::int64_t{attempts});
    std::vector<ReviewRow> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(review_from(stmt));
    return out;
  }

  std::optional<CardRow> card(const std::string& learner, const std::string& question_id) override {
    auto conn = db_.lease();
    return find_card(*conn, learner, question_id);
  }

  std::vector<CardRow> due_cards(const std::string& learner, const std::string& certification,
                                 const std::string& domain, long day, int limit) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectCard
                              " WHERE learner = ?1 AND certification = ?2 AND due_day <= ?3 "
                              "AND (?5 = '' OR domain = ?5) ORDER BY due_day, last_at LIMIT ?4");
    bind_arg(stmt, 1, learner);
    bind_arg(stmt, 2, certification);
    bind_arg(stmt, 3, std::int64_t{day});
    bind_arg(stmt, 4, std::int64_t{limit});
    bind_arg(stmt, 5, domain);
    std::vector<CardRow> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(card_from(stmt));
    return out;
  }

  std::vector<DueCount> due_counts(const std::string& learner, long day) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT certification, domain, count(*) FROM cards WHERE learner = ? AND due_day <= ? "
        "GROUP BY certification, domain ORDER BY certification, domain");
    bind_arg(stmt, 1, learner);
    bind_arg(stmt, 2, std::int64_t{day});
    std::vector<DueCount> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({column_text(stmt, 0), column_text(stmt, 1), sqlite3_column_int(stmt, 2)});
    return out;
  }

  CardCounts card_counts(const std::string& learner, const std::string& certification,
                         long before_day) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT coalesce(sum(due_day < ?), 0), count(*) FROM cards WHERE learner = ? AND "
        "certification = ?");
    bind_arg(stmt, 1, std::int64_t{before_day});
    bind_arg(stmt, 2, learner);
    bind_arg(stmt, 3, certification);
    conn->step(stmt);
    return {sqlite3_column_int(stmt, 0), sqlite3_column_int(stmt, 1)};
  }

  std::vector<CardRow> cards_of(const std::string& learner) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectCard " WHERE learner = ? ORDER BY question_id");
    bind_arg(stmt, 1, learner);
    std::vector<CardRow> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(card_from(stmt));
    return out;
  }

  std::vector<ReviewRow> reviews_of(const std::string& learner) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectReview " WHERE learner = ? ORDER BY id");
    bind_arg(stmt, 1, learner);
    std::vector<ReviewRow> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(review_from(stmt));
    return out;
  }

  std::vector<ExamDay> exam_days(const std::string& learner) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT certification, exam_day FROM exam_dates WHERE learner = ? ORDER BY certification");
    bind_arg(stmt, 1, learner);
    std::vector<ExamDay> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({column_text(stmt, 0), static_cast<long>(sqlite3_column_int64(stmt, 1))});
    return out;
  }

  void set_exam_day(const std::string& learner, const std::string& certification,
                    std::optional<long> day, long latest_due) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    conn->transaction([&] {
      if (!day) {
        auto clear =
            conn->prepare("DELETE FROM exam_dates WHERE learner = ? AND certification = ?");
        bind_arg(clear, 1, learner);
        bind_arg(clear, 2, certification);
        conn->step(clear);
        return;
      }
      auto set = conn->prepare(
          "INSERT INTO exam_dates (learner, certification, exam_day) VALUES (?, ?, ?) "
          "ON CONFLICT (learner, certification) DO UPDATE SET exam_day = excluded.exam_day");
      bind_arg(set, 1, learner);
      bind_arg(set, 2, certification);
      bind_arg(set, 3, std::int64_t{*day});
      conn->step(set);
      auto pull_in = conn->prepare(
          "UPDATE cards SET due_day = ? WHERE learner = ? AND certification = ? AND due_day > ?");
      bind_arg(pull_in, 1, std::int64_t{latest_due});
      bind_arg(pull_in, 2, learner);
      bind_arg(pull_in, 3, certification);
      bind_arg(pull_in, 4, std::int64_t{latest_due});
      conn->step(pull_in);
    });
    db_.wrote();
  }

 private:
  static std::optional<CardRow> find_card(Connection& conn, const std::string& learner,
                                          const std::string& question_id) {
    auto stmt = conn.prepare(kSelectCard " WHERE learner = ? AND question_id = ?");
    bind_arg(stmt, 1, learner);
    bind_arg(stmt, 2, question_id);
    if (conn.step(stmt) != SQLITE_ROW) return std::nullopt;
    return card_from(stmt);
  }

  static std::optional<long> exam_day(Connection& conn, const std::string& learner,
                                      const std::string& certification) {
    auto stmt =
        conn.prepare("SELECT exam_day FROM exam_dates WHERE learner = ? AND certification = ?");
    bind_arg(stmt, 1, learner);
    bind_arg(stmt, 2, certification);
    if (conn.step(stmt) != SQLITE_ROW) return std::nullopt;
    return static_cast<long>(sqlite3_column_int64(stmt, 0));
  }

  static void save_card(Connection& conn, const std::string& learner, const CardRow& card) {
    auto stmt = conn.prepare(
        "INSERT INTO cards (learner, question_id, certification, domain, stability, difficulty, "
        "reps, lapses, last_at, due_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (learner, question_id) DO UPDATE SET certification = excluded.certification, "
        "domain = excluded.domain, stability = excluded.stability, difficulty = "
        "excluded.difficulty, reps = excluded.reps, lapses = excluded.lapses, last_at = "
        "excluded.last_at, due_day = excluded.due_day");
    bind_arg(stmt, 1, learner);
    bind_arg(stmt, 2, card.question_id);
    bind_arg(stmt, 3, card.certification);
    bind_arg(stmt, 4, card.domain);
    bind_arg(stmt, 5, card.state.stability);
    bind_arg(stmt, 6, card.state.difficulty);
    bind_arg(stmt, 7, std::int64_t{card.state.reps});
    bind_arg(stmt, 8, std::int64_t{card.state.lapses});
    bind_arg(stmt, 9, card.state.last_at);
    bind_arg(stmt, 10, std::int64_t{card.state.due_day});
    conn.step(stmt);
  }
};

}  // namespace

std::unique_ptr<LearningStore> make_learning_store(Db& db) {
  return std::make_unique<Learning>(db);
}

}  // namespace certhub::sqlite
