#pragma once
// Template data for /progress, /progress/{cert} and /drill. Decides nothing: it shapes what
// Learning computed for Mustache, and words it for a learner.
#include <string>

#include "features/learning/learning.hpp"
#include "web/view.hpp"

namespace certhub {

// /progress/{cert} lists this many attempts per page, newest first.
inline constexpr int kAttemptsPerPage = 25;
// The mock-score chart and its table show the latest this many mock exams.
inline constexpr size_t kChartMocks = 20;
int attempt_pages(const CertProgress& p);

// One certification's progress; `full` adds a page of attempts (from 1), the charts and the
// forms of /progress/{cert}.
View progress_view(const CertProgress& p, std::int64_t now, const std::string& csrf_token,
                   bool full, int attempts_page = 1);
View drill_view(const CertDrill& d, long today, const std::string& csrf_token);
// The mock scores over time against the pass line, as an inline SVG line chart (the same
// numbers are in a table beside it).
std::string score_chart_svg(const std::vector<MockPoint>& mocks, int pass_count, int questions);
// "42%"
std::string probability_text(double p);

}  // namespace certhub
