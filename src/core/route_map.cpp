#include "core/route_map.hpp"

#include "core/html.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

namespace certhub {
namespace {

// Geometry in viewBox units. The map is drawn at kScale of that size (the svg's width attribute),
// so the codes show at about 17 px and the status words at about 12 px wherever there is room;
// on a narrower screen the map shrinks with it, which is why pages also offer a two-column map.
constexpr double kScale = 0.62;
constexpr int kPad = 16;
constexpr int kNodeW = 176;
constexpr int kNodeH = 76;
constexpr int kColGap = 36;
constexpr int kLineGap = 26;    // between rows of one family
constexpr int kGroupGap = 30;   // extra space before each later family
constexpr int kGroupHead = 34;  // band holding the family label
constexpr int kLaneGap = 16;    // between dashed links routed through the left margin
constexpr int kCodeFont = 27;
constexpr int kStatusFont = 19;
constexpr int kLabelFont = 21;

constexpr const char* kInk = "#0f172a";   // text: ~17:1 on white, ~14:1 on the live fill
constexpr const char* kSoft = "#334155";  // secondary text and arrows: ~10:1 on white
constexpr const char* kEqInk = "#6d28d9";

struct Pt {
  int x;
  int y;
};

struct Cell {
  int line;
  int col;
};

// The prefix lands in ids, url(#...) references and CSS selectors, so keep it a plain token.
std::string sanitize_prefix(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    out += ok ? c : '-';
  }
  if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z')))
    out = "rm-" + out;
  return out;
}

// No font metrics on the server: estimate from the code-point count, erring wide.
int text_width(std::string_view s, int font, bool bold) {
  int chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return chars * font * (bold ? 64 : 58) / 100;
}

// Appends every part in turn, sparing the temporaries of a long `a + b + c` chain.
template <class... Parts>
void put(std::string& out, const Parts&... parts) {
  (out.append(parts), ...);
}

std::string num(int v) {
  return std::to_string(v);
}
std::string xy(Pt p) {
  return num(p.x) + "," + num(p.y);
}
int sgn(int v) {
  return (v > 0) - (v < 0);
}

// An orthogonal polyline with rounded corners, as path data.
std::string path_d(const std::vector<Pt>& p, int radius = 10) {
  std::string d = "M" + xy(p.front());
  for (size_t i = 1; i + 1 < p.size(); ++i) {
    Pt a = p[i - 1], c = p[i], b = p[i + 1];
    int in = std::abs(c.x - a.x) + std::abs(c.y - a.y);
    int out = std::abs(b.x - c.x) + std::abs(b.y - c.y);
    int k = std::min({radius, in / 2, out / 2});
    Pt s{c.x - sgn(c.x - a.x) * k, c.y - sgn(c.y - a.y) * k};
    Pt e{c.x + sgn(b.x - c.x) * k, c.y + sgn(b.y - c.y) * k};
    d += " L" + xy(s) + " Q" + xy(c) + " " + xy(e);
  }
  return d + " L" + xy(p.back());
}

}  // namespace

const char* status_label(PracticeStatus s) {
  switch (s) {
    case PracticeStatus::live:
      return "Live practice";
    case PracticeStatus::preview:
      return "Preview";
    case PracticeStatus::status_only:
      return "Practice not available yet";
  }
  return "";
}

const char* status_short_label(PracticeStatus s) {
  return s == PracticeStatus::status_only ? "No practice yet" : status_label(s);
}

