#include "features/practice/page_views.hpp"

#include <algorithm>
#include <cmath>

namespace certhub {
namespace {

std::string letter(size_t i) {
  return std::string(1, static_cast<char>('A' + i));
}
std::string lower(size_t i) {
  return std::string(1, static_cast<char>('a' + i));
}

std::string duration_text(std::int64_t seconds) {
  auto minutes = seconds / 60, rest = seconds % 60;
  return std::to_string(minutes) + " min " + (rest < 10 ? "0" : "") + std::to_string(rest) + " s";
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// Options with the learner's choice and, when allowed, the key and the reason for each.
ViewList options_view(const LoadedAttempt& a, size_t index, bool reveal, const QuestionHtml& html) {
  ViewList list;
  const auto& q = *a.questions[index];
  const auto& slot = a.slots[index];
  auto key = shown_key(q, slot);
  const auto& selected = a.states[index].selected;
  for (size_t i = 0; i < slot.order.size(); ++i) {
    const auto& option = q.options[static_cast<size_t>(slot.order[i])];
    View o;
    o.set("value", lower(i));
    o.set("letter", letter(i));
    o.set("number", std::to_string(i + 1));
    o.set("text_html", html.options[static_cast<size_t>(slot.order[i])]);
    o.set("checked", view_bool(contains(selected, lower(i))));
    if (reveal) {
      bool right = contains(key, lower(i));
      o.set("is_key", view_bool(right));
      o.set("verdict", right ? "Correct option" : "Incorrect option");
      o.set("reason", option.reason);
    }
    list.push_back(o);
  }
  return list;
}

}  // namespace

std::string mode_label(Mode mode) {
  switch (mode) {
    case Mode::sample:
      return "Sample questions";
    case Mode::training:
      return "Training";
    case Mode::mock:
      return "Mock exam";
  }
  return "";
}

// Built as a string, not as template data: at 50 links this list was most of the cost of a
// question page (bench/README.md). The markup is the same as the template's other links.
std::string navigator_items_html(const LoadedAttempt& a, size_t current) {
  std::string html;
  html.reserve(a.slots.size() * 150);
  auto href = "/attempts/" + escape_html(a.row.id) + "/q/";
  for (size_t i = 0; i < a.slots.size(); ++i) {
    auto number = std::to_string(i + 1);
    bool answered = !a.states[i].selected.empty();
    bool flagged = a.states[i].flagged;
    html += "<li><a href=\"";
    html += href;
    html += number;
    html += "\" class=\"nav-item";
    if (answered) html += " answered";
    if (flagged) html += " flagged";
    html += '"';
    if (i == current) html += " aria-current=\"step\"";
    html += '>';
    html += number;
    html += "<span class=\"visually-hidden\"> (";
    html += answered ? "answered" : "not answered";
    if (flagged) html += ", flagged";
    html += ")</span>";
    if (flagged) html += "<span aria-hidden=\"true\">\u2691</span>";
    html += "</a></li>";
  }
  return html;
}

View question_view(const LoadedAttempt& a, size_t index, std::int64_t now,
                   const std::string& csrf_token, QuestionHtmlCache& html_cache) {
  const auto& q = *a.questions[index];
  auto html = html_cache.get(a.catalog, q);
  bool answered = !a.states[index].selected.empty();
  // Sample and training give feedback as soon as a question is answered; a mock never does.
  bool feedback = a.mode != Mode::mock && answered;
  View v;
  v.set("attempt_id", a.row.id);
  v.set("csrf_token", csrf_token);
  v.set("cert_code", a.cert->code);
  v.set("cert_id", a.cert->id);
  v.set("mode_label", mode_label(a.mode));
  v.set("is_mock", view_bool(a.mode == Mode::mock));
  v.set("number", std::to_string(index + 1));
  v.set("total", std::to_string(a.slots.size()));
  v.set("answered_count", std::to_string(a.answered()));
  v.set("has_prev", view_bool(index > 0));
  v.set("has_next", view_bool(index + 1 < a.slots.size()));
  v.set("prev_number", std::to_string(index));
  v.set("next_number", std::to_string(index + 2));
  v.set("stem_html", html->stem);
  v.set("multiple", view_bool(q.type == QuestionType::multiple));
  v.set("input_type", q.type == QuestionType::multiple ? "checkbox" : "radio");
  v.set("choose", std::to_string(q.choose));
  v.set("flagged", view_bool(a.states[index].flagged));
  v.set("options", options_view(a, index, feedback, *html));
  v.set("feedback", view_bool(feedback));
  v.set("locked", view_bool(feedback));
  if (feedback) {
    bool right = is_correct(q, a.slots[index], a.states[index].selected);
    v.set("correct", view_bool(right));
    auto key = shown_key(q, a.slots[index]);
    std::string key_text;
    for (const auto& k : key)
      key_text +=
          (key_text.empty() ? "" : " and ") + std::string(1, static_cast<char>(std::toupper(k[0])));
    v.set("key_text", key_text);
    v.set("explanation_html", html->explanation);
    v.set("reference", q.reference);
  }
  if (a.timing.deadline) {
    v.set("deadline_iso", rfc3339(*a.timing.deadline));
    v.set("deadline_clock", clock_time_utc(*a.timing.deadline));
    v.set("minutes_left", std::to_string((a.timing.seconds_left(now) + 59) / 60));
    v.set("seconds_left", std::to_string(a.timing.seconds_left(now)));
  }
  v.set("nav_items_html", navigator_items_html(a, index));
  return v;
}

View confirm_view(const LoadedAttempt& a, std::int64_t now, const std::string& csrf_token) {
  View v;
  v.set("attempt_id", a.row.id);
  v.set("csrf_token", csrf_token);
  v.set("cert_code", a.cert->code);
  v.set("mode_label", mode_label(a.mode));
  ViewList unanswered, flagged;
  for (size_t i = 0; i < a.slots.size(); ++i) {
    View item;
    item.set("number", std::to_string(i + 1));
    if (a.states[i].selected.empty()) unanswered.push_back(item);
    if (a.states[i].flagged) flagged.push_back(item);
  }
  v.set("unanswered_count", std::to_string(unanswered.size()));
  v.set("flagged_count", std::to_string(flagged.size()));
  v.set("has_unanswered", view_bool(!unanswered.empty()));
  v.set("has_flagged", view_bool(!flagged.empty()));
  v.set("unanswered", unanswered);
  v.set("flagged", flagged);
  v.set("answered_count", std::to_string(a.answered()));
  v.set("total", std::to_string(a.slots.size()));
  if (a.timing.deadline) {
    v.set("deadline_iso", rfc3339(*a.timing.deadline));
    v.set("deadline_clock", clock_time_utc(*a.timing.deadline));
    v.set("minutes_left", std::to_string((a.timing.seconds_left(now) + 59) / 60));
    v.set("seconds_left", std::to_string(a.timing.seconds_left(now)));
  }
  return v;
}

std::string domain_chart_svg(const Result& r) {
  constexpr int kLabelWidth = 170, kBarWidth = 300, kRow = 34;
  int height = static_cast<int>(r.domains.size()) * kRow + 10;
  std::string svg = "<svg class=\"domain-chart\" viewBox=\"0 0 " +
                    std::to_string(kLabelWidth + kBarWidth + 70) + " " + std::to_string(height) +
                    "\" width=\"100%\" role=\"img\" aria-labelledby=\"chart-title\">";
  svg += "<title id=\"chart-title\">Correct answers per domain</title>";
  int y = 6;
  for (const auto& d : r.domains) {
    double share = d.total ? static_cast<double>(d.correct) / d.total : 0;
    int width = static_cast<int>(std::lround(share * kBarWidth));
    auto ys = std::to_string(y);
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 18) + "\" font-size=\"14\" fill=\"#1b1f24\">" +
           escape_html(d.name) + "</text>";
    svg += "<rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + ys + "\" width=\"" +
           std::to_string(kBarWidth) + "\" height=\"24\" fill=\"#eef1f5\" stroke=\"#8a94a3\"/>";
    svg += "<rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + ys + "\" width=\"" +
           std::to_string(width) + "\" height=\"24\" fill=\"#0b5cad\"/>";
    svg += "<text x=\"" + std::to_string(kLabelWidth + kBarWidth + 8) + "\" y=\"" +
           std::to_string(y + 18) + "\" font-size=\"14\" fill=\"#1b1f24\">" +
           std::to_string(d.correct) + "/" + std::to_string(d.total) + "</text>";
    y += kRow;
  }
  return svg + "</svg>";
}

View result_view(const LoadedAttempt& a, const Result& r, std::int64_t now,
                 QuestionHtmlCache& html_cache) {
  View v;
  v.set("attempt_id", a.row.id);
  v.set("cert_code", a.cert->code);
  v.set("cert_id", a.cert->id);
  v.set("mode_label", mode_label(a.mode));
  v.set("correct", std::to_string(r.correct));
  v.set("total", std::to_string(r.total));
  char score[16];
  std::snprintf(score, sizeof score, "%.1f", r.score);
  v.set("score", score);
  v.set("has_pass_mark", view_bool(r.pass_mark > 0));
  v.set("pass_mark", std::to_string(r.pass_mark));
  v.set("passed", view_bool(r.passed));
  v.set("time_used", duration_text(a.timing.seconds_used(now)));
  v.set("chart_svg", domain_chart_svg(r));
  ViewList domains;
  for (const auto& d : r.domains) {
    View item;
    item.set("name", d.name);
    item.set("correct", std::to_string(d.correct));
    item.set("total", std::to_string(d.total));
    item.set(
        "percent",
        std::to_string(d.total ? static_cast<int>(std::lround(100.0 * d.correct / d.total)) : 0));
    domains.push_back(item);
  }
  v.set("domains", domains);
  ViewList review;
  for (size_t i = 0; i < a.slots.size(); ++i) {
    if (!a.questions[i]) continue;
    const auto& q = *a.questions[i];
    auto html = html_cache.get(a.catalog, q);
    View item;
    item.set("number", std::to_string(i + 1));
    item.set("stem_html", html->stem);
    item.set("correct", view_bool(i < r.slot_correct.size() && r.slot_correct[i]));
    item.set("unanswered", view_bool(a.states[i].selected.empty()));
    item.set("options", options_view(a, i, true, *html));
    item.set("explanation_html", html->explanation);
    item.set("reference", q.reference);
    review.push_back(item);
  }
  v.set("review", review);
  return v;
}

}  // namespace certhub
