#include "features/practice/page_views.hpp"

#include <algorithm>
#include <cmath>

#include "core/references.hpp"
#include "web/attempt_rows.hpp"
#include "web/report_form.hpp"

namespace certhub {
namespace {

std::string letter(size_t i) {
  return std::string(1, static_cast<char>('A' + i));
}
std::string lower(size_t i) {
  return std::string(1, static_cast<char>('a' + i));
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// "A", "A and C": shown letters in capitals.
std::string letters_text(const std::vector<std::string>& letters) {
  std::string out;
  for (size_t i = 0; i < letters.size(); ++i) {
    if (i > 0) out += i + 1 == letters.size() ? " and " : ", ";
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(letters[i][0])));
  }
  return out;
}

// How a revealed option is marked, by a class (colour and border), an icon and words, so the
// mark never rests on colour alone.
struct OptionMark {
  const char* state_class;
  const char* icon;
  const char* text;
};
OptionMark option_mark(bool right, bool chosen) {
  if (right) return {"is-key", "\u2713", chosen ? "Correct answer, your choice" : "Correct answer"};
  if (chosen) return {"is-wrong-choice", "\u2717", "Your choice, incorrect"};
  return {"is-other", "", "Not the answer"};
}

// The review's options, as template data: each with the learner's choice, its mark and reason.
ViewList options_view(const LoadedAttempt& a, size_t index, const QuestionHtml& html,
                      const std::vector<std::string>& selected) {
  ViewList list;
  const auto& q = *a.questions[index];
  const auto& slot = a.slots[index];
  auto key = shown_key(q, slot);
  for (size_t i = 0; i < slot.order.size(); ++i) {
    auto original = static_cast<size_t>(slot.order[i]);
    auto mark = option_mark(contains(key, lower(i)), contains(selected, lower(i)));
    View o;
    o.set("letter", letter(i));
    o.set("text_html", html.options[original]);
    o.set("state_class", mark.state_class);
    o.set("mark_icon", mark.icon);
    o.set("mark_text", mark.text);
    o.set("reason", q.options[original].reason);
    list.push_back(o);
  }
  return list;
}

// The question form's options, built as a string like the navigator (a question page is the
// hottest page; template data per option cost more than the rest of the page). With `reveal`,
// each option carries its mark and reason.
std::string options_html(const LoadedAttempt& a, size_t index, bool reveal,
                         const QuestionHtml& html, const std::vector<std::string>& selected) {
  const auto& q = *a.questions[index];
  const auto& slot = a.slots[index];
  const char* type = q.type == QuestionType::multiple ? "checkbox" : "radio";
  auto key = reveal ? shown_key(q, slot) : std::vector<std::string>{};
  std::string out;
  out.reserve(slot.order.size() * 400);
  for (size_t i = 0; i < slot.order.size(); ++i) {
    auto value = lower(i);
    auto original = static_cast<size_t>(slot.order[i]);
    bool chosen = contains(selected, value);
    auto mark = option_mark(contains(key, value), chosen);
    out += "<div class=\"option";
    if (reveal) (out += ' ') += mark.state_class;
    out += "\">\n      <input type=\"";
    out += type;
    out += "\" name=\"selected\" value=\"";
    out += value;
    out += "\" id=\"opt-";
    out += value;
    out += chosen ? "\" checked>" : "\">";
    out += "\n      <label for=\"opt-";
    out += value;
    out += "\"><span class=\"option-letter\">";
    out += letter(i);
    out += ".</span> <span class=\"option-text\">";
    out += html.options[original];
    out += "</span>";
    if (reveal) {
      out += "<span class=\"option-mark\"><span class=\"mark-icon\" aria-hidden=\"true\">";
      out += mark.icon;
      out += "</span> ";
      out += mark.text;
      out += "</span>";
    }
    out += "</label>";
    if (reveal) {
      out += "\n      <p class=\"option-reason\">";
      out += escape_html(q.options[original].reason);
      out += "</p>";
    }
    out += "\n    </div>\n    ";
  }
  return out;
}

// The timer of a timed attempt: the deadline (in UTC, turned into local time by site.js) and the
// seconds left, which site.js counts down.
void set_timer(View& v, const LoadedAttempt& a, std::int64_t now) {
  if (!a.timing.deadline) return;
  v.set("deadline_iso", rfc3339(*a.timing.deadline));
  v.set("deadline_clock", clock_time_utc(*a.timing.deadline));
  v.set("minutes_left", std::to_string((a.timing.seconds_left(now) + 59) / 60));
  v.set("seconds_left", std::to_string(a.timing.seconds_left(now)));
}

// Filter links ("All (50)", "Wrong (12)") for a list of questions; the current one is marked.
ViewList filter_links(const std::string& base,
                      const std::vector<std::pair<std::string, std::pair<std::string, int>>>& items,
                      const std::string& current) {
  ViewList out;
  for (const auto& [id, label_count] : items) {
    View f;
    std::string href = base;
    href += "?show=";
    href += id;
    f.set("href", href);
    f.set("label", label_count.first);
    f.set("count", std::to_string(label_count.second));
    f.set("current", view_bool(id == current));
    out.push_back(f);
  }
  return out;
}

}  // namespace

