#include "web/attempt_rows.hpp"

#include <algorithm>
#include <cmath>

#include "core/date.hpp"
#include "core/html.hpp"

namespace certhub {

std::string duration_text(std::int64_t seconds) {
  auto minutes = seconds / 60, rest = seconds % 60;
  return std::to_string(minutes) + " min " + (rest < 10 ? "0" : "") + std::to_string(rest) + " s";
}
std::string percent_text(int part, int whole) {
  if (whole <= 0) return "0%";
  return std::to_string(static_cast<int>(std::lround(100.0 * part / whole))) + "%";
}
// "3 questions", "1 question".
std::string count_text(int n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}
std::string mode_label(Mode mode) {
  switch (mode) {
    case Mode::sample:
      return "Sample questions";
    case Mode::training:
      return "Training";
    case Mode::mock:
      return "Mock exam";
    case Mode::drill:
      return "Drill";
  }
  return "";
}
View attempt_row_view(const AttemptRow& row, std::int64_t now) {
  auto mode = parse_mode(row.mode).value_or(Mode::sample);
  Timing t{row.started_at, row.deadline, row.finished_at};
  bool finished = t.finished(now);
  View item;
  item.set("id", row.id);
  item.set("mode_label", mode_label(mode));
  item.set("started_iso", rfc3339(row.started_at));
  item.set("started", utc_minute_text(row.started_at));
  item.set("finished", view_bool(finished));
  std::string state, score;
  if (!finished) {
    state = row.deadline
                ? "In progress: " + std::to_string((t.seconds_left(now) + 59) / 60) + " min left"
                : std::string("In progress");
  } else if (row.abandoned) {
    state = "Abandoned";
  } else if (mode == Mode::mock && row.score) {
    state = row.score->passed ? "Passed" : "Not passed";
  } else {
    state = "Finished";
  }
  if (row.score) {
    const auto& s = *row.score;
    int whole = mode == Mode::mock ? s.total : s.answered;
    score = std::to_string(s.correct) + " of " + std::to_string(whole) + " (" +
            percent_text(s.correct, whole) + ")";
    if (mode != Mode::mock) score += " answered correctly";
  }
  item.set("state", state);
  item.set("state_class", !finished ? "in-progress" : (row.abandoned ? "abandoned" : "finished"));
  item.set("score", score.empty() ? std::string("\u2014") : score);
  auto ended = t.ended_at(now);
  item.set("time_used", ended ? duration_text(*ended - row.started_at) : std::string("\u2014"));
  return item;
}

std::string bar_chart_html(const std::vector<Bar>& bars) {
  std::string html = "<ul class=\"domain-bars\">";
  for (const auto& bar : bars) {
    auto width =
        std::to_string(static_cast<int>(std::lround(std::clamp(bar.share, 0.0, 1.0) * 100)));
    html += "<li><span class=\"bar-label\">" + escape_html(bar.label) + "</span>";
    html +=
        "<span class=\"bar-row\"><svg class=\"bar\" viewBox=\"0 0 100 10\" "
        "preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">"
        "<rect class=\"bar-track\" x=\"0\" y=\"0\" width=\"100\" height=\"10\"/>"
        "<rect class=\"bar-fill\" x=\"0\" y=\"0\" width=\"" +
        width + "\" height=\"10\"/></svg>";
    html += "<span class=\"bar-value\">" + escape_html(bar.value_text) + "</span></span></li>";
  }
  return html + "</ul>";
}

}  // namespace certhub
