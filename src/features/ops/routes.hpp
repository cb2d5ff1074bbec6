#pragma once
// The operations feature: health, metrics, static files and the API session (the CSRF token
// that every other feature's API calls need).
#include "web/app.hpp"

namespace certhub {

void add_ops_routes(Router& r, App& app);

}  // namespace certhub
