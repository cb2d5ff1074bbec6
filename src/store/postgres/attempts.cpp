// Attempts and steps on PostgreSQL.
#include "store/postgres/db.hpp"

namespace certhub::postgres {
namespace {

constexpr Sql kAttemptInsert{
    "attempt_insert",
    "INSERT INTO attempts (id, session_id, certification, mode, domain, content_version, seed, "
    "slots, started_at, deadline, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "NULL)"};
#define CERTHUB_SELECT_ATTEMPT                                                         \
  "SELECT id, session_id, certification, mode, domain, content_version, seed, slots, " \
  "started_at, deadline, finished_at, abandoned, score_correct, score_answered, "      \
  "score_total, score_passed FROM attempts"
constexpr Sql kAttemptById{"attempt_by_id", CERTHUB_SELECT_ATTEMPT " WHERE id = $1"};
// rowid: the postgres dialect of migration 4 declares the insertion order SQLite has built in.
// The same columns, but the slots only when asked for ($3).
constexpr Sql kAttemptsOf{
    "attempts_of",
    "SELECT id, session_id, certification, mode, domain, content_version, seed, CASE WHEN $3 "
    "THEN slots ELSE '' END, started_at, deadline, finished_at, abandoned, score_correct, "
    "score_answered, score_total, score_passed FROM attempts WHERE session_id = $1 ORDER BY "
    "started_at DESC, rowid DESC LIMIT $2"};
constexpr Sql kRunningMock{"running_mock", CERTHUB_SELECT_ATTEMPT
                           " WHERE session_id = $1 AND certification = $2 AND mode = 'mock' "
                           "AND finished_at IS NULL"};
#undef CERTHUB_SELECT_ATTEMPT
// The guarded insert, as a transaction of two statements: lock the attempt row if it is
// unfinished, then insert with the next seq. The lock orders the save against finish_attempt (a
// finish that commits first leaves no row to lock) and against other saves to the same attempt,
// from any app server. max(seq) is read by a statement that starts after the lock is held, so
// it sees every step committed before (in one statement it would read the snapshot from before
// the lock wait and collide on the primary key).
constexpr Sql kStepLock{"step_lock",
                        "SELECT 1 FROM attempts WHERE id = $1 AND finished_at IS NULL FOR UPDATE"};
constexpr Sql kStepInsert{
    "step_insert",
    "INSERT INTO steps (attempt_id, seq, slot, kind, value, at) VALUES ($1, "
    "(SELECT coalesce(max(seq), 0) + 1 FROM steps WHERE attempt_id = $1), $2, $3, $4, $5)"};
constexpr Sql kSlotSequence{
    "slot_sequence",
    "SELECT count(*) FROM steps WHERE attempt_id = $1 AND slot = $2 AND kind = 'answer'"};
constexpr Sql kStepsOf{
    "steps_of", "SELECT slot, kind, value, at FROM steps WHERE attempt_id = $1 ORDER BY seq"};
// Sets finished_at (and abandoned) unless finished, and returns what is stored, in one statement.
constexpr Sql kFinish{"finish",
                      "UPDATE attempts SET abandoned = CASE WHEN finished_at IS NULL THEN $3 "
                      "ELSE abandoned END, finished_at = coalesce(finished_at, $1::bigint) "
                      "WHERE id = $2 RETURNING finished_at, abandoned"};
constexpr Sql kRecordScore{"record_score",
                           "UPDATE attempts SET score_correct = $2, score_answered = $3, "
                           "score_total = $4, score_passed = $5 WHERE id = $1"};
// The unique index that allows one unfinished mock exam per learner and certification.
constexpr std::string_view kOneRunningMock = "attempts_one_running_mock";
constexpr Sql kOpen{"open_attempts",
                    "SELECT id FROM attempts WHERE session_id = $1 AND finished_at IS NULL "
                    "AND mode <> 'mock' ORDER BY started_at, rowid"};
constexpr Sql kFinishedMocks{
    "finished_mocks",
    "SELECT id, certification, slots, deadline FROM attempts WHERE id > $2 AND mode = 'mock' AND "
    "abandoned = 0 AND (finished_at IS NOT NULL OR deadline <= $1) ORDER BY id LIMIT $3"};
// The steps of a batch's id range in primary key order, merged by id (store/sqlite/attempts.cpp).
constexpr Sql kFinishedMockSteps{
    "finished_mock_steps",
    "SELECT attempt_id, slot, value, at FROM steps WHERE attempt_id > $1 AND attempt_id <= $2 AND "
    "kind = 'answer' ORDER BY attempt_id, seq"};
constexpr Sql kCountFinishedMocks{
    "count_finished_mocks",
    "SELECT count(*) FROM attempts WHERE mode = 'mock' AND abandoned = 0 AND (finished_at IS NOT "
    "NULL OR deadline <= $1)"};
constexpr Sql kActive{"active",
                      "SELECT count(*) FROM attempts WHERE finished_at IS NULL "
                      "AND (deadline IS NULL OR deadline > $1)"};

AttemptRow attempt_from(const Result& r, int row) {
  AttemptRow a{r.text(row, 0),  r.text(row, 1),     r.text(row, 2),      r.text(row, 3),
               r.text(row, 4),  r.text(row, 5),     r.int64(row, 6),     r.text(row, 7),
               r.int64(row, 8), r.optional(row, 9), r.optional(row, 10), r.int64(row, 11) != 0,
               std::nullopt};
  if (auto correct = r.optional(row, 12))
    a.score = AttemptScore{static_cast<int>(*correct), static_cast<int>(r.int64(row, 13)),
                           static_cast<int>(r.int64(row, 14)), r.int64(row, 15) != 0};
  return a;
}

class Attempts final : public Area<AttemptStore, Db> {
 public:
  using Area::Area;

