#pragma once
// The operations feature: health, metrics, static files and the API session (the CSRF token
// that every other feature's API calls need).
#include <string>
#include <vector>

#include "web/app.hpp"

namespace certhub {

// /metrics answers only peers whose address is in `metrics_allow`; anyone else gets 404.
void add_ops_routes(Router& r, App& app, std::vector<std::string> metrics_allow);

}  // namespace certhub
