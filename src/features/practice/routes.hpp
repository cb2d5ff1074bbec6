#pragma once
// The practice feature's routes: the HTML pages (page_handlers.cpp: plain forms that work
// without JavaScript; site.js adds the timer countdown and keyboard shortcuts) and the JSON API
// (api_handlers.cpp), both served by one Practice.
#include "features/practice/practice.hpp"
#include "web/app.hpp"

namespace certhub {

void add_practice_page_routes(Router& r, App& app, Practice& practice);
void add_practice_api_routes(Router& r, App& app, Practice& practice);

inline void add_practice_routes(Router& r, App& app, Practice& practice) {
  add_practice_page_routes(r, app, practice);
  add_practice_api_routes(r, app, practice);
}

}  // namespace certhub
