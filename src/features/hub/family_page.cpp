// Family hub pages (/families/{id}) and the full route map (/routes).
#include "core/hub_format.hpp"
#include "core/hub_routes.hpp"
#include "features/hub/routes.hpp"
#include "features/hub/views.hpp"

namespace certhub {
namespace {

// The certifications of one lane, each with its practice status.
ViewList lane_certs(const Catalog& catalog, const Family& family, const std::string& lane) {
  ViewList out;
  for (const Certification* c : certifications_in_order(catalog, family.id))
    if (c->lane == lane) out.push_back(hub_cert_view(catalog, *c));
  return out;
}

// What a visitor can use now for a route: its own practice, or the live adjacent routes.
View availability_view(const Catalog& catalog, const Certification& c) {
  View v;
  v.set("live", view_bool(c.practice == PracticeStatus::live));
  v.set("practice_href", "/practice/" + c.id);
  ViewList meanwhile;
  for (const auto& id : c.adjacent)
    if (const Certification* a = catalog.certification(id);
        a && a->practice == PracticeStatus::live)
      meanwhile.push_back(hub_cert_view(catalog, *a));
  v.set("meanwhile", meanwhile);
  v.set("has_meanwhile", view_bool(!meanwhile.empty()));
  return v;
}

Response family_page(App& app, const std::string& id) {
  auto catalog = app.catalog();
  const Family* family = catalog->family(id);
  if (!family)
    return hub_missing_page(
        app, "No such certification family",
        "certhub has no family with that address. These are the families it covers:",
        family_links(*catalog));

  View data;
  data.set("id", family->id);
  data.set("name", family->name);
  data.set("summary", family->summary);
  data.set("intro_html", markdown_html(family->intro));
  data.set("website", family->website);
  data.set("sources_html", sources_html(*catalog, family->sources));

  ViewList goals;
  for (const auto& g : family->goals) {
    View item = hub_link_view(*catalog, g.link);
    item.set("goal", g.goal);
    item.set("why", g.why);
    goals.push_back(item);
  }
  data.set("goals", goals);

  data.set("map", route_map_html(*catalog, family->id, family->name + " route map", "fm"));

  ViewList lanes;
  for (const auto& l : family->lanes) {
    View item;
    item.set("lane", lane_label(l.lane));
    item.set("best_fit", l.best_fit);
    item.set("certifications", lane_certs(*catalog, *family, l.lane));
    lanes.push_back(item);
  }
  data.set("lanes", lanes);

  ViewList glossary, section;
  for (const Certification* cp : certifications_in_order(*catalog, family->id)) {
    const Certification& c = *cp;
    View item = hub_cert_view(*catalog, c);
    item.set("focus", c.focus.text);
    item.set("focus_sources_html", sources_html(*catalog, c.focus.sources));
    item.set("exam", c.exam ? exam_size_text(*c.exam) : std::string("No exam"));
    item.set("availability", availability_view(*catalog, c));
    glossary.push_back(item);
    View page = hub_cert_view(*catalog, c);
    page.set("name", c.code);
    section.push_back(page);
    if (c.practice == PracticeStatus::live) {
      View practice;
      practice.set("href", "/practice/" + c.id);
      practice.set("name", c.code + " practice");
      section.push_back(practice);
    }
  }
  data.set("glossary", glossary);
  data.set("section", section);

  ViewList when;
  for (const auto& w : family->right_route_when) when.push_back(View(w));
  data.set("right_route_when", when);

  View best_next = hub_link_view(*catalog, family->best_next.link);
  best_next.set("why", family->best_next.why);
  data.set("best_next", best_next);

  ViewList others;
  for (const auto& f : catalog->families) {
    if (f.id == family->id) continue;
    View item;
    item.set("href", "/families/" + f.id);
    item.set("name", f.name);
    item.set("summary", f.summary);
    others.push_back(item);
  }
  data.set("other_families", others);

  return app.page({family->name + " certifications: routes, exams and practice status",
                   family->summary, "families"},
                  "family", data);
}

Response routes_page(App& app) {
  auto catalog = app.catalog();
  View data;
  data.set("map", route_map_html(*catalog, {}, "Certification route map", "rm"));
  ViewList families;
  for (const auto& f : catalog->families) {
    View fv;
    fv.set("name", f.name);
    fv.set("href", "/families/" + f.id);
    ViewList ladders;
    for (const auto& ladder : catalog->ladders) {
      const Certification* first = ladder.empty() ? nullptr : catalog->certification(ladder[0]);
      if (!first || first->family != f.id) continue;
      ViewList steps;
      for (const auto& id : ladder)
        if (const Certification* c = catalog->certification(id))
          steps.push_back(hub_cert_view(*catalog, *c));
      View lv;
      lv.set("steps", steps);
      lv.set("standalone", view_bool(ladder.size() == 1));
      lv.set("lane", lane_label(first->lane));
      ladders.push_back(lv);
    }
    fv.set("ladders", ladders);
    families.push_back(fv);
  }
  data.set("families", families);
  ViewList equivalents;
  for (const auto& [a, b] : catalog->equivalents) {
    const Certification* ca = catalog->certification(a);
    const Certification* cb = catalog->certification(b);
    if (!ca || !cb) continue;
    View v;
    v.set("a", hub_cert_view(*catalog, *ca));
    v.set("b", hub_cert_view(*catalog, *cb));
    v.set("compare_href", "/compare/" + ca->id + "-vs-" + cb->id);
    equivalents.push_back(v);
  }
  data.set("equivalents", equivalents);
  return app.page({"Certification route map",
                   "Every Scrum Alliance, Scrum.org and SAFe certification ladder on one map, "
                   "with cross-family equivalents and practice status.",
                   "routes"},
                  "routes", data);
}

}  // namespace

void add_family_routes(Router& r, App& app) {
  r.add("GET", "/families/{id}", cached(app, [&app](const Request&, const Params& p) {
          return family_page(app, p.at("id"));
        }));
  r.add("GET", "/routes",
        cached(app, [&app](const Request&, const Params&) { return routes_page(app); }));
}

}  // namespace certhub
