#pragma once
// The learning feature's routes: /progress, /progress/{cert} and /drill (page_handlers.cpp) and
// the JSON API under /api/v1 (api_handlers.cpp), both served by one Learning. A drill runs as a
// practice attempt of mode "drill": its form posts to the practice feature's start route.
#include "features/learning/learning.hpp"
#include "web/app.hpp"

namespace certhub {

void add_learning_page_routes(Router& r, App& app, Learning& learning);
void add_learning_api_routes(Router& r, App& app, Learning& learning);

inline void add_learning_routes(Router& r, App& app, Learning& learning) {
  add_learning_page_routes(r, app, learning);
  add_learning_api_routes(r, app, learning);
}

}  // namespace certhub