std::string reference_html(const std::string& reference, const std::string& guide_url) {
  std::string html;
  for (const auto& part : reference_parts(reference, guide_url)) {
    if (part.url.empty()) {
      html += escape_html(part.text);
    } else {
      html += "<a href=\"" + escape_html(part.url) + "\">" + escape_html(part.text) + "</a>";
    }
  }
  return html;
}

// Built as a string, not as template data: at 50 buttons this list was most of the cost of a
// question page (bench/README.md). Each number is a submit button of the question form, so
// moving to another question saves the current choice first, with or without JavaScript.
std::string navigator_items_html(const LoadedAttempt& a, size_t current) {
  std::string html;
  html.reserve(a.slots.size() * 170);
  for (size_t i = 0; i < a.slots.size(); ++i) {
    auto number = std::to_string(i + 1);
    bool answered = !a.states[i].selected.empty();
    bool flagged = a.states[i].flagged;
    html += "<li><button type=\"submit\" form=\"question-form\" name=\"goto\" value=\"";
    html += number;
    html += "\" class=\"nav-item";
    if (answered) html += " answered";
    if (flagged) html += " flagged";
    html += "\" data-index=\"";
    html += number;
    html += '"';
    if (i == current) html += " aria-current=\"step\"";
    html += '>';
    html += number;
    html += "<span class=\"visually-hidden nav-state\"> (";
    html += answered ? "answered" : "not answered";
    if (flagged) html += ", flagged";
    html += ")</span>";
    if (flagged) html += "<span class=\"nav-flag\" aria-hidden=\"true\">\u2691</span>";
    html += "</button></li>";
  }
  return html;
}

View question_view(const LoadedAttempt& a, size_t index, std::int64_t now,
                   const QuestionPageState& state, QuestionHtmlCache& html_cache,
                   const std::string& guide_url) {
  const auto& q = *a.questions[index];
  auto html = html_cache.get(a.catalog, q);
  const auto& saved = a.states[index].selected;
  const auto& selected = state.shown_selection ? *state.shown_selection : saved;
  // Sample and training give feedback as soon as a question is answered; a mock never does.
  bool feedback = a.mode != Mode::mock && !saved.empty();
  bool mock = a.mode == Mode::mock;
  View v;
  v.set("attempt_id", a.row.id);
  v.set("csrf_token", state.csrf_token);
  v.set("cert_code", a.cert->code);
  v.set("cert_id", a.cert->id);
  v.set("mode", to_string(a.mode));
  v.set("mode_label", mode_label(a.mode));
  v.set("is_mock", view_bool(mock));
  v.set("number", std::to_string(index + 1));
  v.set("total", std::to_string(a.slots.size()));
  v.set("answered_count", std::to_string(a.answered()));
  v.set("sequence", std::to_string(a.states[index].sequence));
  v.set("has_prev", view_bool(index > 0));
  v.set("has_next", view_bool(index + 1 < a.slots.size()));
  v.set("stem_html", html->stem);
  bool multiple = q.type == QuestionType::multiple;
  v.set("multiple", view_bool(multiple));
  v.set("choose", std::to_string(multiple ? q.choose : 1));
  v.set("flagged", view_bool(a.states[index].flagged));
  v.set("options_html", options_html(a, index, feedback, *html, selected));
  v.set("feedback", view_bool(feedback));
  v.set("locked", view_bool(feedback));
  v.set("can_clear", view_bool(mock && !saved.empty()));
  v.set("notice", state.notice.empty() ? view_bool(false) : View(state.notice));
  v.set("error", state.error.empty() ? view_bool(false) : View(state.error));
  if (feedback) {
    bool right = is_correct(q, a.slots[index], saved);
    v.set("correct", view_bool(right));
    v.set("key_text", letters_text(shown_key(q, a.slots[index])));
    v.set("explanation_html", html->explanation);
    v.set("reference_html", reference_html(q.reference, guide_url));
    v.set("report_form_html",
          report_form_html(q.id, "/attempts/" + a.row.id + "/q/" + std::to_string(index + 1),
                           state.csrf_token, "q"));
  }
  v.set("thanks", state.thanks.empty() ? view_bool(false) : View(state.thanks));
  set_timer(v, a, now);
  v.set("nav_items_html", navigator_items_html(a, index));
  return v;
}

