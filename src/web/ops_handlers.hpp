#pragma once
#include "web/app.hpp"

namespace certhub {

Response healthz(App& app);
Response metrics(App& app);
Response static_file(App& app, const Request& req);

}  // namespace certhub