  bool create_attempt(const AttemptRow& a) override {
    auto conn = db_.lease();
    try {
      conn->run(kAttemptInsert, {a.id, a.session_id, a.certification, a.mode, a.domain,
                                 a.content_version, a.seed, a.slots, a.started_at, a.deadline});
      return true;
    } catch (const PgError& e) {
      if (e.sqlstate() == kUniqueViolation && e.constraint() == kOneRunningMock) return false;
      if (e.sqlstate() == kUniqueViolation) throw StoreError("attempt id collision");
      throw;
    }
  }

  std::optional<AttemptRow> find_attempt(const std::string& id) override {
    auto conn = db_.lease();
    auto r = conn->run(kAttemptById, {id});
    if (r.rows() == 0) return std::nullopt;
    return attempt_from(r, 0);
  }

  std::vector<AttemptRow> attempts_of(const std::string& session_id, int limit,
                                      Slots slots) override {
    auto conn = db_.lease();
    auto r = conn->run(kAttemptsOf, {session_id, limit, slots == Slots::read});
    std::vector<AttemptRow> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(attempt_from(r, i));
    return out;
  }

  std::optional<AttemptRow> running_mock(const std::string& session_id,
                                         const std::string& certification) override {
    auto conn = db_.lease();
    auto r = conn->run(kRunningMock, {session_id, certification});
    if (r.rows() == 0) return std::nullopt;
    return attempt_from(r, 0);
  }

  StepOutcome append_step(const std::string& attempt_id, const StepRow& step,
                          std::optional<int> expected_sequence) override {
    auto conn = db_.lease();
    auto outcome = StepOutcome::finished;
    // Committed before this returns: the answer is acknowledged only once it is stored. The
    // row lock also orders the sequence check against saves from other app servers.
    transaction(*conn, [&] {
      if (conn->run(kStepLock, {attempt_id}).rows() != 1) return;
      if (expected_sequence &&
          conn->run(kSlotSequence, {attempt_id, step.slot}).int64(0, 0) != *expected_sequence) {
        outcome = StepOutcome::stale;
        return;
      }
      conn->run(kStepInsert, {attempt_id, step.slot, step.kind, step.value, step.at});
      outcome = StepOutcome::appended;
    });
    return outcome;
  }

  std::vector<StepRow> steps_of(const std::string& attempt_id) override {
    auto conn = db_.lease();
    auto r = conn->run(kStepsOf, {attempt_id});
    std::vector<StepRow> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({static_cast<int>(r.int64(i, 0)), r.text(i, 1), r.text(i, 2), r.int64(i, 3)});
    return out;
  }

  End finish_attempt(const std::string& attempt_id, std::int64_t at, bool abandoned) override {
    auto conn = db_.lease();
    auto r = conn->run(kFinish, {at, attempt_id, abandoned ? 1 : 0});
    if (r.rows() == 0) throw StoreError("attempt " + attempt_id + " not found");
    return {r.int64(0, 0), r.int64(0, 1) != 0};
  }

  void record_score(const std::string& attempt_id, const AttemptScore& score) override {
    auto conn = db_.lease();
    conn->run(kRecordScore,
              {attempt_id, score.correct, score.answered, score.total, score.passed ? 1 : 0});
  }

  std::vector<std::string> open_attempts(const std::string& session_id) override {
    auto conn = db_.lease();
    auto r = conn->run(kOpen, {session_id});
    std::vector<std::string> ids;
    ids.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.text(i, 0));
    return ids;
  }

  std::vector<FinishedMock> finished_mocks(const std::string& after, int limit,
                                           std::int64_t now) override {
    auto conn = db_.lease();
    auto r = conn->run(kFinishedMocks, {now, after, limit});
    std::vector<FinishedMock> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.optional(i, 3), {}});
    if (out.empty()) return out;
    auto steps = conn->run(kFinishedMockSteps, {after, out.back().id});
    size_t at = 0;
    for (int i = 0; i < steps.rows() && at < out.size(); ++i) {
      auto id = steps.text(i, 0);
      while (at < out.size() && out[at].id < id) ++at;
      if (at < out.size() && out[at].id == id)
        out[at].answers.push_back(
            {static_cast<int>(steps.int64(i, 1)), "answer", steps.text(i, 2), steps.int64(i, 3)});
    }
    return out;
  }

  std::int64_t count_finished_mocks(std::int64_t now) override {
    return db_.lease()->run(kCountFinishedMocks, {now}).int64(0, 0);
  }

  std::int64_t active_attempts(std::int64_t now) override {
    auto conn = db_.lease();
    return conn->run(kActive, {now}).int64(0, 0);
  }
};

}  // namespace

std::unique_ptr<AttemptStore> make_attempt_store(Db& db) {
  return std::make_unique<Attempts>(db);
}

}  // namespace certhub::postgres