namespace {

// Status is carried by border weight and dash pattern as well as the words, never colour alone.
std::string box_style(PracticeStatus s) {
  switch (s) {
    case PracticeStatus::live:
      return R"( fill="#dbeafe" stroke="#1e3a8a" stroke-width="4")";
    case PracticeStatus::preview:
      return R"( fill="#ffffff" stroke="#1e3a8a" stroke-width="2.5" stroke-dasharray="8 5")";
    case PracticeStatus::status_only:
      return R"( fill="#f8fafc" stroke="#475569" stroke-width="1.5")";
  }
  return "";
}

// Which ladders are drawn, in which rows, and which equivalents link drawn nodes.
struct Plan {
  std::vector<std::vector<const RouteNode*>> ladders;  // in drawing order
  std::vector<std::string> families;                   // one per group, top to bottom
  std::vector<int> group_first_line;                   // plus a sentinel: total line count
  std::vector<int> ladder_group;
  std::map<std::string, Cell> cells;
  std::vector<std::pair<std::string, std::string>> equivalents;
};

Plan make_plan(const RouteGraph& graph, int cols) {
  std::map<std::string, const RouteNode*> by_id;
  std::map<std::string, size_t> family_rank;
  for (const auto& n : graph.nodes) {
    by_id.emplace(n.id, &n);
    family_rank.emplace(n.family, family_rank.size());
  }

  std::vector<std::vector<const RouteNode*>> ladders;
  std::set<std::string> drawn;
  for (const auto& ids : graph.ladders) {
    std::vector<const RouteNode*> steps;
    std::set<std::string> seen;
    for (const auto& id : ids) {
      auto it = by_id.find(id);
      if (it == by_id.end() || drawn.count(id) || !seen.insert(id).second) break;
      steps.push_back(it->second);
    }
    if (steps.empty() || steps.size() != ids.size()) continue;
    drawn.insert(seen.begin(), seen.end());
    ladders.push_back(std::move(steps));
  }

  std::map<std::string, size_t> ladder_of;
  for (size_t i = 0; i < ladders.size(); ++i)
    for (const auto* n : ladders[i]) ladder_of[n->id] = i;
  Plan plan;
  std::set<std::pair<std::string, std::string>> seen_pairs;
  std::vector<std::vector<size_t>> partners(ladders.size());
  for (const auto& [a, b] : graph.equivalents) {
    if (a == b || !ladder_of.count(a) || !ladder_of.count(b)) continue;
    if (!seen_pairs.insert(std::minmax(a, b)).second) continue;
    plan.equivalents.emplace_back(a, b);
    size_t la = ladder_of[a], lb = ladder_of[b];
    if (la != lb) {
      partners[la].push_back(lb);
      partners[lb].push_back(la);
    }
  }

  // Families in the order their nodes appear; ladders keep their given order inside a family.
  std::vector<std::vector<size_t>> groups;
  std::vector<size_t> group_of(ladders.size()), pos_in_group(ladders.size());
  std::map<size_t, size_t> group_by_rank;
  for (size_t i = 0; i < ladders.size(); ++i)
    group_by_rank.emplace(family_rank[ladders[i][0]->family], 0);
  for (auto& [rank, g] : group_by_rank) {
    g = groups.size();
    groups.emplace_back();
  }
  for (size_t i = 0; i < ladders.size(); ++i) {
    size_t g = group_by_rank[family_rank[ladders[i][0]->family]];
    group_of[i] = g;
    pos_in_group[i] = groups[g].size();
    groups[g].push_back(i);
  }

  // Inside each family, shorten dashed links: ladders linked to an earlier family go to the top
  // (nearest partner first), ladders linked only to a later family go to the bottom (nearest
  // partner last), unlinked ladders sit between. Partners then end up in facing, nested rows.
  std::vector<int> line_of(ladders.size(), -1);
  int line = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::tuple<int, long, size_t>> keys;  // (band, key, ladder)
    for (size_t l : groups[g]) {
      int back = -1;
      long fwd = LONG_MAX;
      for (size_t q : partners[l]) {
        if (line_of[q] >= 0)
          back = std::max(back, line_of[q]);
        else if (group_of[q] > g)
          fwd = std::min(fwd, static_cast<long>(group_of[q] * 100000 + pos_in_group[q]));
      }
      if (back >= 0)
        keys.emplace_back(0, -back, l);
      else if (fwd != LONG_MAX)
        keys.emplace_back(2, -fwd, l);
      else
        keys.emplace_back(1, 0, l);
    }
    std::stable_sort(keys.begin(), keys.end(), [](const auto& x, const auto& y) {
      return std::get<0>(x) != std::get<0>(y) ? std::get<0>(x) < std::get<0>(y)
                                              : std::get<1>(x) < std::get<1>(y);
    });
    plan.families.push_back(ladders[groups[g][0]][0]->family);
    plan.group_first_line.push_back(line);
    for (const auto& key : keys) {
      size_t l = std::get<2>(key);
      line_of[l] = line;
      for (size_t k = 0; k < ladders[l].size(); ++k)
        plan.cells[ladders[l][k]->id] = {line + static_cast<int>(k) / cols,
                                         static_cast<int>(k) % cols};
      line += (static_cast<int>(ladders[l].size()) + cols - 1) / cols;
      plan.ladders.push_back(ladders[l]);
      plan.ladder_group.push_back(static_cast<int>(g));
    }
  }
  plan.group_first_line.push_back(line);
  return plan;
}

