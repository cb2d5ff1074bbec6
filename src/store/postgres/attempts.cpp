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
  "started_at, deadline, finished_at FROM attempts"
constexpr Sql kAttemptById{"attempt_by_id", CERTHUB_SELECT_ATTEMPT " WHERE id = $1"};
// rowid: the postgres dialect of migration 4 declares the insertion order SQLite has built in.
constexpr Sql kAttemptsOf{"attempts_of", CERTHUB_SELECT_ATTEMPT
                          " WHERE session_id = $1 ORDER BY started_at DESC, rowid DESC LIMIT $2"};
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
constexpr Sql kStepsOf{
    "steps_of", "SELECT slot, kind, value, at FROM steps WHERE attempt_id = $1 ORDER BY seq"};
// Sets finished_at unless set, and returns what is stored, in one statement.
constexpr Sql kFinish{"finish",
                      "UPDATE attempts SET finished_at = coalesce(finished_at, $1::bigint) "
                      "WHERE id = $2 RETURNING finished_at"};
constexpr Sql kActive{"active",
                      "SELECT count(*) FROM attempts WHERE finished_at IS NULL "
                      "AND (deadline IS NULL OR deadline > $1)"};

AttemptRow attempt_from(const Result& r, int row) {
  return {r.text(row, 0),  r.text(row, 1),     r.text(row, 2),     r.text(row, 3),
          r.text(row, 4),  r.text(row, 5),     r.int64(row, 6),    r.text(row, 7),
          r.int64(row, 8), r.optional(row, 9), r.optional(row, 10)};
}

class Attempts final : public Area<AttemptStore, Db> {
 public:
  using Area::Area;

  void create_attempt(const AttemptRow& a) override {
    auto conn = db_.lease();
    try {
      conn->run(kAttemptInsert, {a.id, a.session_id, a.certification, a.mode, a.domain,
                                 a.content_version, a.seed, a.slots, a.started_at, a.deadline});
    } catch (const PgError& e) {
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

  std::vector<AttemptRow> attempts_of(const std::string& session_id, int limit) override {
    auto conn = db_.lease();
    auto r = conn->run(kAttemptsOf, {session_id, limit});
    std::vector<AttemptRow> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(attempt_from(r, i));
    return out;
  }

  bool append_step(const std::string& attempt_id, const StepRow& step) override {
    auto conn = db_.lease();
    bool open = false;
    // Committed before this returns: the answer is acknowledged only once it is stored.
    transaction(*conn, [&] {
      open = conn->run(kStepLock, {attempt_id}).rows() == 1;
      if (open) conn->run(kStepInsert, {attempt_id, step.slot, step.kind, step.value, step.at});
    });
    return open;
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

  std::int64_t finish_attempt(const std::string& attempt_id, std::int64_t at) override {
    auto conn = db_.lease();
    auto r = conn->run(kFinish, {at, attempt_id});
    if (r.rows() == 0) throw StoreError("attempt " + attempt_id + " not found");
    return r.int64(0, 0);
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
