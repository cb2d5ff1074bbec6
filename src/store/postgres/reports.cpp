// Question reports and their status on PostgreSQL.
#include "store/reports.hpp"

#include "store/postgres/db.hpp"
#include "store/reports_sql.hpp"

namespace certhub::postgres {
namespace {

constexpr Sql kAdd{"report_add",
                   "INSERT INTO question_reports (question_id, certification, category, text, "
                   "learner, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING"};
constexpr Sql kQueue{"report_queue", CERTHUB_SELECT_REPORTED CERTHUB_GROUP_REPORTED
                     " HAVING $1 = 0 OR count(*) FILTER (WHERE r.open = 1) > 0 ORDER BY "
                     "count(*) FILTER (WHERE r.open = 1) > 0 DESC, count(*) FILTER (WHERE "
                     "r.open = 1) DESC, max(r.created_at) DESC, r.question_id LIMIT $2"};
constexpr Sql kReported{"report_question",
                        CERTHUB_SELECT_REPORTED "WHERE r.question_id = $1" CERTHUB_GROUP_REPORTED};
constexpr Sql kReportsOf{"reports_of",
                         "SELECT id, question_id, certification, category, text, learner, "
                         "created_at, open FROM question_reports WHERE question_id = $1 ORDER BY "
                         "created_at DESC, id DESC LIMIT $2"};
constexpr Sql kReportsBy{"reports_by",
                         "SELECT id, question_id, certification, category, text, learner, "
                         "created_at, open FROM question_reports WHERE learner = $1 ORDER BY "
                         "created_at, id"};
constexpr Sql kAny{"report_any", "SELECT 1 FROM question_reports WHERE question_id = $1 LIMIT 1"};
constexpr Sql kUpsertStatus{
    "report_status",
    "INSERT INTO question_report_status (question_id, status, note, updated_at) VALUES ($1, $2, "
    "$3, $4) ON CONFLICT (question_id) DO UPDATE SET status = excluded.status, note = "
    "excluded.note, updated_at = excluded.updated_at"};
constexpr Sql kClose{"report_close",
                     "UPDATE question_reports SET open = 0 WHERE question_id = $1 AND open = 1"};

ReportedQuestion reported_from(const Result& r, int row) {
  ReportedQuestion q;
  q.question_id = r.text(row, 0);
  q.certification = r.text(row, 1);
  q.status = r.text(row, 2);
  q.note = r.text(row, 3);
  q.updated_at = r.optional(row, 4);
  q.open_reports = static_cast<int>(r.int64(row, 5));
  q.all_reports = static_cast<int>(r.int64(row, 6));
  for (size_t i = 0; i < q.open_by_category.size(); ++i)
    q.open_by_category[i] = static_cast<int>(r.int64(row, static_cast<int>(7 + i)));
  q.latest_at = r.int64(row, 12);
  return q;
}

std::vector<QuestionReport> reports_from(const Result& r) {
  std::vector<QuestionReport> out;
  out.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.int64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4),
                   r.text(i, 5), r.int64(i, 6), r.int64(i, 7) != 0});
  return out;
}

class Reports final : public Area<ReportStore, Db> {
 public:
  using Area::Area;

  bool add_report(const QuestionReport& r) override {
    return db_.lease()
               ->run(kAdd,
                     {r.question_id, r.certification, r.category, r.text, r.learner, r.created_at})
               .affected() == 1;
  }

  std::vector<ReportedQuestion> queue(bool open_only, int limit) override {
    auto r = db_.lease()->run(kQueue, {open_only ? 1 : 0, limit});
    std::vector<ReportedQuestion> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(reported_from(r, i));
    return out;
  }

  std::optional<ReportedQuestion> reported_question(const std::string& question_id) override {
    auto r = db_.lease()->run(kReported, {question_id});
    if (r.rows() == 0) return std::nullopt;
    return reported_from(r, 0);
  }

  std::vector<QuestionReport> reports_of(const std::string& question_id, int limit) override {
    return reports_from(db_.lease()->run(kReportsOf, {question_id, limit}));
  }

  std::vector<QuestionReport> reports_by(const std::string& learner) override {
    return reports_from(db_.lease()->run(kReportsBy, {learner}));
  }

  bool set_status(const std::string& question_id, const std::string& status,
                  const std::string& note, std::int64_t now) override {
    auto conn = db_.lease();
    bool found = false;
    transaction(*conn, [&] {
      found = conn->run(kAny, {question_id}).rows() > 0;
      if (!found) return;
      conn->run(kUpsertStatus, {question_id, status, note, now});
      if (status != "open") conn->run(kClose, {question_id});
    });
    return found;
  }
};

}  // namespace

std::unique_ptr<ReportStore> make_report_store(Db& db) {
  return std::make_unique<Reports>(db);
}

}  // namespace certhub::postgres
