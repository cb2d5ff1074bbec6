#pragma once
// The admin area's routes: /admin (demand, content, outbox), /admin/requests (the list, its
// CSV), /admin/reload, /admin/outbox (page_handlers.cpp); /admin/items (item statistics),
// /admin/reports (the reports queue), /admin/questions/{id} (quality_pages.cpp). Every handler
// starts with admin_visitor() (admin.hpp).
#include "features/admin/item_stats.hpp"
#include "web/app.hpp"

namespace certhub {

void add_admin_page_routes(Router& r, App& app);
void add_admin_quality_routes(Router& r, App& app, ItemStatistics& stats);

inline void add_admin_routes(Router& r, App& app, ItemStatistics& stats) {
  add_admin_page_routes(r, app);
  add_admin_quality_routes(r, app, stats);
}

}  // namespace certhub