std::string describe(const Plan& plan, const std::string& title) {
  std::string d = title + ".";
  for (size_t g = 0; g < plan.families.size(); ++g) {
    d += " " + plan.families[g] + ": ";
    bool first = true;
    for (size_t l = 0; l < plan.ladders.size(); ++l) {
      if (plan.ladder_group[l] != static_cast<int>(g)) continue;
      if (!first) d += "; ";
      first = false;
      const auto& steps = plan.ladders[l];
      for (size_t k = 0; k < steps.size(); ++k) d += (k ? ", then " : "") + steps[k]->code;
      if (steps.size() == 1) d += ", standalone";
    }
    d += ".";
  }
  auto code = [&](const std::string& id) {
    for (const auto& steps : plan.ladders)
      for (const auto* n : steps)
        if (n->id == id) return n->code;
    return id;
  };
  if (!plan.equivalents.empty()) {
    d += " Roughly equivalent levels: ";
    for (size_t i = 0; i < plan.equivalents.size(); ++i)
      d += (i ? "; " : "") + code(plan.equivalents[i].first) + " and " +
           code(plan.equivalents[i].second);
    d += ".";
  }
  for (auto s : {PracticeStatus::live, PracticeStatus::preview}) {
    std::string list;
    for (const auto& steps : plan.ladders)
      for (const auto* n : steps)
        if (n->status == s) list += (list.empty() ? "" : ", ") + n->code;
    if (!list.empty()) d += std::string(" ") + status_label(s) + ": " + list + ".";
  }
  return d + " Every other route has no practice yet.";
}

}  // namespace

