#pragma once
#include "web/app.hpp"

namespace certhub {

// The practice pages: plain HTML forms that work without JavaScript (site.js adds the timer
// countdown and keyboard shortcuts).
void add_practice_routes(Router& r, App& app);

}  // namespace certhub
