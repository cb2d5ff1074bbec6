#pragma once
// "Report a problem" with a question: POST /questions/{id}/reports (the form under a question's
// feedback and under each question of a result, web/report_form.hpp) and
// POST /api/v1/questions/{id}/reports. The admins read and resolve reports at /admin/reports.
#include "web/app.hpp"

namespace certhub {

void add_report_routes(Router& r, App& app);

}  // namespace certhub