std::string render_route_map(const RouteGraph& graph, const RouteMapOptions& options) {
  const int cols = std::max(1, options.columns);
  const Plan plan = make_plan(graph, cols);
  const std::string p = sanitize_prefix(options.id_prefix);
  const int lines = plan.group_first_line.back();

  // Vertical positions: per family a label band and one row per ladder line.
  int y = kPad;
  std::vector<int> line_top(lines);
  std::vector<int> group_top;
  for (size_t g = 0; g + 1 < plan.group_first_line.size(); ++g) {
    if (g > 0) y += kGroupGap;
    group_top.push_back(y);
    y += kGroupHead;
    for (int l = plan.group_first_line[g]; l < plan.group_first_line[g + 1]; ++l) {
      line_top[l] = y;
      y += kNodeH + kLineGap;
    }
    y -= kLineGap;
  }
  const int height = y + kPad;

  // Equivalent links: straight when the column between the two nodes is clear, otherwise
  // through a lane in the left margin; shorter spans take inner lanes so lanes nest.
  std::set<std::pair<int, int>> occupied;
  for (const auto& [id, c] : plan.cells) occupied.insert({c.line, c.col});
  enum class Route { straight, lane, same_row };
  struct Link {
    Cell a, b;  // a is on the upper line
    Route route;
    int lane = 0;
  };
  std::vector<Link> links;
  for (const auto& [ida, idb] : plan.equivalents) {
    Cell a = plan.cells.at(ida), b = plan.cells.at(idb);
    if (b.line < a.line) std::swap(a, b);
    Route r = a.line == b.line ? Route::same_row : a.col == b.col ? Route::straight : Route::lane;
    for (int l = a.line + 1; r == Route::straight && l < b.line; ++l)
      if (occupied.count({l, a.col})) r = Route::lane;
    links.push_back({a, b, r});
  }
  std::vector<size_t> by_span;
  for (size_t i = 0; i < links.size(); ++i)
    if (links[i].route == Route::lane) by_span.push_back(i);
  std::stable_sort(by_span.begin(), by_span.end(), [&](size_t i, size_t j) {
    return links[i].b.line - links[i].a.line < links[j].b.line - links[j].a.line;
  });
  std::vector<std::vector<std::pair<int, int>>> lanes;
  for (size_t i : by_span) {
    Link& k = links[i];
    size_t lane = 0;
    for (; lane < lanes.size(); ++lane) {
      bool clash = std::any_of(lanes[lane].begin(), lanes[lane].end(), [&](auto span) {
        return k.a.line <= span.second && span.first <= k.b.line;
      });
      if (!clash) break;
    }
    if (lane == lanes.size()) lanes.emplace_back();
    lanes[lane].push_back({k.a.line, k.b.line});
    k.lane = static_cast<int>(lane);
  }

  const int left = lanes.empty() ? kPad : kPad + 14 + static_cast<int>(lanes.size() - 1) * kLaneGap;
  const int width = left + cols * kNodeW + (cols - 1) * kColGap + kPad;
  auto node_x = [&](int col) { return left + col * (kNodeW + kColGap); };
  auto center = [&](Cell c) { return node_x(c.col) + kNodeW / 2; };
  auto lane_x = [&](int lane) { return left - 12 - lane * kLaneGap; };

  std::string s;
  put(s, R"(<svg xmlns="http://www.w3.org/2000/svg" class=")", p, R"(-map" viewBox="0 0 )",
      num(width), " ", num(height), R"(" width=")", num(static_cast<int>(width * kScale)),
      R"(" height=")", num(static_cast<int>(height * kScale)),
      R"(" role="group" aria-labelledby=")", p, R"(-title" aria-describedby=")", p,
      R"(-desc" font-family="system-ui, sans-serif">)");
  put(s, "<title id=\"", p, "-title\">", escape_html(options.title), "</title>");
  put(s, "<desc id=\"", p, "-desc\">", escape_html(describe(plan, options.title)), "</desc>");
  // Essentials are presentation attributes (they survive a strict style CSP); the block only
  // caps the size and adds hover and keyboard-focus cues.
  const std::string n = "." + p + "-node";
  put(s, "<style>.", p, "-map{max-width:100%;height:auto}", n, ":focus{outline:none}", n,
      ":focus-visible .", p, "-box{stroke:#c2410c;stroke-width:5}", n, ":hover .", p, "-code,", n,
      ":focus-visible .", p, "-code{text-decoration:underline}</style>");
  put(s, "<defs><marker id=\"", p,
      R"(-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" )"
      R"(markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill=")",
      kSoft, "\"/></marker></defs>");
  put(s, "<rect width=\"", num(width), "\" height=\"", num(height),
      R"(" rx="12" fill="#ffffff" stroke="#cbd5e1"/>)");

  // Family labels, with a white halo so a dashed link crossing the band stays behind the words,
  // and a faint rule above each later family so its label reads with the rows below it.
  std::vector<int> label_end;
  for (size_t g = 0; g < plan.families.size(); ++g) {
    label_end.push_back(left + text_width(plan.families[g], kLabelFont, true));
    if (g > 0)
      put(s, "<path d=\"M", num(left), ",", num(group_top[g] - kGroupGap / 2), " H",
          num(width - kPad), R"(" stroke="#e2e8f0" stroke-width="1"/>)");
    put(s, "<text class=\"", p, "-family\" x=\"", num(left), "\" y=\"", num(group_top[g] + 22),
        "\" font-size=\"", num(kLabelFont), "\" font-weight=\"700\" fill=\"", kInk,
        R"(" stroke="#ffffff" stroke-width="5" stroke-linejoin="round" paint-order="stroke">)",
        escape_html(plan.families[g]), "</text>");
  }

  // Equivalent links, drawn before nodes so nodes sit on top.
  for (const Link& k : links) {
    const int a_top = line_top[k.a.line], b_top = line_top[k.b.line];
    std::string d;
    if (k.route == Route::straight) {
      int lx = center(k.a);
      for (size_t g = 1; g < plan.families.size(); ++g) {
        int first = plan.group_first_line[g];
        bool crosses_label = k.a.line < first && first <= k.b.line;
        if (crosses_label && lx >= left - 8 && lx <= label_end[g] + 8)
          lx = std::min(label_end[g] + 14, node_x(k.a.col) + kNodeW - 14);
      }
      d = path_d({{lx, a_top + kNodeH}, {lx, b_top}});
    } else if (k.route == Route::same_row) {
      int xa = center(k.a), xb = center(k.b);
      put(d, "M", xy({xa, a_top}), " Q", xy({(xa + xb) / 2, a_top - 40}), " ", xy({xb, a_top}));
    } else {
      // From each node to the height where the link turns into its margin lane: beside a
      // first-column node, else just under the row above the node's edge (clear of the family
      // label and of wrap arrows, which run lower in the gap).
      auto chain = [&](Cell c, bool upper) -> std::vector<Pt> {
        int top = line_top[c.line];
        if (c.col == 0) return {{left, top + kNodeH / 2}};
        int run = upper ? top + kNodeH + 5 : line_top[c.line - 1] + kNodeH + 10;
        return {{center(c), upper ? top + kNodeH : top}, {center(c), run}};
      };
      std::vector<Pt> pts = chain(k.a, true), tail = chain(k.b, false);
      int lx = lane_x(k.lane);
      pts.push_back({lx, pts.back().y});
      pts.push_back({lx, tail.back().y});
      pts.insert(pts.end(), tail.rbegin(), tail.rend());
      d = path_d(pts, 12);
    }
    put(s, "<path class=\"", p, "-eq\" d=\"", d, "\" stroke=\"", kEqInk,
        R"(" stroke-width="2" stroke-dasharray="6 5" fill="none"/>)");
  }

  // Arrows between consecutive steps; a wrapped ladder turns down through the row gap.
  for (const auto& steps : plan.ladders) {
    for (size_t k = 0; k + 1 < steps.size(); ++k) {
      Cell a = plan.cells.at(steps[k]->id), b = plan.cells.at(steps[k + 1]->id);
      int ta = line_top[a.line], tb = line_top[b.line];
      std::vector<Pt> pts;
      if (a.line == b.line) {
        pts = {{node_x(a.col) + kNodeW + 2, ta + kNodeH / 2}, {node_x(b.col) - 3, tb + kNodeH / 2}};
      } else {
        int gap_y = ta + kNodeH + 16;
        pts = {{center(a), ta + kNodeH + 2},
               {center(a), gap_y},
               {center(b), gap_y},
               {center(b), tb - 3}};
      }
      put(s, "<path class=\"", p, "-step\" d=\"", path_d(pts), "\" stroke=\"", kSoft,
          R"(" stroke-width="2" fill="none" marker-end="url(#)", p, "-arrow)\"/>");
    }
  }

  // Nodes: each a link whose <title> gives the full name as tooltip and accessible name.
  for (const auto& steps : plan.ladders) {
    for (const auto* node : steps) {
      Cell c = plan.cells.at(node->id);
      int nx = node_x(c.col), top = line_top[c.line], cx = nx + kNodeW / 2;
      const char* words = status_short_label(node->status);
      std::string fit;  // squeeze an unusually long code into the box rather than overflow it
      if (text_width(node->code, kCodeFont, true) > kNodeW - 16)
        put(fit, " textLength=\"", num(kNodeW - 16), R"(" lengthAdjust="spacingAndGlyphs")");
      std::string tip;
      put(tip, node->code, ": ", node->name, ", ", node->family, ". ", status_label(node->status),
          ".");
      put(s, "<a class=\"", p, "-node\" href=\"", escape_html(options.link_prefix),
          escape_html(node->id), "\">");
      put(s, "<title>", escape_html(tip), "</title>");
      put(s, "<rect class=\"", p, "-box\" x=\"", num(nx), "\" y=\"", num(top), "\" width=\"",
          num(kNodeW), "\" height=\"", num(kNodeH), "\" rx=\"8\"", box_style(node->status), "/>");
      put(s, "<text class=\"", p, "-code\" x=\"", num(cx), "\" y=\"", num(top + 34),
          R"(" text-anchor="middle" font-size=")", num(kCodeFont), R"(" font-weight="700" fill=")",
          kInk, "\"", fit, ">", escape_html(node->code), "</text>");
      std::string squeeze;
      if (text_width(words, kStatusFont, false) > kNodeW - 16)
        put(squeeze, " textLength=\"", num(kNodeW - 16), R"(" lengthAdjust="spacingAndGlyphs")");
      put(s, "<text x=\"", num(cx), "\" y=\"", num(top + 62),
          R"(" text-anchor="middle" font-size=")", num(kStatusFont), "\" fill=\"", kSoft, "\"",
          squeeze, ">", words, "</text></a>");
    }
  }
  return s + "</svg>";
}

}  // namespace certhub

