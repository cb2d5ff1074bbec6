#pragma once
// What the practice and learning pages both show of attempts: the list row of an attempt, the
// names of the modes, counts and shares as text, and a bar chart. Shared here because one feature
// never includes another.
#include <cstdint>
#include <string>
#include <vector>

#include "core/exam.hpp"
#include "store/attempts.hpp"
#include "web/view.hpp"

namespace certhub {

std::string mode_label(Mode mode);
// "12 min 05 s".
std::string duration_text(std::int64_t seconds);
// "74%": a whole percent, 0% of nothing.
std::string percent_text(int part, int whole);
// "3 questions", "1 question".
std::string count_text(int n, const std::string& noun);

// The attempt as a row of the visitor's list: mode, start time, state, score, time used and its
// link.
View attempt_row_view(const AttemptRow& row, std::int64_t now);

// A horizontal bar chart: one row per bar, its label as text (so it wraps and is never cut), the
// bar drawn in SVG (hidden from screen readers) and the value as text beside it.
struct Bar {
  std::string label;
  double share = 0;  // 0..1, the filled part of the bar
  std::string value_text;
};
std::string bar_chart_html(const std::vector<Bar>& bars);

}  // namespace certhub
