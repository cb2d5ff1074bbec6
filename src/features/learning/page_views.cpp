#include "features/learning/page_views.hpp"

#include <cmath>

#include "core/date.hpp"
#include "core/html.hpp"
#include "web/attempt_rows.hpp"

namespace certhub {

std::string probability_text(double p) {
  // A rounded 0% or 100% would read as certainty, which an estimate never is.
  if (p < 0.005) return "under 1%";
  if (p > 0.995) return "over 99%";
  return std::to_string(static_cast<int>(std::lround(p * 100))) + "%";
}

namespace {

std::string day_text(long day) {
  return long_date(civil_from_days(day));
}

View next_step_view(const CertProgress& p) {
  const auto& cert = *p.cert;
  View v;
  std::string domain_id, domain_name;
  if (p.next.domain >= 0 && static_cast<size_t>(p.next.domain) < cert.domains.size()) {
    domain_id = cert.domains[static_cast<size_t>(p.next.domain)].id;
    domain_name = cert.domains[static_cast<size_t>(p.next.domain)].name;
  }
  switch (p.next.kind) {
    case NextStepKind::start:
      v.set("text", "Start with the free " + cert.code +
                        " sample questions: each answer shows why every option is right or wrong.");
      v.set("href", "/practice/" + cert.id + "/sample");
      v.set("action", "Start the sample questions");
      break;
    case NextStepKind::train_domain: {
      const auto& m = p.readiness.domains[static_cast<size_t>(p.next.domain)];
      v.set("text", p.readiness.shown
                        ? "Train " + domain_name + ", your weakest domain (mastery about " +
                              probability_text(m.mean) + ")."
                        : "Train " + domain_name + ": readiness needs about " +
                              count_text(m.answers_missing, "more answer") + " there.");
      v.set("form_domain", domain_id);
      v.set("action", "Train " + domain_name);
      break;
    }
    case NextStepKind::drill:
      v.set("text", count_text(p.drill.due_today, "card") +
                        (p.drill.due_today == 1 ? " is" : " are") +
                        " due today: a short drill keeps what you learned.");
      v.set("form_drill", view_bool(true));
      v.set("action", "Drill the due cards");
      break;
    case NextStepKind::mock:
      v.set("text", "Your readiness looks high (" + probability_text(p.readiness.pass_probability) +
                        "), but no mock exam in the last 7 days has tested it.");
      v.set("href", "/practice/" + cert.id + "/mock");
      v.set("action", "Take a mock exam");
      break;
    case NextStepKind::keep_going:
      v.set("text",
            "Your latest mock exam passed and no cards are due: keep practising a little each "
            "day, and drill the cards as they fall due.");
      v.set("href", "/drill");
      v.set("action", "See your drill plan");
      break;
  }
  return v;
}

std::string svg_number(double v) {
  return std::to_string(static_cast<int>(std::lround(v)));
}

// <line class="CLASS" x1=".." x2=".." y1="Y" y2="Y"/>: a horizontal line.
std::string svg_rule(const char* css_class, int x1, int x2, const std::string& y) {
  return std::string("<line class=\"") + css_class + "\" x1=\"" + std::to_string(x1) + "\" x2=\"" +
         std::to_string(x2) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
}

// <text class="CLASS" x=".." y=".." dy=".." text-anchor="end">TEXT</text>
std::string svg_label(const char* css_class, int x, const std::string& y, int dy,
                      const std::string& text) {
  return std::string("<text class=\"") + css_class + "\" x=\"" + std::to_string(x) + "\" y=\"" + y +
         "\" dy=\"" + std::to_string(dy) + "\" text-anchor=\"end\">" + escape_html(text) +
         "</text>";
}

std::string svg_point(double x, double y, bool passed) {
  return std::string("<circle class=\"score-point") + (passed ? " is-passed" : "") + "\" cx=\"" +
         svg_number(x) + "\" cy=\"" + svg_number(y) + "\" r=\"4\"/>";
}

}  // namespace

std::string score_chart_svg(const std::vector<MockPoint>& mocks, int pass_count, int questions) {
  // 0-100% upwards; the points evenly spaced in the order taken.
  constexpr int kWidth = 320, kHeight = 160, kLeft = 34, kRight = 10, kTop = 10, kBottom = 20;
  auto y_of = [&](double share) {
    return kTop + (1 - std::clamp(share, 0.0, 1.0)) * (kHeight - kTop - kBottom);
  };
  auto x_of = [&](size_t i) {
    if (mocks.size() < 2) return (kLeft + kWidth - kRight) / 2.0;
    return kLeft + static_cast<double>(i) * (kWidth - kLeft - kRight) /
                       static_cast<double>(mocks.size() - 1);
  };
  auto share_of = [](const MockPoint& m) {
    return m.total ? static_cast<double>(m.correct) / m.total : 0.0;
  };
  std::string svg = "<svg class=\"score-chart\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                    std::to_string(kHeight) +
                    "\" aria-hidden=\"true\" focusable=\"false\" role=\"presentation\">";
  for (int pct : {0, 50, 100}) {
    auto y = svg_number(y_of(pct / 100.0));
    svg += svg_rule("grid", kLeft, kWidth - kRight, y);
    svg += svg_label("axis", kLeft - 4, y, 4, std::to_string(pct) + "%");
  }
  if (questions > 0) {
    auto y = svg_number(y_of(static_cast<double>(pass_count) / questions));
    svg += svg_rule("pass-line", kLeft, kWidth - kRight, y);
    svg += svg_label("pass-label", kWidth - kRight, y, -4, "pass");
  }
  if (mocks.size() > 1) {
    svg += "<polyline class=\"score-line\" points=\"";
    for (size_t i = 0; i < mocks.size(); ++i) {
      if (i) svg += ' ';
      svg += svg_number(x_of(i));
      svg += ',';
      svg += svg_number(y_of(share_of(mocks[i])));
    }
    svg += "\"/>";
  }
  for (size_t i = 0; i < mocks.size(); ++i)
    svg += svg_point(x_of(i), y_of(share_of(mocks[i])), mocks[i].passed);
  return svg + "</svg>";
}

int attempt_pages(const CertProgress& p) {
  auto n = static_cast<int>(p.attempts.size());
  return std::max(1, (n + kAttemptsPerPage - 1) / kAttemptsPerPage);
}

View progress_view(const CertProgress& p, std::int64_t now, const std::string& csrf_token,
                   bool full, int attempts_page) {
  const auto& cert = *p.cert;
  const auto& r = p.readiness;
  View v;
  v.set("cert_id", cert.id);
  v.set("cert_code", cert.code);
  v.set("csrf_token", csrf_token);
  v.set("practised", view_bool(p.practised()));
  v.set("attempt_count_text", count_text(static_cast<int>(p.attempts.size()), "attempt"));
  v.set("evidence_text", count_text(r.evidence, "answer"));
  v.set("readiness_shown", view_bool(r.shown));
  v.set("pass_probability", probability_text(r.pass_probability));
  auto low = probability_text(r.low), high = probability_text(r.high);
  v.set("readiness_range", low == high ? std::string() : "likely between " + low + " and " + high);
  v.set("missing_text", count_text(r.answers_missing, "more question"));
  v.set("due_today", std::to_string(p.drill.due_today));
  v.set("cards_text", count_text(p.drill.cards, "card"));
  v.set("has_exam_day", view_bool(p.drill.exam_day.has_value()));
  if (p.drill.exam_day) v.set("exam_date", day_text(*p.drill.exam_day));
  v.set("next", next_step_view(p));
  if (!full) return v;

  ViewList attempts;
  auto total = static_cast<int>(p.attempts.size());
  int first = (attempts_page - 1) * kAttemptsPerPage;
  int last = std::min(total, first + kAttemptsPerPage);
  for (int i = first; i < last; ++i)
    attempts.push_back(attempt_row_view(p.attempts[static_cast<size_t>(i)], now));
  v.set("attempts", attempts);
  v.set("has_attempts", view_bool(!attempts.empty()));
  if (total > kAttemptsPerPage) {
    View pager;
    pager.set("range_text", "Attempts " + std::to_string(first + 1) + "\u2013" +
                                std::to_string(last) + " of " + std::to_string(total) +
                                ", newest first");
    if (attempts_page > 1) pager.set("newer_page", std::to_string(attempts_page - 1));
    if (attempts_page < attempt_pages(p))
      pager.set("older_page", std::to_string(attempts_page + 1));
    v.set("pager", pager);
  }

  int questions = p.blueprint ? p.blueprint->questions : 0;
  int pass_count = p.blueprint ? p.blueprint->pass_count : 0;
  v.set("pass_count", std::to_string(pass_count));
  v.set("exam_questions", std::to_string(questions));
  v.set("pass_percent", percent_text(pass_count, questions));
  // The chart and its table show the latest mock exams; every attempt is in the list below.
  auto shown_from = p.mocks.size() > kChartMocks ? p.mocks.size() - kChartMocks : 0;
  std::vector<MockPoint> recent(p.mocks.begin() + static_cast<std::ptrdiff_t>(shown_from),
                                p.mocks.end());
  ViewList mocks;
  for (size_t i = 0; i < recent.size(); ++i) {
    const auto& m = recent[i];
    View item;
    item.set("number", std::to_string(shown_from + i + 1));
    item.set("id", m.attempt_id);
    item.set("finished_iso", rfc3339(m.at));
    item.set("finished", utc_minute_text(m.at));
    item.set("score", std::to_string(m.correct) + " of " + std::to_string(m.total));
    item.set("percent", percent_text(m.correct, m.total));
    item.set("result", m.passed ? "Passed" : "Not passed");
    mocks.push_back(item);
  }
  v.set("mocks", mocks);
  v.set("has_mocks", view_bool(!mocks.empty()));
  v.set("mocks_caption", shown_from
                             ? "Your latest " + std::to_string(recent.size()) + " of " +
                                   count_text(static_cast<int>(p.mocks.size()), "mock exam") +
                                   ", in the order taken"
                             : std::string("Mock exam scores in the order taken"));
  v.set("score_chart_svg", score_chart_svg(recent, pass_count, questions));

  std::vector<Bar> bars;
  ViewList domains;
  for (size_t i = 0; i < cert.domains.size() && i < r.domains.size(); ++i) {
    const auto& m = r.domains[i];
    const auto& d = cert.domains[i];
    // No answers: an empty bar, not the prior's 50%, which would look like half a mastery.
    bars.push_back({d.name, m.answers ? m.mean : 0.0,
                    m.answers ? probability_text(m.mean) : std::string("no answers yet")});
    View item;
    item.set("id", d.id);
    item.set("name", d.name);
    item.set("answers", std::to_string(m.answers));
    item.set("mastery", m.answers ? probability_text(m.mean) : std::string("\u2014"));
    item.set("range", m.answers ? probability_text(m.low) + "\u2013" + probability_text(m.high)
                                : std::string("\u2014"));
    item.set("missing", m.answers_missing ? count_text(m.answers_missing, "more answer")
                                          : std::string("enough"));
    domains.push_back(item);
  }
  v.set("domains", domains);
  v.set("mastery_chart_html", bar_chart_html(bars));
  return v;
}

View drill_view(const CertDrill& d, long today, const std::string& csrf_token) {
  const auto& cert = *d.cert;
  View v;
  v.set("cert_id", cert.id);
  v.set("cert_code", cert.code);
  v.set("csrf_token", csrf_token);
  v.set("due_today", std::to_string(d.due_today));
  v.set("due_text", count_text(d.due_today, "card"));
  v.set("has_due", view_bool(d.due_today > 0));
  v.set("has_cards", view_bool(d.cards > 0));
  v.set("cards_text", count_text(d.cards, "card"));
  ViewList domains;
  for (size_t i = 0; i < cert.domains.size(); ++i) {
    if (d.due_per_domain[i] == 0) continue;
    View item;
    item.set("id", cert.domains[i].id);
    item.set("name", cert.domains[i].name);
    item.set("due", std::to_string(d.due_per_domain[i]));
    domains.push_back(item);
  }
  v.set("domains", domains);
  v.set("has_exam_day", view_bool(d.exam_day.has_value()));
  v.set("exam_date_value", d.exam_day ? to_string(civil_from_days(*d.exam_day)) : std::string());
  v.set("min_date", to_string(civil_from_days(today)));
  if (d.exam_day) {
    v.set("exam_date", day_text(*d.exam_day));
    v.set("has_plan", view_bool(d.plan.days_left > 0));
    v.set("plan_text", "About " + count_text(d.plan.per_day, "card") + " a day until " +
                           day_text(*d.exam_day) + " (" + count_text(d.due_before_exam, "card") +
                           " over " + count_text(d.plan.days_left, "day") + ").");
    v.set("exam_today", view_bool(d.plan.days_left == 0));
  }
  return v;
}

}  // namespace certhub
