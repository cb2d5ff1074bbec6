#pragma once
// How certifications relate: ladder positions, equivalents, the route graph for the map, the
// pages a family's goals link to, and the side-by-side rows of a comparison.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalog.hpp"
#include "core/route_map.hpp"

namespace certhub {

struct LadderPosition {
  int step = 1;          // 1 = entry
  int steps = 1;         // length of the ladder; 1 = a standalone route
  std::string previous;  // id, empty at the entry step
  std::string next;      // id, empty at the top
};

// Where a certification sits on its ladder; a route on no ladder is standalone.
LadderPosition ladder_position(const Catalog& catalog, std::string_view id);

// The certifications of one family (all when `family` is empty) in route order: ladder by
// ladder as routes.yaml lists them, entry step first; any route on no ladder comes last.
std::vector<const Certification*> certifications_in_order(const Catalog& catalog,
                                                          std::string_view family = {});

// Ids marked as roughly the same level in another family, in routes.yaml order.
std::vector<std::string> equivalents_of(const Catalog& catalog, std::string_view id);

// The route graph of the whole catalog, or of one family's ladders when `family` is given.
RouteGraph route_graph(const Catalog& catalog, std::string_view family = {});

// A readable name for a certhub link a family page uses: "/certifications/csm" -> "Certified
// ScrumMaster (CSM)", "/compare/csm-vs-cspo" -> "CSM vs CSPO", "/practice/csm" -> "CSM
// practice". Unknown links come back unchanged.
std::string page_label(const Catalog& catalog, std::string_view link);

// "csm-vs-cspo" -> {"csm", "cspo"}; nullopt when there is no "-vs-" or a side is empty.
std::optional<std::pair<std::string, std::string>> split_compare_slug(std::string_view slug);

// One row of a comparison: the same fact for both sides, and whether they differ.
struct CompareRow {
  std::string label;
  std::string a;
  std::string b;
  std::vector<std::string> sources_a;  // source ids, empty for derived rows
  std::vector<std::string> sources_b;
  bool differs = false;
};

std::vector<CompareRow> compare_rows(const Catalog& catalog, const Certification& a,
                                     const Certification& b);

}  // namespace certhub
