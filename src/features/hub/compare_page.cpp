// Comparisons: the picker at /compare and two certifications side by side at
// /compare/{a}-vs-{b}.
#include "core/hub_routes.hpp"
#include "features/hub/routes.hpp"
#include "features/hub/views.hpp"
#include "web/form.hpp"

namespace certhub {
namespace {

// Options for one select, grouped by family, with `selected` marked.
ViewList option_groups(const Catalog& catalog, const std::string& selected) {
  ViewList groups;
  for (const auto& f : catalog.families) {
    View g;
    g.set("label", f.name);
    ViewList options;
    for (const Certification* c : certifications_in_order(catalog, f.id)) {
      View o;
      o.set("value", c->id);
      o.set("label", c->code + " (" + c->name + ")");
      o.set("selected", view_bool(c->id == selected));
      options.push_back(o);
    }
    g.set("options", options);
    groups.push_back(g);
  }
  return groups;
}

Response picker(App& app, const std::string& a, const std::string& b, const std::string& error,
                int status) {
  auto catalog = app.catalog();
  View data;
  data.set("groups_a", option_groups(*catalog, a));
  data.set("groups_b", option_groups(*catalog, b));
  data.set("featured", featured_view(*catalog));
  set_text(data, "error", error);
  data.set("has_all", view_bool(status == 404));
  if (status == 404) data.set("all", certification_links(*catalog));
  std::string title = status == 200   ? "Compare two certifications"
                      : status == 404 ? "Certification not found"
                                      : "Choose two different certifications";
  auto r = app.page({title,
                     "Pick any two Scrum Alliance, Scrum.org or SAFe certifications and see their "
                     "exams, fees, training and renewal side by side.",
                     "compare"},
                    "compare_picker", data, status);
  if (status != 200) r.header("Cache-Control", "no-store");
  return r;
}

Response compare_index(App& app, const Request& req) {
  auto query = parse_form(req.query);
  if (!query) return picker(app, "", "", "", 200);
  auto a = field(*query, "a"), b = field(*query, "b");
  if (a.empty() && b.empty()) return picker(app, "", "", "", 200);
  auto catalog = app.catalog();
  if (a.empty() || b.empty())
    return picker(app, a, b, "Choose a certification in both lists.", 400);
  if (!catalog->certification(a) || !catalog->certification(b))
    return picker(app, "", "", "certhub has no certification with that id. Choose from the lists.",
                  404);
  if (a == b) return picker(app, a, b, "Choose two different certifications to compare.", 400);
  return redirect("/compare/" + a + "-vs-" + b);
}

Response compare_page(App& app, const std::string& slug) {
  auto catalog = app.catalog();
  auto pair = split_compare_slug(slug);
  const Certification* a = pair ? catalog->certification(pair->first) : nullptr;
  const Certification* b = pair ? catalog->certification(pair->second) : nullptr;
  if (!a || !b)
    return picker(app, a ? a->id : "", b ? b->id : "",
                  "There is no comparison at that address: a comparison names two certhub "
                  "certifications, like /compare/csm-vs-cspo.",
                  404);
  if (a == b)
    return picker(app, a->id, b->id, "Choose two different certifications to compare.", 400);

  View data;
  data.set("a", hub_cert_view(*catalog, *a));
  data.set("b", hub_cert_view(*catalog, *b));
  data.set("a_code", a->code);
  data.set("b_code", b->code);
  int differing = 0;
  ViewList rows;
  for (const auto& row : compare_rows(*catalog, *a, *b)) {
    View v;
    v.set("label", row.label);
    v.set("a", row.a);
    v.set("b", row.b);
    set_text(v, "sources_a_html", sources_html(*catalog, row.sources_a));
    set_text(v, "sources_b_html", sources_html(*catalog, row.sources_b));
    v.set("differs", view_bool(row.differs));
    differing += row.differs;
    rows.push_back(v);
  }
  data.set("rows", rows);
  data.set("differing", std::to_string(differing));
  data.set("total", std::to_string(rows.size()));
  data.set("swap_href", "/compare/" + b->id + "-vs-" + a->id);
  for (const auto& f : catalog->featured)
    if ((f.a == a->id && f.b == b->id) || (f.a == b->id && f.b == a->id))
      data.set("featured_summary", f.summary);
  data.set("groups_a", option_groups(*catalog, a->id));
  data.set("groups_b", option_groups(*catalog, b->id));
  return app.page({a->code + " vs " + b->code + ": certifications compared",
                   "Compare " + a->name + " (" + a->code + ") with " + b->name + " (" + b->code +
                       "): exam, pass mark, training, fees, renewal and retake side by side.",
                   "compare"},
                  "compare", data);
}

}  // namespace

void add_compare_routes(Router& r, App& app) {
  r.add("GET", "/compare",
        cached(app, [&app](const Request& req, const Params&) { return compare_index(app, req); }));
  r.add("GET", "/compare/{pair}", cached(app, [&app](const Request&, const Params& p) {
          return compare_page(app, p.at("pair"));
        }));
}

}  // namespace certhub
