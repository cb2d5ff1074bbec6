#pragma once
#include "web/app.hpp"

namespace certhub {

void add_api_routes(Router& r, App& app);

}  // namespace certhub
