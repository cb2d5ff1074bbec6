#pragma once
// Pieces every hub page shares: views of facts with their sources, certification cards, the
// route map and the "no such page" answer that links to the valid ids.
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "web/app.hpp"

namespace certhub {

// {title, url, checked ("22 November 2026"), checked_iso, official} per known source id.
ViewList sources_view(const Catalog& catalog, const std::vector<std::string>& ids);
// The same sources as a small list of links ("" when there are none), for {{{...}}}.
std::string sources_html(const Catalog& catalog, const std::vector<std::string>& ids);

// id, code, name, summary, href, family (name), status (words), status_class, live.
View hub_cert_view(const Catalog& catalog, const Certification& cert);
// {href, label} for a certhub link, with a readable label.
View hub_link_view(const Catalog& catalog, const std::string& link);

// The server-drawn route map of the whole catalog, or of one family when `family` is given.
std::string route_map_html(const Catalog& catalog, std::string_view family,
                           const std::string& title, const std::string& id_prefix);

// A 404 page listing the valid pages of a kind ("certification", "family"), each a link.
Response hub_missing_page(App& app, const std::string& heading, const std::string& detail,
                          const ViewList& links);
ViewList certification_links(const Catalog& catalog);
ViewList family_links(const Catalog& catalog);

// Sets `key` to `value`, or to false when it is empty: kainjow treats "" as true in {{#key}}
// sections, and a missing key would be looked up in the enclosing contexts.
void set_text(View& view, const std::string& key, const std::string& value);

// One course of the schedule: title, date, days, where, price, trainer, availability, links.
View course_view(const Catalog& catalog, const Course& course);

// The featured comparisons ({href, label, summary}); only those naming `involving` when given.
ViewList featured_view(const Catalog& catalog, std::string_view involving = {});

}  // namespace certhub
