// Learners' reports of problems with a question, as a form post and as JSON.
#include <algorithm>
#include <boost/json.hpp>

#include "features/reports/routes.hpp"
#include "store/reports.hpp"
#include "web/form.hpp"
#include "web/json_api.hpp"
#include "web/report_form.hpp"

namespace certhub {
namespace json = boost::json;
namespace {

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

struct Outcome {
  int status = 0;  // 0: stored or already there
  std::string detail;
  bool added = false;
};

// Checks and stores one report; the caller has checked the CSRF token.
Outcome file_report(App& app, const Sessions::Visitor& visitor, const std::string& question_id,
                    const std::string& category, const std::string& text) {
  auto catalog = app.catalog();
  const auto* question = catalog->question(question_id);
  if (!question) return {404, "There is no such question."};
  if (std::find(kReportCategories.begin(), kReportCategories.end(), category) ==
      kReportCategories.end())
    return {422, "Choose what is wrong: wrong key, unclear, outdated, typo or other."};
  if (auto n = code_points(text); n > kReportTextMax)
    return {422, "Your report has " + std::to_string(n) + " characters; the most is " +
                     std::to_string(kReportTextMax) + ". Go back, shorten it and send it again."};
  QuestionReport report;
  report.question_id = question->id;
  report.certification = question->certification;
  report.category = category;
  report.text = text;
  report.learner = visitor.id;
  report.created_at = app.now();
  bool added = app.store().reports().add_report(report);
  if (added) app.metrics().count(Event::question_report);
  return {0, {}, added};
}

Response report_page(App& app, const Request& req, const Params& p) {
  auto visitor = app.sessions().visitor(req);
  auto form = parse_form(req.body);
  if (!form || !app.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
    return app.error(403, "This form has expired. Go back, reload the page and try again.");
  if (auto limited = app.over_limit(kQuestionReports, req)) return *limited;
  auto outcome =
      file_report(app, visitor, p.at("id"), field(*form, "category"), field(*form, "text"));
  if (outcome.status) return app.error(outcome.status, outcome.detail);
  // Back to the question or result, which thanks the learner; a form without a page to go back
  // to (or naming another site) lands on the practice index.
  auto back = report_back(field(*form, "back"));
  auto r = redirect(!back ? std::string("/practice")
                          : *back + "?notice=" + (outcome.added ? "reported" : "already-reported") +
                                "#thanks");
  Sessions::remember(r, visitor);
  return r;
}

Response report_api(App& app, const Request& req, const Params& p) {
  auto visitor = app.sessions().visitor(req);
  if (auto refused = check_csrf_header(app, req, visitor)) return *refused;
  auto body = json_body(app, req);
  if (auto* r = std::get_if<Response>(&body)) return *r;
  const auto& obj = std::get<json::object>(body);
  if (auto limited = app.over_limit(kQuestionReports, req)) return *limited;
  auto outcome = file_report(app, visitor, p.at("id"), string_field(obj, "category"),
                             string_field(obj, "text"));
  if (outcome.status) return app.error(outcome.status, outcome.detail, true);
  auto r = json_response(outcome.added ? 201 : 200,
                         json::object{{"question", p.at("id")},
                                      {"status", outcome.added ? "reported" : "already reported"}});
  Sessions::remember(r, visitor);
  return r;
}

}  // namespace

void add_report_routes(Router& r, App& app) {
  r.add("POST", "/questions/{id}/reports",
        [&app](const Request& q, const Params& p) { return report_page(app, q, p); });
  r.add("POST", "/api/v1/questions/{id}/reports",
        [&app](const Request& q, const Params& p) { return report_api(app, q, p); });
}

}  // namespace certhub