namespace certhub {

std::string render_route_map_legend(const RouteGraph& graph) {
  const Plan plan = make_plan(graph, 3);
  bool steps = false;
  std::set<PracticeStatus> statuses;
  for (const auto& ladder : plan.ladders) {
    steps |= ladder.size() > 1;
    for (const auto* n : ladder) statuses.insert(n->status);
  }
  std::string s = "<ul class=\"map-legend\">";
  auto swatch = [&](const std::string& shape, const std::string& words) {
    put(s, R"(<li><svg class="legend-swatch" viewBox="0 0 44 24" width="44" height="24" )",
        R"(aria-hidden="true" focusable="false">)", shape, "</svg> ", escape_html(words), "</li>");
  };
  if (steps)
    swatch(std::string(R"(<path d="M2,12 H36" stroke=")") + kSoft +
               R"(" stroke-width="2" fill="none"/><path d="M34,7 L42,12 L34,17 z" fill=")" + kSoft +
               R"("/>)",
           "Next step on a ladder");
  if (!plan.equivalents.empty())
    swatch(std::string(R"(<path d="M2,12 H42" stroke=")") + kEqInk +
               R"(" stroke-width="2" stroke-dasharray="6 5" fill="none"/>)",
           "Roughly equivalent level in another family");
  for (auto st : {PracticeStatus::live, PracticeStatus::preview, PracticeStatus::status_only})
    if (statuses.count(st))
      swatch(R"(<rect x="4" y="2" width="36" height="20" rx="5")" + box_style(st) + "/>",
             status_label(st));
  return s + "</ul>";
}

}  // namespace certhub
