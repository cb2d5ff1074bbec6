#include "features/hub/views.hpp"

#include "core/hub_format.hpp"
#include "core/hub_routes.hpp"
#include "core/route_map.hpp"

namespace certhub {

ViewList sources_view(const Catalog& catalog, const std::vector<std::string>& ids) {
  ViewList out;
  for (const auto& id : ids) {
    const Source* s = catalog.source(id);
    if (!s) continue;
    View v;
    v.set("title", s->title);
    v.set("url", s->url);
    v.set("checked", long_date(s->checked));
    v.set("checked_iso", to_string(s->checked));
    v.set("official", view_bool(s->official));
    out.push_back(v);
  }
  return out;
}

std::string sources_html(const Catalog& catalog, const std::vector<std::string>& ids) {
  ViewList list = sources_view(catalog, ids);
  if (list.empty()) return "";
  View data;
  data.set("sources", list);
  return render_template("hub_sources", data);
}

View hub_cert_view(const Catalog& catalog, const Certification& cert) {
  View v;
  v.set("id", cert.id);
  v.set("code", cert.code);
  v.set("name", cert.name);
  v.set("summary", cert.summary);
  v.set("href", "/certifications/" + cert.id);
  const Family* f = catalog.family(cert.family);
  v.set("family", f ? f->name : cert.family);
  v.set("family_id", cert.family);
  v.set("lane", lane_label(cert.lane));
  v.set("status", status_label(cert.practice));
  v.set("status_class", std::string(to_string(cert.practice)));
  v.set("live", view_bool(cert.practice == PracticeStatus::live));
  return v;
}

View hub_link_view(const Catalog& catalog, const std::string& link) {
  View v;
  v.set("href", link);
  v.set("label", page_label(catalog, link));
  return v;
}

std::string route_map_html(const Catalog& catalog, std::string_view family,
                           const std::string& title, const std::string& id_prefix) {
  auto graph = route_graph(catalog, family);
  // Two drawings of one map: three columns where there is room, two on a phone (site.css shows
  // one of them), so the boxes keep a readable size on both.
  auto draw = [&](int columns, const std::string& prefix, const char* css_class) {
    RouteMapOptions options;
    options.title = title;
    options.id_prefix = prefix;
    options.columns = columns;
    auto svg = render_route_map(graph, options);
    // The map's own <style> block is refused by the site's CSP (style-src 'self'); site.css
    // carries the same rules, so drop the block rather than have every visit log a violation.
    auto open = svg.find("<style>");
    auto close = svg.find("</style>", open == std::string::npos ? 0 : open);
    if (open != std::string::npos && close != std::string::npos)
      svg.erase(open, close + std::string_view("</style>").size() - open);
    return "<div class=\"" + std::string(css_class) + "\">" + svg + "</div>";
  };
  return render_route_map_legend(graph) + draw(3, id_prefix, "map-wide") +
         draw(2, id_prefix + "n", "map-narrow");
}

Response hub_missing_page(App& app, const std::string& heading, const std::string& detail,
                          const ViewList& links) {
  View data;
  data.set("heading", heading);
  data.set("detail", detail);
  data.set("links", links);
  auto r = app.page({heading, detail, ""}, "hub_missing", data, 404);
  r.header("Cache-Control", "no-store");
  return r;
}

ViewList certification_links(const Catalog& catalog) {
  ViewList out;
  for (const Certification* c : certifications_in_order(catalog)) {
    View v;
    v.set("href", "/certifications/" + c->id);
    v.set("label", c->name + " (" + c->code + ")");
    out.push_back(v);
  }
  return out;
}

ViewList family_links(const Catalog& catalog) {
  ViewList out;
  for (const auto& f : catalog.families) {
    View v;
    v.set("href", "/families/" + f.id);
    v.set("label", f.name);
    out.push_back(v);
  }
  return out;
}

void set_text(View& view, const std::string& key, const std::string& value) {
  if (value.empty())
    view.set(key, view_bool(false));
  else
    view.set(key, value);
}

View course_view(const Catalog& catalog, const Course& c) {
  View v;
  v.set("title", c.title);
  v.set("date", long_date(c.start));
  v.set("date_iso", to_string(c.start));
  v.set("days", std::to_string(c.days) + (c.days == 1 ? " day" : " days"));
  std::string where = "Live online";
  if (c.format != CourseFormat::live_online) {
    where = "In person, " + c.city;
    if (!c.venue.empty()) where += " (" + c.venue + ")";
  }
  v.set("where", where);
  v.set("price", price_text(c.price, c.currency, c.vat));
  v.set("trainer", c.trainer);
  v.set("availability", availability_label(c.availability));
  v.set("availability_class", std::string(to_string(c.availability)));
  v.set("sold_out", view_bool(c.availability == Availability::sold_out));
  v.set("booking_url", c.booking_url);
  if (const Certification* cert = catalog.certification(c.certification)) {
    v.set("cert_href", "/certifications/" + cert->id);
    v.set("cert_code", cert->code);
  }
  return v;
}

ViewList featured_view(const Catalog& catalog, std::string_view involving) {
  ViewList featured;
  for (const auto& f : catalog.featured) {
    if (!involving.empty() && f.a != involving && f.b != involving) continue;
    const Certification* a = catalog.certification(f.a);
    const Certification* b = catalog.certification(f.b);
    if (!a || !b) continue;
    View item;
    item.set("href", "/compare/" + a->id + "-vs-" + b->id);
    item.set("label", a->code + " vs " + b->code);
    item.set("summary", f.summary);
    featured.push_back(item);
  }
  return featured;
}

}  // namespace certhub
