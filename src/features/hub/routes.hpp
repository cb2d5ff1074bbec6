#pragma once
// The hub: the pages a visitor uses to choose a certification route. Each page registers its
// own routes in its *_page.cpp; add_hub_routes (routes.cpp) lists them.
#include "web/app.hpp"

namespace certhub {

void add_hub_routes(Router& r, App& app);

void add_home_routes(Router& r, App& app);
void add_family_routes(Router& r, App& app);
void add_certification_routes(Router& r, App& app);
void add_compare_routes(Router& r, App& app);
void add_course_routes(Router& r, App& app);

}  // namespace certhub