View confirm_view(const LoadedAttempt& a, std::int64_t now, const std::string& csrf_token,
                  const std::string& filter, const std::string& error) {
  View v;
  v.set("attempt_id", a.row.id);
  v.set("csrf_token", csrf_token);
  v.set("cert_code", a.cert->code);
  v.set("mode_label", mode_label(a.mode));
  v.set("is_mock", view_bool(a.mode == Mode::mock));
  int unanswered = 0, flagged = 0;
  size_t first_unanswered = a.slots.size();
  ViewList grid;
  for (size_t i = 0; i < a.slots.size(); ++i) {
    const auto& s = a.states[i];
    bool answered = !s.selected.empty();
    if (!answered && first_unanswered == a.slots.size()) first_unanswered = i;
    unanswered += answered ? 0 : 1;
    flagged += s.flagged ? 1 : 0;
    if ((filter == "unanswered" && answered) || (filter == "flagged" && !s.flagged)) continue;
    View item;
    item.set("number", std::to_string(i + 1));
    item.set("answered", view_bool(answered));
    item.set("flagged", view_bool(s.flagged));
    item.set("answer", answered ? letters_text(s.selected) : std::string("\u2014"));
    item.set("answer_words", answered ? "answer " + letters_text(s.selected) : "not answered");
    grid.push_back(item);
  }
  auto base = "/attempts/" + a.row.id + "/confirm";
  v.set("filters", filter_links(base,
                                {{"all", {"All", static_cast<int>(a.slots.size())}},
                                 {"unanswered", {"Unanswered", unanswered}},
                                 {"flagged", {"Flagged", flagged}}},
                                filter));
  v.set("grid", grid);
  v.set("grid_empty", view_bool(grid.empty()));
  v.set("filter_label", filter == "unanswered" ? "unanswered" : "flagged");
  v.set("unanswered_count", std::to_string(unanswered));
  v.set("unanswered_text", count_text(unanswered, "question"));
  v.set("flagged_count", std::to_string(flagged));
  v.set("has_unanswered", view_bool(unanswered > 0));
  v.set("first_unanswered", std::to_string(first_unanswered + 1));
  // "Back to the questions" goes where work is left: the first unanswered one, else the first.
  v.set("back_number",
        std::to_string(first_unanswered < a.slots.size() ? first_unanswered + 1 : 1));
  v.set("answered_count", std::to_string(a.answered()));
  v.set("total", std::to_string(a.slots.size()));
  v.set("error", error.empty() ? view_bool(false) : View(error));
  set_timer(v, a, now);
  return v;
}

std::string domain_chart_html(const Result& r, bool count_answered) {
  std::vector<Bar> bars;
  for (const auto& d : r.domains) {
    int whole = count_answered ? d.answered : d.total;
    bars.push_back({d.name, whole ? static_cast<double>(d.correct) / whole : 0,
                    std::to_string(d.correct) + " of " + std::to_string(whole)});
  }
  return bar_chart_html(bars);
}

