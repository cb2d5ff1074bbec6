#pragma once
// The certification route map: ladders and cross-family equivalents drawn as an inline SVG on
// the server, so the map works without JavaScript and every node is a real, focusable link.
#include <string>
#include <utility>
#include <vector>

namespace certhub {

enum class PracticeStatus { live, preview, status_only };
// "Live practice", "Preview", "Practice not available yet": how pages name a status.
const char* status_label(PracticeStatus status);
// The same in a few words, for the boxes of the route map: "No practice yet".
const char* status_short_label(PracticeStatus status);

struct RouteNode {
  std::string id;      // url id, e.g. "csm"
  std::string code;    // short label, e.g. "CSM", "A-CSM", "PSPO I"
  std::string name;    // full name, for <title> tooltip and aria
  std::string family;  // e.g. "Scrum Alliance"
  PracticeStatus status;
};

struct RouteGraph {
  std::vector<RouteNode> nodes;
  // Each ladder lists its steps entry first; a single id is a standalone route.
  std::vector<std::vector<std::string>> ladders;
  std::vector<std::pair<std::string, std::string>> equivalents;  // cross-family dashed links
};

struct RouteMapOptions {
  std::string link_prefix = "/certifications/";  // node link = prefix + id
  std::string title = "Certification route map";
  // Prefix for element ids and CSS classes inside the SVG, so two maps on one page do not clash.
  // Characters outside [A-Za-z0-9_-] become '-'.
  std::string id_prefix = "rm";
  int columns = 3;  // nodes per row; a longer ladder wraps onto the next row
};

// Returns a complete <svg ...>...</svg> element. Only ids in `ladders` are drawn; a ladder or
// equivalent naming an unknown id is skipped (the content loader validates ids before this), and
// so is a ladder repeating an id already drawn, so every node appears once.
std::string render_route_map(const RouteGraph& graph, const RouteMapOptions& options = {});

// The map's legend as an HTML list, with only the entries the map uses: the ladder arrow when a
// ladder has two steps or more, the dashed line when an equivalent is drawn, and each status
// some node has. Outside the svg, so it wraps and reads as text on any screen.
std::string render_route_map_legend(const RouteGraph& graph);

}  // namespace certhub
