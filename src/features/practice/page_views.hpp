#pragma once
// Template data for the practice pages. Decides nothing the engine has not decided: it only
// shapes a LoadedAttempt for Mustache, and reveals keys only when the attempt allows it.
#include "features/practice/practice.hpp"
#include "features/practice/question_html.hpp"
#include "web/view.hpp"

namespace certhub {

std::string mode_label(Mode mode);

View question_view(const LoadedAttempt& a, size_t index, std::int64_t now,
                   const std::string& csrf_token, QuestionHtmlCache& html_cache);
std::string navigator_items_html(const LoadedAttempt& a, size_t current);
View confirm_view(const LoadedAttempt& a, std::int64_t now, const std::string& csrf_token);
View result_view(const LoadedAttempt& a, const Result& r, std::int64_t now,
                 QuestionHtmlCache& html_cache);
// A horizontal bar chart of per-domain results: inline SVG with a text alternative.
std::string domain_chart_svg(const Result& r);

}  // namespace certhub
