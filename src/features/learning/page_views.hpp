#pragma once
// Template data for /progress, /progress/{cert} and /drill. Decides nothing: it shapes what
// Learning computed for Mustache, and words it for a learner.
#include <string>

#include "features/learning/learning.hpp"
#include "web/view.hpp"

namespace certhub {

// One certification's progress; `full` adds the attempts, the charts and the forms of
// /progress/{cert}.
View progress_view(const CertProgress& p, std::int64_t now, const std::string& csrf_token,
                   bool full);
View drill_view(const CertDrill& d, long today, const std::string& csrf_token);
// The mock scores over time against the pass line, as an inline SVG line chart (the same
// numbers are in a table beside it).
std::string score_chart_svg(const std::vector<MockPoint>& mocks, int pass_count, int questions);
// "42%"
std::string probability_text(double p);

}  // namespace certhub
