#include <charconv>

#include "features/practice/page_views.hpp"
#include "features/practice/routes.hpp"
#include "web/form.hpp"

namespace certhub {
namespace {

std::optional<size_t> question_number(const std::string& text, size_t count) {
  size_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < 1 || value > count)
    return std::nullopt;
  return value - 1;
}

class PracticePages {
 public:
  PracticePages(App& app, Practice& practice) : app_(app), practice_(practice) {}

  // /practice/{cert}: the three ways to practise and the visitor's own attempts.
  Response home(const Request& req, const Params& p) {
    auto catalog = app_.catalog();
    const auto* cert = catalog->certification(p.at("cert"));
    if (!cert || cert->practice != PracticeStatus::live)
      return app_.error(404, "There is no live practice for this certification.");
    auto visitor = app_.sessions().visitor(req);
    View v = cert_view(*cert, visitor.csrf_token);
    ViewList attempts;
    auto now = app_.now();
    for (const auto& row :
         visitor.is_new ? std::vector<AttemptRow>{} : practice_.history(visitor.id)) {
      if (row.certification != cert->id) continue;
      View item;
      item.set("id", row.id);
      item.set("mode_label", mode_label(parse_mode(row.mode).value_or(Mode::sample)));
      item.set("started", rfc3339(row.started_at).substr(0, 16).replace(10, 1, " ") + " UTC");
      Timing t{row.started_at, row.deadline, row.finished_at};
      item.set("finished", view_bool(t.finished(now)));
      attempts.push_back(item);
    }
    v.set("attempts", attempts);
    v.set("has_attempts", view_bool(!attempts.empty()));
    auto r = app_.page(
        {cert->code + " practice",
         "Free " + cert->code + " sample questions, training and timed mock exams.", "practice"},
        "practice_home", v);
    Sessions::remember(r, visitor);
    return r;
  }

  // /practice/{cert}/{mode}: what this mode is, and the button that starts it.
  Response mode(const Request& req, const Params& p) {
    auto catalog = app_.catalog();
    const auto* cert = catalog->certification(p.at("cert"));
    auto mode = parse_mode(p.at("mode"));
    if (!cert || cert->practice != PracticeStatus::live || !mode) return app_.error(404);
    auto visitor = app_.sessions().visitor(req);
    View v = cert_view(*cert, visitor.csrf_token);
    v.set("mode", to_string(*mode));
    v.set("mode_label", mode_label(*mode));
    v.set("is_" + std::string(to_string(*mode)), view_bool(true));
    auto r = app_.page({cert->code + " " + mode_label(*mode),
                        mode_label(*mode) + " for the " + cert->code + ".", "practice"},
                       "practice_mode", v);
    Sessions::remember(r, visitor);
    return r;
  }

  Response start(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Go back, reload the page and try again.");
    auto started =
        practice_.start(visitor.id, p.at("cert"), field(*form, "mode"), field(*form, "domain"));
    if (auto* err = std::get_if<PracticeError>(&started))
      return app_.error(err->status, err->detail);
    return redirect("/attempts/" + std::get<LoadedAttempt>(started).row.id + "/q/1");
  }

  // /attempts/{id}: resume at the first unanswered question, or the result when finished.
  Response resume(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    if (a->finished(app_.now())) return redirect("/attempts/" + a->row.id + "/result");
    size_t next = 0;
    while (next + 1 < a->states.size() && !a->states[next].selected.empty()) ++next;
    return redirect("/attempts/" + a->row.id + "/q/" + std::to_string(next + 1));
  }

  Response question(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    auto index = question_number(p.at("n"), a->slots.size());
    if (!index || !a->questions[*index])
      return app_.error(404, "There is no such question in this attempt.");
    auto now = app_.now();
    if (a->mode == Mode::mock && a->finished(now))
      return redirect("/attempts/" + a->row.id + "/result");
    auto v = question_view(*a, *index, now, visitor.csrf_token, practice_.question_html());
    auto title = a->cert->code + " " + mode_label(a->mode) + ": question " +
                 std::to_string(*index + 1) + " of " + std::to_string(a->slots.size());
    auto r =
        app_.page({title, "Answer, flag and move between questions.", "practice"}, "question", v);
    r.header("Cache-Control", "no-store");
    return r;
  }

