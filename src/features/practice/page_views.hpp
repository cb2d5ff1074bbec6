#pragma once
// Template data for the practice pages. Decides nothing the engine has not decided: it only
// shapes a LoadedAttempt for Mustache, and reveals keys only when the attempt allows it.
#include <optional>
#include <string>
#include <vector>

#include "features/practice/practice.hpp"
#include "features/practice/question_html.hpp"
#include "web/attempt_rows.hpp"
#include "web/view.hpp"

namespace certhub {

// What the question page shows besides the attempt itself.
struct QuestionPageState {
  std::string csrf_token;
  std::string notice;  // e.g. the answer changed in another tab
  std::string error;   // the learner's last choice was refused: why (shown at the options)
  // The choice to show instead of the saved one (a refused choice, shown so it can be fixed).
  std::optional<std::vector<std::string>> shown_selection;
  std::string thanks;  // e.g. a report of a problem with the question was received
};

View question_view(const LoadedAttempt& a, size_t index, std::int64_t now,
                   const QuestionPageState& state, QuestionHtmlCache& html_cache,
                   const std::string& guide_url);
std::string navigator_items_html(const LoadedAttempt& a, size_t current);

// The review-and-submit page; `filter` is all, unanswered or flagged.
View confirm_view(const LoadedAttempt& a, std::int64_t now, const std::string& csrf_token,
                  const std::string& filter, const std::string& error);
// The result page; `filter` is all, answered, wrong, flagged or unanswered (empty: the mode's
// default, all for a mock exam and answered otherwise).
View result_view(const LoadedAttempt& a, const Result& r, std::int64_t now,
                 QuestionHtmlCache& html_cache, const std::string& guide_url,
                 const std::string& csrf_token, const std::string& filter);

// Results per domain as a bar chart: one row per domain, its name as text (so it wraps and is
// never cut) and a bar drawn in SVG, with the numbers beside it.
std::string domain_chart_html(const Result& r, bool count_answered);

// A question's reference as HTML: its text, with the Scrum Guide's sections linked.
std::string reference_html(const std::string& reference, const std::string& guide_url);

}  // namespace certhub
