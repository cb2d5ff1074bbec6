#pragma once
// "Report a problem" with a question: the form shown under a question's feedback and under each
// question of a result, posted to /questions/{id}/reports (features/reports). Here because the
// practice feature shows it and the reports feature reads it.
#include <optional>
#include <string>
#include <string_view>

namespace certhub {

inline constexpr std::size_t kReportTextMax = 2000;  // characters (code points)

// The form as HTML. `back` is the page to return to; `anchor` makes its element ids unique on a
// page with several forms.
std::string report_form_html(const std::string& question_id, const std::string& back,
                             const std::string& csrf_token, const std::string& anchor);

// A form's `back` when it is one of the pages that show the form (a question or the result of
// an attempt); nullopt otherwise, so a report can never redirect elsewhere.
std::optional<std::string> report_back(std::string_view back);

// The category's label ("wrong_key" -> "Wrong key"); empty for an unknown category.
std::string report_category_label(std::string_view category);

}  // namespace certhub
