// Every route of the site in one table.
#include "web/api_handlers.hpp"
#include "web/app.hpp"
#include "web/hub_handlers.hpp"
#include "web/ops_handlers.hpp"
#include "web/practice_pages.hpp"

namespace certhub {

void add_routes(Router& r, App& app) {
  r.add("GET", "/healthz", [&app](const Request&, const Params&) { return healthz(app); });
  r.add("GET", "/metrics", [&app](const Request&, const Params&) { return metrics(app); });
  r.add("GET", "/static/{file}",
        [&app](const Request& req, const Params&) { return static_file(app, req); });
  add_hub_routes(r, app);
  add_api_routes(r, app);
  add_practice_routes(r, app);
}

}  // namespace certhub
