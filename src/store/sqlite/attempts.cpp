// Attempts and steps on SQLite.
#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

#define kSelectAttempt                                                                             \
  "SELECT id, session_id, certification, mode, domain, content_version, seed, slots, started_at, " \
  "deadline, finished_at, abandoned, score_correct, score_answered, score_total, score_passed "    \
  "FROM attempts"

AttemptRow attempt_from(sqlite3_stmt* stmt) {
  AttemptRow row{column_text(stmt, 0),
                 column_text(stmt, 1),
                 column_text(stmt, 2),
                 column_text(stmt, 3),
                 column_text(stmt, 4),
                 column_text(stmt, 5),
                 sqlite3_column_int64(stmt, 6),
                 column_text(stmt, 7),
                 sqlite3_column_int64(stmt, 8),
                 column_optional(stmt, 9),
                 column_optional(stmt, 10),
                 sqlite3_column_int(stmt, 11) != 0,
                 std::nullopt};
  if (sqlite3_column_type(stmt, 12) != SQLITE_NULL)
    row.score = AttemptScore{sqlite3_column_int(stmt, 12), sqlite3_column_int(stmt, 13),
                             sqlite3_column_int(stmt, 14), sqlite3_column_int(stmt, 15) != 0};
  return row;
}

class Attempts final : public Area<AttemptStore, Db> {
 public:
  using Area::Area;

