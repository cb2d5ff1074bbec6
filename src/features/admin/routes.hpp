#pragma once
// The admin area's routes: /admin (demand, content, outbox), /admin/requests (the list, its
// CSV), /admin/reload, /admin/outbox. Every handler starts with admin_visitor() (admin.hpp).
#include "web/app.hpp"

namespace certhub {

void add_admin_routes(Router& r, App& app);

}  // namespace certhub
