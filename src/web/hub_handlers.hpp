#pragma once
#include "web/app.hpp"

namespace certhub {

void add_hub_routes(Router& r, App& app);

}  // namespace certhub