  // Saves the answer and flag from the question form, then goes where the button said.
  Response save(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Reload the question and answer again.");
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    auto index = question_number(p.at("n"), a->slots.size());
    if (!index) return app_.error(404, "There is no such question in this attempt.");
    std::string base = "/attempts/" + a->row.id;
    if (a->finished(app_.now()))
      return a->mode == Mode::mock ? redirect(base + "/result")
                                   : app_.error(409, "This attempt is finished.");
    auto selected = fields(*form, "selected");
    bool was_answered = !a->states[*index].selected.empty();
    // In sample and training an answered question shows its feedback: it is not answered again.
    if (!selected.empty() && !(a->mode != Mode::mock && was_answered)) {
      auto outcome = practice_.answer(*a, static_cast<int>(*index), selected);
      if (outcome == SaveOutcome::bad_selection)
        return app_.error(422, "That choice does not fit this question.");
      if (outcome == SaveOutcome::finished) return redirect(base + "/result");
    }
    bool flag = !field(*form, "flagged").empty();
    if (flag != a->states[*index].flagged) practice_.flag(*a, static_cast<int>(*index), flag);
    auto action = field(*form, "action");
    auto go = [&](size_t i) { return redirect(base + "/q/" + std::to_string(i + 1)); };
    if (action == "prev" && *index > 0) return go(*index - 1);
    if (action == "next" && *index + 1 < a->slots.size()) return go(*index + 1);
    if (action == "review") return redirect(base + "/confirm");
    if (action == "goto") {
      if (auto target = question_number(field(*form, "goto"), a->slots.size())) return go(*target);
    }
    if (action == "finish" && a->mode != Mode::mock) return redirect(base + "/confirm");
    return go(*index);  // "check": stay and show the feedback
  }

  Response confirm(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    auto now = app_.now();
    if (a->finished(now)) return redirect("/attempts/" + a->row.id + "/result");
    auto r = app_.page({a->cert->code + " " + mode_label(a->mode) + ": review and submit",
                        "Check unanswered and flagged questions before you submit.", "practice"},
                       "confirm", confirm_view(*a, now, visitor.csrf_token));
    r.header("Cache-Control", "no-store");
    return r;
  }

  Response submit(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Reload the page and submit again.");
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    practice_.submit(*a);
    return redirect("/attempts/" + a->row.id + "/result");
  }

  Response result(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    auto now = app_.now();
    if (!a->finished(now)) return redirect("/attempts/" + a->row.id + "/confirm");
    auto r =
        app_.page({a->cert->code + " " + mode_label(a->mode) + ": result",
                   "Your score, pass or fail, results per domain and a review of every question.",
                   "practice"},
                  "result", result_view(*a, practice_.result(*a), now, practice_.question_html()));
    r.header("Cache-Control", "no-store");
    return r;
  }

 private:
  View cert_view(const Certification& cert, const std::string& csrf_token) {
    View v;
    v.set("cert_id", cert.id);
    v.set("cert_code", cert.code);
    v.set("cert_name", cert.name);
    v.set("csrf_token", csrf_token);
    if (auto bp = blueprint_for(cert)) {
      v.set("exam_questions", std::to_string(bp->questions));
      v.set("exam_minutes", std::to_string(bp->minutes));
      v.set("pass_count", std::to_string(bp->pass_count));
    }
    ViewList domains;
    auto bank = app_.catalog()->bank(cert.id);
    for (const auto& d : cert.domains) {
      View item;
      item.set("id", d.id);
      item.set("name", d.name);
      auto n = std::count_if(bank.begin(), bank.end(),
                             [&](const Question* q) { return q->domain == d.id; });
      item.set("count", std::to_string(n));
      domains.push_back(item);
    }
    v.set("domains", domains);
    v.set("bank_size", std::to_string(bank.size()));
    v.set("sample_count",
          std::to_string(std::count_if(bank.begin(), bank.end(),
                                       [](const Question* q) { return q->sample; })));
    v.set("estimate_weights", view_bool(!cert.official_weights));
    return v;
  }

  Response not_found() {
    return app_.error(
        404, "There is no such attempt for you. Attempts belong to the browser that started them.");
  }

  App& app_;
  Practice& practice_;
};

}  // namespace

void add_practice_page_routes(Router& r, App& app, Practice& practice) {
  auto pages = std::make_shared<PracticePages>(app, practice);
  auto bind = [pages](Response (PracticePages::*method)(const Request&, const Params&)) {
    return [pages, method](const Request& q, const Params& p) { return ((*pages).*method)(q, p); };
  };
  r.add("GET", "/practice/{cert}", bind(&PracticePages::home));
  r.add("GET", "/practice/{cert}/{mode}", bind(&PracticePages::mode));
  r.add("POST", "/practice/{cert}/attempts", bind(&PracticePages::start));
  r.add("GET", "/attempts/{id}", bind(&PracticePages::resume));
  r.add("GET", "/attempts/{id}/q/{n}", bind(&PracticePages::question));
  r.add("POST", "/attempts/{id}/q/{n}", bind(&PracticePages::save));
  r.add("GET", "/attempts/{id}/confirm", bind(&PracticePages::confirm));
  r.add("POST", "/attempts/{id}/submit", bind(&PracticePages::submit));
  r.add("GET", "/attempts/{id}/result", bind(&PracticePages::result));
}

}  // namespace certhub
