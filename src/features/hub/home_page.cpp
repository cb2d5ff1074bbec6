// The hub's home page: the families, the live practice routes and the featured comparisons.
#include "core/hub_routes.hpp"
#include "features/hub/routes.hpp"
#include "features/hub/views.hpp"

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
    ViewList codes;
    for (const Certification* c : certifications_in_order(*catalog, f.id))
      codes.push_back(hub_cert_view(*catalog, *c));
    item.set("certifications", codes);
    families.push_back(item);
  }
  data.set("families", families);

  ViewList live;
  for (const auto& c : catalog->certifications) {
    if (c.practice != PracticeStatus::live) continue;
    View item = hub_cert_view(*catalog, c);
    item.set("practice_href", "/practice/" + c.id);
    if (c.exam) {
      item.set("questions", std::to_string(c.exam->questions));
      item.set("minutes", std::to_string(c.exam->minutes));
    }
    live.push_back(item);
  }
  data.set("live", live);
  data.set("has_live", view_bool(!live.empty()));

  data.set("featured", featured_view(*catalog));
  data.set("certification_count", std::to_string(catalog->certifications.size()));
  data.set("family_count", std::to_string(catalog->families.size()));
  return app.page({"Agile certification practice and status hub",
                   "Choose a Scrum certification route: compare Scrum Alliance, Scrum.org and SAFe "
                   "certifications, see every ladder, and practise for the CSM exam.",
                   "home"},
                  "home", data);
}

}  // namespace

void add_home_routes(Router& r, App& app) {
  r.add("GET", "/", cached(app, [&app](const Request&, const Params&) { return home(app); }));
}

}  // namespace certhub
