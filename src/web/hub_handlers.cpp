// The hub: pages a visitor uses to choose a certification route.
#include "web/hub_handlers.hpp"

namespace certhub {
namespace {

Response home(App& app) {
  auto catalog = app.catalog();
  View data;
  ViewList families;
  for (const auto& f : catalog->families) {
    View item;
    item.set("id", f.id);
    item.set("name", f.name);
    item.set("summary", f.summary);
    families.push_back(item);
  }
  data.set("families", families);
  return app.page({"Agile certification practice and status hub",
                   "Compare Scrum certification routes and practise for the CSM exam.", "home"},
                  "home", data);
}

}  // namespace

void add_hub_routes(Router& r, App& app) {
  r.add("GET", "/", [&app](const Request&, const Params&) { return home(app); });
}

}  // namespace certhub
