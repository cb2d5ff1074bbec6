#pragma once
// Question reports: a learner says a question has a problem (wrong key, unclear, outdated, typo,
// other), and the admins keep a status per question (open, fixed, rejected) with a note. A
// report is open until its question is next set to fixed or rejected; a learner has at most one
// open report per question (a unique index, so two tabs or app servers cannot add a second).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certhub {

// The categories, in the order forms and tables show them.
inline constexpr std::array<std::string_view, 5> kReportCategories{"wrong_key", "unclear",
                                                                   "outdated", "typo", "other"};
inline constexpr std::array<std::string_view, 3> kReportStatuses{"open", "fixed", "rejected"};

struct QuestionReport {
  std::int64_t id = 0;
  std::string question_id;
  std::string certification;
  std::string category;  // one of kReportCategories
  std::string text;      // as given, at most 2,000 characters (checked by the caller)
  std::string learner;   // the reporting visitor's learner key
  std::int64_t created_at = 0;
  bool open = true;  // false once its question was set to fixed or rejected after it
};

// A question with reports, for the admins' queue.
struct ReportedQuestion {
  std::string question_id;
  std::string certification;
  std::string status = "open";  // open, fixed or rejected
  std::string note;
  std::optional<std::int64_t> updated_at;  // when the status was last set
  int open_reports = 0;
  int all_reports = 0;
  std::array<int, kReportCategories.size()> open_by_category{};  // in kReportCategories order
  std::int64_t latest_at = 0;                                    // the newest report
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Adds a report; false (nothing stored) when this learner already has an open report on the
  // question.
  virtual bool add_report(const QuestionReport& report) = 0;
  // Questions with reports: with open reports first (most open reports, then newest), then the
  // rest by newest report; only those with open reports when `open_only`.
  virtual std::vector<ReportedQuestion> queue(bool open_only, int limit) = 0;
  virtual std::optional<ReportedQuestion> reported_question(const std::string& question_id) = 0;
  // Newest first.
  virtual std::vector<QuestionReport> reports_of(const std::string& question_id, int limit) = 0;
  // Every report the learner made, oldest first ("download my data").
  virtual std::vector<QuestionReport> reports_by(const std::string& learner) = 0;
  // Sets the question's status and note; fixed or rejected closes its open reports. Returns
  // false when the question has no reports.
  virtual bool set_status(const std::string& question_id, const std::string& status,
                          const std::string& note, std::int64_t now) = 0;
};

}  // namespace certhub
