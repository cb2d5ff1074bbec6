// Question reports and their status on SQLite.
#include "store/reports.hpp"

#include "store/reports_sql.hpp"
#include "store/sqlite/db.hpp"

namespace certhub::sqlite {
namespace {

ReportedQuestion reported_from(sqlite3_stmt* stmt) {
  ReportedQuestion q;
  q.question_id = column_text(stmt, 0);
  q.certification = column_text(stmt, 1);
  q.status = column_text(stmt, 2);
  q.note = column_text(stmt, 3);
  q.updated_at = column_optional(stmt, 4);
  q.open_reports = sqlite3_column_int(stmt, 5);
  q.all_reports = sqlite3_column_int(stmt, 6);
  for (size_t i = 0; i < q.open_by_category.size(); ++i)
    q.open_by_category[i] = sqlite3_column_int(stmt, static_cast<int>(7 + i));
  q.latest_at = sqlite3_column_int64(stmt, 12);
  return q;
}

class Reports final : public Area<ReportStore, Db> {
 public:
  using Area::Area;

  bool add_report(const QuestionReport& r) override {
    return db_.write(
               "INSERT OR IGNORE INTO question_reports (question_id, certification, category, "
               "text, learner, created_at) VALUES (?, ?, ?, ?, ?, ?)",
               r.question_id, r.certification, r.category, r.text, r.learner, r.created_at) == 1;
  }

  std::vector<ReportedQuestion> queue(bool open_only, int limit) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(CERTHUB_SELECT_REPORTED CERTHUB_GROUP_REPORTED
                              " HAVING ?1 = 0 OR count(*) FILTER (WHERE r.open = 1) > 0 ORDER BY "
                              "count(*) FILTER (WHERE r.open = 1) > 0 DESC, count(*) FILTER "
                              "(WHERE r.open = 1) DESC, max(r.created_at) DESC, r.question_id "
                              "LIMIT ?2");
    bind_arg(stmt, 1, std::int64_t{open_only ? 1 : 0});
    bind_arg(stmt, 2, std::int64_t{limit});
    std::vector<ReportedQuestion> out;
    while (conn->step(stmt) == SQLITE_ROW) out.push_back(reported_from(stmt));
    return out;
  }

  std::optional<ReportedQuestion> reported_question(const std::string& question_id) override {
    auto conn = db_.lease();
    auto stmt =
        conn->prepare(CERTHUB_SELECT_REPORTED "WHERE r.question_id = ?" CERTHUB_GROUP_REPORTED);
    bind_arg(stmt, 1, question_id);
    if (conn->step(stmt) != SQLITE_ROW) return std::nullopt;
    return reported_from(stmt);
  }

  std::vector<QuestionReport> reports_of(const std::string& question_id, int limit) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT id, question_id, certification, category, text, learner, created_at, open FROM "
        "question_reports WHERE question_id = ? ORDER BY created_at DESC, id DESC LIMIT ?");
    bind_arg(stmt, 1, question_id);
    bind_arg(stmt, 2, std::int64_t{limit});
    std::vector<QuestionReport> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({sqlite3_column_int64(stmt, 0), column_text(stmt, 1), column_text(stmt, 2),
                     column_text(stmt, 3), column_text(stmt, 4), column_text(stmt, 5),
                     sqlite3_column_int64(stmt, 6), sqlite3_column_int(stmt, 7) != 0});
    return out;
  }

  std::vector<QuestionReport> reports_by(const std::string& learner) override {
    auto conn = db_.lease();
    auto stmt = conn->prepare(
        "SELECT id, question_id, certification, category, text, learner, created_at, open FROM "
        "question_reports WHERE learner = ? ORDER BY created_at, id");
    bind_arg(stmt, 1, learner);
    std::vector<QuestionReport> out;
    while (conn->step(stmt) == SQLITE_ROW)
      out.push_back({sqlite3_column_int64(stmt, 0), column_text(stmt, 1), column_text(stmt, 2),
                     column_text(stmt, 3), column_text(stmt, 4), column_text(stmt, 5),
                     sqlite3_column_int64(stmt, 6), sqlite3_column_int(stmt, 7) != 0});
    return out;
  }

  bool set_status(const std::string& question_id, const std::string& status,
                  const std::string& note, std::int64_t now) override {
    auto writing = db_.write_lock();
    auto conn = db_.lease();
    bool found = false;
    conn->transaction([&] {
      auto any = conn->prepare("SELECT 1 FROM question_reports WHERE question_id = ? LIMIT 1");
      bind_arg(any, 1, question_id);
      found = conn->step(any) == SQLITE_ROW;
      if (!found) return;
      auto upsert = conn->prepare(
          "INSERT INTO question_report_status (question_id, status, note, updated_at) VALUES "
          "(?1, ?2, ?3, ?4) ON CONFLICT (question_id) DO UPDATE SET status = excluded.status, "
          "note = excluded.note, updated_at = excluded.updated_at");
      bind_arg(upsert, 1, question_id);
      bind_arg(upsert, 2, status);
      bind_arg(upsert, 3, note);
      bind_arg(upsert, 4, now);
      conn->step(upsert);
      if (status == "open") return;
      auto close =
          conn->prepare("UPDATE question_reports SET open = 0 WHERE question_id = ? AND open = 1");
      bind_arg(close, 1, question_id);
      conn->step(close);
    });
    if (found) db_.wrote();
    return found;
  }
};

}  // namespace

std::unique_ptr<ReportStore> make_report_store(Db& db) {
  return std::make_unique<Reports>(db);
}

}  // namespace certhub::sqlite