  bool create_attempt(const AttemptRow& a) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "INSERT INTO attempts (id, session_id, certification, mode, domain, content_version, seed, "
        "slots, "
        "started_at, deadline, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)");
    bind_arg(stmt, 1, a.id);
    bind_arg(stmt, 2, a.session_id);
    bind_arg(stmt, 3, a.certification);
    bind_arg(stmt, 4, a.mode);
    bind_arg(stmt, 5, a.domain);
    bind_arg(stmt, 6, a.content_version);
    bind_arg(stmt, 7, a.seed);
    bind_arg(stmt, 8, a.slots);
    bind_arg(stmt, 9, a.started_at);
    bind_arg(stmt, 10, a.deadline);
    if (conn->step(stmt) == SQLITE_DONE) {
      db_.wrote();
      return true;
    }
    // The one constraint an insert can meet besides the (random, 128-bit) id.
    if (conn->extended_errcode() == SQLITE_CONSTRAINT_UNIQUE) return false;
    throw StoreError("attempt id collision");
  }

  std::optional<AttemptRow> find_attempt(const std::string& id) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectAttempt " WHERE id = ?");
    bind_arg(stmt, 1, id);
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return attempt_from(stmt);
  }

  std::vector<AttemptRow> attempts_of(const std::string& session_id, int limit,
                                      Slots slots) override {
    auto conn = db_.lease();
    // The same columns as kSelectAttempt, but the slots only when asked for (SQLite reads a
    // column only when it is used, so a skipped one costs nothing).
    auto stmt = conn->prepare(
        "SELECT id, session_id, certification, mode, domain, content_version, seed, CASE WHEN ?3 "
        "THEN slots ELSE '' END, started_at, deadline, finished_at, abandoned, score_correct, "
        "score_answered, score_total, score_passed FROM attempts WHERE session_id = ?1 ORDER BY "
        "started_at DESC, rowid DESC LIMIT ?2");
    bind_arg(stmt, 1, session_id);
    bind_arg(stmt, 2, std::int64_t{limit});
    bind_arg(stmt, 3, std::int64_t{slots == Slots::read ? 1 : 0});
    std::vector<AttemptRow> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(attempt_from(stmt));
    return out;
  }

  std::optional<AttemptRow> running_mock(const std::string& session_id,
                                         const std::string& certification) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(kSelectAttempt
                              " WHERE session_id = ? AND certification = ? AND mode = 'mock' "
                              "AND finished_at IS NULL");
    bind_arg(stmt, 1, session_id);
    bind_arg(stmt, 2, certification);
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return attempt_from(stmt);
  }

  StepOutcome append_step(const std::string& attempt_id, const StepRow& step,
                          std::optional<int> expected_sequence) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    // One statement: the attempt must be unfinished and, when a sequence is expected, the slot
    // must still have exactly that many answer steps.
    auto stmt = conn->prepare(
        "INSERT INTO steps (attempt_id, seq, slot, kind, value, at) "
        "SELECT ?1, coalesce((SELECT max(seq) FROM steps WHERE attempt_id = ?1), 0) + 1, ?2, ?3, "
        "?4, ?5 "
        "WHERE EXISTS (SELECT 1 FROM attempts WHERE id = ?1 AND finished_at IS NULL) "
        "AND (?6 IS NULL OR ?6 = (SELECT count(*) FROM steps WHERE attempt_id = ?1 AND slot = ?2 "
        "AND kind = 'answer'))");
    bind_arg(stmt, 1, attempt_id);
    bind_arg(stmt, 2, std::int64_t{step.slot});
    bind_arg(stmt, 3, step.kind);
    bind_arg(stmt, 4, step.value);
    bind_arg(stmt, 5, step.at);
    bind_arg(stmt, 6,
             expected_sequence ? std::optional<std::int64_t>(*expected_sequence)
                               : std::optional<std::int64_t>());
    conn->step(stmt);
    if (conn->changes() == 1) {
      db_.wrote();
      return StepOutcome::appended;
    }
    if (!expected_sequence) return StepOutcome::finished;
    // Refused: say why, still under the write lock, so nothing changed in between.
    auto open = conn->prepare("SELECT 1 FROM attempts WHERE id = ? AND finished_at IS NULL");
    bind_arg(open, 1, attempt_id);
    return conn->step(open) == SQLITE_ROW ? StepOutcome::stale : StepOutcome::finished;
  }

  std::vector<StepRow> steps_of(const std::string& attempt_id) override {
    auto conn = db_.lease();
    auto stmt =
        conn->prepare("SELECT slot, kind, value, at FROM steps WHERE attempt_id = ? ORDER BY seq");
    bind_arg(stmt, 1, attempt_id);
    std::vector<StepRow> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({sqlite3_column_int(stmt, 0), column_text(stmt, 1), column_text(stmt, 2),
                     sqlite3_column_int64(stmt, 3)});
    return out;
  }

  End finish_attempt(const std::string& attempt_id, std::int64_t at, bool abandoned) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    {
      auto update = conn->prepare(
          "UPDATE attempts SET finished_at = ?, abandoned = ? WHERE id = ? AND finished_at IS "
          "NULL");
      bind_arg(update, 1, at);
      bind_arg(update, 2, std::int64_t{abandoned ? 1 : 0});
      bind_arg(update, 3, attempt_id);
      conn->step(update);
      if (conn->changes() == 1) db_.wrote();
    }
    auto select = conn->prepare("SELECT finished_at, abandoned FROM attempts WHERE id = ?");
    bind_arg(select, 1, attempt_id);
    if (conn->step(select) != SQLITE_ROW) throw StoreError("attempt " + attempt_id + " not found");
    return {sqlite3_column_int64(select, 0), sqlite3_column_int(select, 1) != 0};
  }

  void record_score(const std::string& attempt_id, const AttemptScore& score) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "UPDATE attempts SET score_correct = ?, score_answered = ?, score_total = ?, "
        "score_passed = ? WHERE id = ?");
    bind_arg(stmt, 1, std::int64_t{score.correct});
    bind_arg(stmt, 2, std::int64_t{score.answered});
    bind_arg(stmt, 3, std::int64_t{score.total});
    bind_arg(stmt, 4, std::int64_t{score.passed ? 1 : 0});
    bind_arg(stmt, 5, attempt_id);
    conn->step(stmt);
    if (conn->changes() == 1) db_.wrote();
  }

  std::vector<std::string> open_attempts(const std::string& session_id) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT id FROM attempts WHERE session_id = ? AND finished_at IS NULL AND mode <> 'mock' "
        "ORDER BY started_at, rowid");
    bind_arg(stmt, 1, session_id);
    std::vector<std::string> ids;
    while (conn->step(stmt) == SQLITE_ROW) ids.push_back(column_text(stmt, 0));
    return ids;
  }

  std::vector<FinishedMock> finished_mocks(const std::string& after, int limit,
                                           std::int64_t now) override {
    auto conn = db_.lease();
    std::vector<FinishedMock> out;
    {
      auto stmt = conn->prepare(
          "SELECT id, certification, slots, deadline FROM attempts WHERE id > ?2 AND mode = "
          "'mock' AND abandoned = 0 AND (finished_at IS NOT NULL OR deadline <= ?1) ORDER BY id "
          "LIMIT ?3");
      bind_arg(stmt, 1, now);
      bind_arg(stmt, 2, after);
      bind_arg(stmt, 3, std::int64_t{limit});
      while (conn->step(stmt) == SQLITE_ROW)
        out.push_back({column_text(stmt, 0),
                       column_text(stmt, 1),
                       column_text(stmt, 2),
                       column_optional(stmt, 3),
                       {}});
    }
    if (out.empty()) return out;
    // The steps of the batch's id range in primary key order (no sort, and the slots are not
    // carried along every step as a join would), merged by id; steps of attempts in the range
    // that are not in the batch (trainings, abandoned mock exams) are passed over.
    auto stmt = conn->prepare(
        "SELECT attempt_id, slot, value, at FROM steps WHERE attempt_id > ?1 AND attempt_id <= ?2 "
        "AND kind = 'answer' ORDER BY attempt_id, seq");
    bind_arg(stmt, 1, after);
    bind_arg(stmt, 2, out.back().id);
    size_t i = 0;
    while (conn->step(stmt) == SQLITE_ROW) {
      auto id = column_text(stmt, 0);
      while (i < out.size() && out[i].id < id) ++i;
      if (i == out.size()) break;
      if (out[i].id == id)
        out[i].answers.push_back({sqlite3_column_int(stmt, 1), "answer", column_text(stmt, 2),
                                  sqlite3_column_int64(stmt, 3)});
    }
    return out;
  }

  std::int64_t count_finished_mocks(std::int64_t now) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT count(*) FROM attempts WHERE mode = 'mock' AND abandoned = 0 AND (finished_at IS "
        "NOT NULL OR deadline <= ?)");
    bind_arg(stmt, 1, now);
    conn->step(stmt);
    return sqlite3_column_int64(stmt, 0);
  }

  std::int64_t active_attempts(std::int64_t now) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT count(*) FROM attempts WHERE finished_at IS NULL AND (deadline IS NULL OR deadline "
        "> ?)");
    bind_arg(stmt, 1, now);
    conn->step(stmt);
    return sqlite3_column_int64(stmt, 0);
  }
};

}  // namespace

std::unique_ptr<AttemptStore> make_attempt_store(Db& db) {
  return std::make_unique<Attempts>(db);
}

}  // namespace certhub::sqlite
