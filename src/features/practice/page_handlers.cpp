// The practice pages: plain HTML forms that work without JavaScript. Every control that leaves a
// question page is a submit button, so the choice on the page is saved first; site.js adds
// saving as each choice is made, the countdown and the keyboard.
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

std::optional<int> parse_int(const std::string& text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Shown after a redirect to a question, chosen by a fixed word so no text comes from the URL.
std::string notice_text(const std::string& notice) {
  if (notice == "stale")
    return "This answer was changed in another tab or window since this page was shown. Here "
           "is the answer that is saved now; choose again if you want to change it.";
  return {};
}

// After "Report a problem" (features/reports) sends the learner back.
std::string thanks_text(const std::string& notice) {
  if (notice == "reported")
    return "Thank you: your report was sent to the people who write these questions.";
  if (notice == "already-reported")
    return "You have already reported this question; we will look at it. Thank you.";
  return {};
}

class PracticePages {
 public:
  PracticePages(App& app, Practice& practice) : app_(app), practice_(practice) {}

  // /practice: every certification with live practice.
  Response index(const Request&, const Params&) {
    auto catalog = app_.catalog();
    ViewList routes;
    for (const auto& c : catalog->certifications) {
      if (c.practice != PracticeStatus::live) continue;
      View item = cert_view(c, "");
      item.set("summary", c.summary);
      routes.push_back(item);
    }
    View v;
    v.set("routes", routes);
    return app_.page(
        {"Practice", "Free sample questions, training and timed mock exams.", "practice"},
        "practice_index", v);
  }

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
      if (row.certification == cert->id) attempts.push_back(attempt_row_view(row, now));
    }
    v.set("attempts", attempts);
    v.set("has_attempts", view_bool(!attempts.empty()));
    auto r = app_.page(
        {cert->code + " practice",
         "Free " + cert->code + " sample questions, training and timed mock exams.", "practice"},
        "practice_home", v);
    r.header("Cache-Control", "no-store");
    Sessions::remember(r, visitor);
    return r;
  }

  // /practice/{cert}/{mode}: what this mode is, and the button that starts it. For a mock exam
  // these are the instructions; the clock starts only on "Start".
  Response mode(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    return mode_page(visitor, p.at("cert"), p.at("mode"), 200);
  }

  Response start(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Go back, reload the page and try again.");
    if (auto limited = app_.over_limit(kAttemptStarts, req)) return *limited;
    auto started = practice_.start(
        visitor.id, {p.at("cert"), field(*form, "mode"), field(*form, "domain"),
                     field(*form, "abandon"), field(*form, "rule"), field(*form, "missed")});
    if (auto* err = std::get_if<PracticeError>(&started)) {
      // A mock exam already running: the instructions page says so and offers both ways on.
      if (!err->running_attempt.empty())
        return mode_page(visitor, p.at("cert"), field(*form, "mode"), 409);
      return app_.error(err->status, err->detail);
    }
    return redirect("/attempts/" + std::get<LoadedAttempt>(started).row.id + "/q/1");
  }

  // /practice/{cert}/review: the exam's high-yield rules on one page, for the night before;
  // each rule starts a short training of the questions that test it.
  Response review(const Request& req, const Params& p) {
    auto catalog = app_.catalog();
    const auto* cert = catalog->certification(p.at("cert"));
    const auto* review = cert ? catalog->review(cert->id) : nullptr;
    if (!cert || cert->practice != PracticeStatus::live || !review)
      return app_.error(404, "There is no quick review for this certification.");
    auto visitor = app_.sessions().visitor(req);
    View v = cert_view(*cert, visitor.csrf_token);
    v.set("intro_html", markdown_html(review->intro));
    auto guide = guide_url();
    ViewList sections;
    int rules = 0;
    for (const auto& section : review->sections) {
      View s;
      s.set("id", section.id);
      s.set("title", section.title);
      ViewList items;
      for (const auto& rule : section.rules) {
        View item;
        item.set("id", rule.id);
        item.set("text_html", markdown_html(rule.text));
        item.set("source_html", reference_html(rule.source, guide));
        item.set("questions_text", std::to_string(rule.questions.size()) +
                                       (rule.questions.size() == 1 ? " question" : " questions"));
        items.push_back(item);
        ++rules;
      }
      s.set("rules", items);
      sections.push_back(s);
    }
    v.set("sections", sections);
    v.set("rule_count", std::to_string(rules));
    auto r = app_.page({cert->code + " quick review",
                        "The " + cert->code +
                            " exam's high-yield rules on one page, each with its "
                            "source and a short training of the questions that test it.",
                        "practice"},
                       "practice_review", v);
    r.header("Cache-Control", "no-store");
    Sessions::remember(r, visitor);
    return r;
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
    if (a->mode == Mode::mock && a->finished(app_.now()))
      return redirect("/attempts/" + a->row.id + "/result");
    QuestionPageState state{visitor.csrf_token, {}, {}, std::nullopt, {}};
    if (auto query = parse_form(req.query)) {
      state.notice = notice_text(field(*query, "notice"));
      state.thanks = thanks_text(field(*query, "notice"));
    }
    return question_page(*a, *index, state, 200);
  }

  // Saves the choice and flag from the question form, then goes where the button said. A
  // refused choice shows the same question again with the reason beside the options.
  Response save(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Reload the question and answer again.");
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    auto index = question_number(p.at("n"), a->slots.size());
    if (!index || !a->questions[*index])
      return app_.error(404, "There is no such question in this attempt.");
    std::string base = "/attempts/" + a->row.id;
    if (a->finished(app_.now()))
      return a->mode == Mode::mock ? redirect(base + "/result")
                                   : app_.error(409, "This attempt is finished.");
    auto action = field(*form, "action");
    auto selected = action == "clear" ? std::vector<std::string>{} : fields(*form, "selected");
    std::sort(selected.begin(), selected.end());
    const auto& saved = a->states[*index].selected;
    QuestionPageState state{visitor.csrf_token, {}, {}, std::nullopt, {}};

    // A mock exam keeps what the form shows (nothing ticked clears the answer); sample and
    // training keep an answer once it is given, and "Check answer" needs one.
    bool mock = a->mode == Mode::mock;
    bool wants_save = mock ? selected != saved : saved.empty() && !selected.empty();
    if (!mock && saved.empty() && selected.empty() && action == "check") {
      state.error = "Choose an answer first.";
      return question_page(*a, *index, state, 422);
    }
    if (wants_save) {
      auto outcome =
          practice_.answer(*a, static_cast<int>(*index), selected, parse_int(field(*form, "seq")));
      if (outcome == SaveOutcome::finished) return redirect(base + "/result");
      if (outcome == SaveOutcome::stale) {
        state.notice = notice_text("stale");
        return question_page(*a, *index, state, 409);
      }
      if (outcome != SaveOutcome::saved) {
        state.error = refusal_text(outcome, *a->questions[*index]);
        state.shown_selection = selected;
        return question_page(*a, *index, state, 422);
      }
    }
    bool flag = !field(*form, "flagged").empty();
    if (flag != a->states[*index].flagged) practice_.flag(*a, static_cast<int>(*index), flag);

    auto go = [&](size_t i) { return redirect(base + "/q/" + std::to_string(i + 1)); };
    if (auto target = question_number(field(*form, "goto"), a->slots.size())) return go(*target);
    if (action == "prev" && *index > 0) return go(*index - 1);
    if (action == "next" && *index + 1 < a->slots.size()) return go(*index + 1);
    if (action == "review" || action == "finish") return redirect(base + "/confirm");
    return go(*index);  // "check" and "clear": stay, and show the feedback or the cleared answer
  }

  Response confirm(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    if (a->finished(app_.now())) return redirect("/attempts/" + a->row.id + "/result");
    std::string filter = "all";
    if (auto query = parse_form(req.query)) {
      auto show = field(*query, "show");
      if (show == "unanswered" || show == "flagged") filter = show;
    }
    return confirm_page(*a, visitor, filter, {}, 200);
  }

  Response submit(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Reload the page and submit again.");
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    // A mock exam submitted with questions left open needs the learner to say so.
    int unanswered = static_cast<int>(a->slots.size()) - a->answered();
    if (a->mode == Mode::mock && !a->finished(app_.now()) && unanswered > 0 &&
        field(*form, "confirm_unanswered").empty())
      return confirm_page(*a, visitor, "all",
                          "Tick the box to confirm that you want to submit with " +
                              std::to_string(unanswered) + " unanswered.",
                          422);
    practice_.submit(*a);
    return redirect("/attempts/" + a->row.id + "/result");
  }

  Response result(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto a = practice_.load(visitor.id, p.at("id"));
    if (!a) return not_found();
    auto now = app_.now();
    if (!a->finished(now)) return redirect("/attempts/" + a->row.id + "/confirm");
    std::string filter, thanks;
    if (auto query = parse_form(req.query)) {
      filter = field(*query, "show");
      thanks = thanks_text(field(*query, "notice"));
    }
    auto view = result_view(*a, practice_.result(*a), now, practice_.question_html(), guide_url(),
                            visitor.csrf_token, filter);
    view.set("thanks", thanks.empty() ? view_bool(false) : View(thanks));
    auto r = app_.page({a->cert->code + " " + mode_label(a->mode) + ": result",
                        "Your score, pass or fail, results per domain and a review of every "
                        "question.",
                        "practice"},
                       "result", view);
    r.header("Cache-Control", "no-store");
    Sessions::remember(r, visitor);
    return r;
  }

  // "Practise the ones I missed": a training attempt of the wrong and unanswered questions.
  Response missed(const Request& req, const Params& p) {
    auto visitor = app_.sessions().visitor(req);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Reload the result and try again.");
    if (auto limited = app_.over_limit(kAttemptStarts, req)) return *limited;
    auto started = practice_.start_missed(visitor.id, p.at("id"));
    if (auto* err = std::get_if<PracticeError>(&started))
      return app_.error(err->status, err->detail);
    return redirect("/attempts/" + std::get<LoadedAttempt>(started).row.id + "/q/1");
  }

 private:
  Response question_page(const LoadedAttempt& a, size_t index, const QuestionPageState& state,
                         int status) {
    auto v = question_view(a, index, app_.now(), state, practice_.question_html(), guide_url());
    auto title = a.cert->code + " " + mode_label(a.mode) + ": question " +
                 std::to_string(index + 1) + " of " + std::to_string(a.slots.size());
    auto r = app_.page({title, "Answer, flag and move between questions.", "practice"}, "question",
                       v, status);
    r.header("Cache-Control", "no-store");
    return r;
  }

  Response confirm_page(const LoadedAttempt& a, const Sessions::Visitor& visitor,
                        const std::string& filter, const std::string& error, int status) {
    auto r = app_.page({a.cert->code + " " + mode_label(a.mode) + ": review and submit",
                        "Check unanswered and flagged questions before you submit.", "practice"},
                       "confirm", confirm_view(a, app_.now(), visitor.csrf_token, filter, error),
                       status);
    r.header("Cache-Control", "no-store");
    return r;
  }

  Response mode_page(const Sessions::Visitor& visitor, const std::string& cert_id,
                     const std::string& mode_text, int status) {
    auto catalog = app_.catalog();
    const auto* cert = catalog->certification(cert_id);
    auto mode = parse_mode(mode_text);
    // A drill starts from /drill, which shows the cards due.
    if (!cert || cert->practice != PracticeStatus::live || !mode || *mode == Mode::drill)
      return app_.error(404);
    View v = cert_view(*cert, visitor.csrf_token);
    v.set("mode", to_string(*mode));
    v.set("mode_label", mode_label(*mode));
    v.set("is_" + std::string(to_string(*mode)), view_bool(true));
    if (*mode == Mode::mock && !visitor.is_new) {
      if (auto running = app_.store().attempts().running_mock(visitor.id, cert->id)) {
        if (auto a = practice_.load(visitor.id, running->id); a && !a->finished(app_.now())) {
          View r;
          r.set("id", a->row.id);
          r.set("answered", std::to_string(a->answered()));
          r.set("total", std::to_string(a->slots.size()));
          r.set("minutes_left", std::to_string((a->timing.seconds_left(app_.now()) + 59) / 60));
          v.set("running", r);
        }
      }
    }
    auto r = app_.page({cert->code + " " + mode_label(*mode),
                        mode_label(*mode) + " for the " + cert->code + ".", "practice"},
                       "practice_mode", v, status);
    r.header("Cache-Control", "no-store");
    Sessions::remember(r, visitor);
    return r;
  }

  static std::string refusal_text(SaveOutcome outcome, const Question& q) {
    auto choose = std::to_string(q.choose);
    switch (outcome) {
      case SaveOutcome::too_many:
        return "Choose only " + choose + " answers. Untick one before you choose another.";
      case SaveOutcome::too_few:
        return "This question asks for " + choose + " answers. Choose " + choose +
               " before you check.";
      case SaveOutcome::empty:
        return "Choose an answer first.";
      case SaveOutcome::locked:
        return "This question was answered already; its answer cannot change.";
      default:
        return "That choice does not fit this question. Choose again.";
    }
  }

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
      v.set("pass_percent",
            std::to_string(
                bp->questions ? (100 * bp->pass_count + bp->questions - 1) / bp->questions : 0));
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
    v.set("has_review", view_bool(app_.catalog()->review(cert.id) != nullptr));
    v.set("multiple_answers",
          view_bool(std::any_of(bank.begin(), bank.end(), [](const Question* q) {
            return q->type == QuestionType::multiple;
          })));
    return v;
  }

  // The Scrum Guide's public page, which question references link into.
  std::string guide_url() {
    const auto* guide = app_.catalog()->source("SG-2020");
    return guide ? guide->url : std::string();
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
  r.add("GET", "/practice", bind(&PracticePages::index));
  r.add("GET", "/practice/{cert}", bind(&PracticePages::home));
  r.add("GET", "/practice/{cert}/review", bind(&PracticePages::review));  // before {mode}
  r.add("GET", "/practice/{cert}/{mode}", bind(&PracticePages::mode));
  r.add("POST", "/practice/{cert}/attempts", bind(&PracticePages::start));
  r.add("GET", "/attempts/{id}", bind(&PracticePages::resume));
  r.add("GET", "/attempts/{id}/q/{n}", bind(&PracticePages::question));
  r.add("POST", "/attempts/{id}/q/{n}", bind(&PracticePages::save));
  r.add("GET", "/attempts/{id}/confirm", bind(&PracticePages::confirm));
  r.add("POST", "/attempts/{id}/submit", bind(&PracticePages::submit));
  r.add("GET", "/attempts/{id}/result", bind(&PracticePages::result));
  r.add("POST", "/attempts/{id}/missed", bind(&PracticePages::missed));
}

}  // namespace certhub