View result_view(const LoadedAttempt& a, const Result& r, std::int64_t now,
                 QuestionHtmlCache& html_cache, const std::string& guide_url,
                 const std::string& csrf_token, const std::string& filter_asked) {
  bool mock = a.mode == Mode::mock;
  View v;
  v.set("attempt_id", a.row.id);
  v.set("csrf_token", csrf_token);
  v.set("cert_code", a.cert->code);
  v.set("cert_id", a.cert->id);
  v.set("mode_label", mode_label(a.mode));
  v.set("is_mock", view_bool(mock));
  v.set("correct", std::to_string(r.correct));
  v.set("total", std::to_string(r.total));
  v.set("answered", std::to_string(r.answered));
  v.set("not_attempted_text", count_text(r.total - r.answered, "question"));
  v.set("has_not_attempted", view_bool(r.answered < r.total));
  v.set("score_percent", percent_text(r.correct, mock ? r.total : r.answered));
  v.set("has_pass_mark", view_bool(r.pass_mark > 0));
  v.set("pass_mark", std::to_string(r.pass_mark));
  v.set("passed", view_bool(r.passed));
  v.set("short_text", count_text(r.short_of_pass(), "more correct answer"));
  v.set("spare_text", count_text(r.correct - r.pass_mark, "answer"));
  v.set("has_spare", view_bool(r.passed && r.correct > r.pass_mark));
  v.set("abandoned", view_bool(a.row.abandoned));
  v.set("open_limit", std::to_string(kOpenAttempts));
  v.set("time_used", duration_text(a.timing.seconds_used(now)));
  v.set("chart_html", domain_chart_html(r, !mock));
  v.set("has_domains", view_bool(!r.domains.empty()));
  ViewList domains;
  for (const auto& d : r.domains) {
    int whole = mock ? d.total : d.answered;
    View item;
    item.set("name", d.name);
    item.set("correct", std::to_string(d.correct));
    item.set("whole", std::to_string(whole));
    item.set("percent", percent_text(d.correct, whole));
    domains.push_back(item);
  }
  v.set("domains", domains);

  int wrong = 0, flagged = 0, unanswered = 0, missed = 0;
  for (size_t i = 0; i < a.slots.size(); ++i) {
    if (!a.questions[i]) continue;
    bool answered = !a.states[i].selected.empty();
    bool right = i < r.slot_correct.size() && r.slot_correct[i];
    wrong += answered && !right ? 1 : 0;
    unanswered += answered ? 0 : 1;
    flagged += a.states[i].flagged ? 1 : 0;
    missed += right ? 0 : 1;
  }
  v.set("missed_count", std::to_string(missed));
  v.set("missed_text", count_text(missed, "question"));
  v.set("has_missed", view_bool(missed > 0));

  auto filter = filter_asked;
  std::vector<std::string> known{"all", "answered", "wrong", "flagged", "unanswered"};
  if (!contains(known, filter)) filter = mock ? "all" : "answered";
  std::vector<std::pair<std::string, std::pair<std::string, int>>> items;
  if (mock) {
    items = {{"all", {"All", r.total}},
             {"wrong", {"Wrong", wrong}},
             {"flagged", {"Flagged", flagged}},
             {"unanswered", {"Unanswered", unanswered}}};
  } else {
    items = {{"answered", {"Answered", r.answered}},
             {"wrong", {"Wrong", wrong}},
             {"flagged", {"Flagged", flagged}},
             {"unanswered", {"Not attempted", unanswered}},
             {"all", {"All", r.total}}};
  }
  v.set("filters", filter_links("/attempts/" + a.row.id + "/result", items, filter));

  ViewList review;
  for (size_t i = 0; i < a.slots.size(); ++i) {
    if (!a.questions[i]) continue;
    const auto& q = *a.questions[i];
    bool answered = !a.states[i].selected.empty();
    bool right = i < r.slot_correct.size() && r.slot_correct[i];
    bool shown = filter == "all" || (filter == "answered" && answered) ||
                 (filter == "wrong" && answered && !right) ||
                 (filter == "flagged" && a.states[i].flagged) ||
                 (filter == "unanswered" && !answered);
    if (!shown) continue;
    auto html = html_cache.get(a.catalog, q);
    View item;
    item.set("number", std::to_string(i + 1));
    item.set("stem_html", html->stem);
    item.set("correct", view_bool(right));
    item.set("unanswered", view_bool(!answered));
    item.set("flagged", view_bool(a.states[i].flagged));
    item.set("options", options_view(a, i, *html, a.states[i].selected));
    item.set("explanation_html", html->explanation);
    item.set("reference_html", reference_html(q.reference, guide_url));
    item.set("report_form_html", report_form_html(q.id, "/attempts/" + a.row.id + "/result",
                                                  csrf_token, std::to_string(i + 1)));
    review.push_back(item);
  }
  v.set("review", review);
  v.set("review_empty", view_bool(review.empty()));
  return v;
}

}  // namespace certhub
