// The learning pages: plain HTML and forms that work without JavaScript.
#include <charconv>

#include "features/learning/page_views.hpp"
#include "features/learning/routes.hpp"
#include "web/attempt_rows.hpp"
#include "web/form.hpp"

namespace certhub {
namespace {

class LearningPages {
 public:
  LearningPages(App& app, Learning& learning) : app_(app), learning_(learning) {}

  // /progress: every live route, with readiness, due cards and the next step.
  Response overview(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    ViewList routes;
    bool any = false;
    for (const auto& p : learning_.progress(visitor.id)) {
      any = any || p.practised();
      routes.push_back(progress_view(p, app_.now(), visitor.csrf_token, false));
    }
    View v;
    v.set("routes", routes);
    v.set("practised", view_bool(any));
    return page(visitor,
                {"Your progress", "Progress, readiness and the next step per route.", "progress"},
                "progress", v, 200);
  }

  // /progress/{cert}: attempts, mock scores, mastery per domain, readiness and what to do next.
  Response certification(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto progress = learning_.progress(visitor.id, p.at("cert"));
    if (!progress) return app_.error(404, "There is no live practice for this certification.");
    int page_number = 1;
    if (auto query = parse_form(req.query); query && !field(*query, "page").empty()) {
      auto text = field(*query, "page");
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page_number);
      if (ec != std::errc{} || end != text.data() + text.size() || page_number < 1 ||
          page_number > attempt_pages(*progress))
        return app_.error(404, "There is no such page of attempts.");
    }
    auto v = progress_view(*progress, app_.now(), visitor.csrf_token, true, page_number);
    const auto& code = progress->cert->code;
    return page(
        visitor,
        {code + " progress", "Your " + code + " attempts, mastery and readiness.", "progress"},
        "progress_cert", v, 200);
  }

  // /drill: cards due per route and domain, the exam date and the daily plan.
  Response drill(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    return drill_page(visitor, "", 200);
  }

  // POST /drill/exam-date: sets or clears the exam date of one route.
  Response exam_date(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Go back, reload the page and try again.");
    std::optional<Date> date;
    if (field(*form, "action") != "clear") {
      date = parse_date(field(*form, "date"));
      if (!date) return drill_page(visitor, "Enter the exam date as a day, like 2027-01-14.", 422);
    }
    if (auto err = learning_.set_exam_date(visitor.id, field(*form, "certification"), date)) {
      if (err->status == 404) return app_.error(404, err->detail);
      return drill_page(visitor, err->detail, err->status);
    }
    return redirect("/drill");
  }

 private:
  Response drill_page(const Sessions::Visitor& visitor, const std::string& error, int status) {
    ViewList routes;
    auto today = learning_.today();
    int due = 0;
    for (const auto& d : learning_.drill(visitor.id)) {
      due += d.due_today;
      routes.push_back(drill_view(d, today, visitor.csrf_token));
    }
    View v;
    v.set("routes", routes);
    v.set("due_text", count_text(due, "card"));
    v.set("error", error.empty() ? view_bool(false) : View(error));
    return page(visitor,
                {"Drill", "Spaced-repetition cards due today and your exam plan.", "progress"},
                "drill", v, status);
  }

  Response page(const Sessions::Visitor& visitor, const PageMeta& meta, const std::string& name,
                const View& v, int status) {
    auto r = app_.page(meta, name, v, status);
    r.header("Cache-Control", "no-store");  // a learner's own data
    Sessions::remember(r, visitor);
    return r;
  }

  App& app_;
  Learning& learning_;
};

}  // namespace

void add_learning_page_routes(Router& r, App& app, Learning& learning) {
  auto pages = std::make_shared<LearningPages>(app, learning);
  auto bind = [pages](Response (LearningPages::*method)(const Request&, const Params&)) {
    return [pages, method](const Request& q, const Params& p) { return ((*pages).*method)(q, p); };
  };
  r.add("GET", "/progress", bind(&LearningPages::overview));
  r.add("GET", "/progress/{cert}", bind(&LearningPages::certification));
  r.add("GET", "/drill", bind(&LearningPages::drill));
  r.add("POST", "/drill/exam-date", bind(&LearningPages::exam_date));
}

}  // namespace certhub
