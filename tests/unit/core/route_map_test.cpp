#include "core/route_map.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>

namespace certhub {
namespace {

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

RouteNode node(std::string id, std::string code, std::string name, std::string family,
               PracticeStatus status = PracticeStatus::status_only) {
  return {std::move(id), std::move(code), std::move(name), std::move(family), status};
}

// The ladders and equivalents certhub ships (content/routes.yaml).
RouteGraph certhub_graph() {
  RouteGraph g;
  const std::string sa = "Scrum Alliance", org = "Scrum.org", safe = "SAFe";
  g.nodes = {
      node("csm", "CSM", "Certified ScrumMaster", sa, PracticeStatus::live),
      node("a-csm", "A-CSM", "Advanced Certified ScrumMaster", sa),
      node("csp-sm", "CSP-SM", "Certified Scrum Professional - ScrumMaster", sa),
      node("cspo", "CSPO", "Certified Scrum Product Owner", sa),
      node("a-cspo", "A-CSPO", "Advanced Certified Scrum Product Owner", sa),
      node("csp-po", "CSP-PO", "Certified Scrum Professional - Product Owner", sa),
      node("caf", "CAF", "Certified Agile Facilitator", sa),
      node("cal-1", "CAL 1", "Certified Agile Leader 1", sa),
      node("psm-i", "PSM I", "Professional Scrum Master I", org),
      node("psm-ii", "PSM II", "Professional Scrum Master II", org),
      node("psm-iii", "PSM III", "Professional Scrum Master III", org),
      node("pspo-i", "PSPO I", "Professional Scrum Product Owner I", org),
      node("pspo-ii", "PSPO II", "Professional Scrum Product Owner II", org),
      node("pspo-iii", "PSPO III", "Professional Scrum Product Owner III", org),
      node("pal-i", "PAL-I", "Professional Agile Leadership I", org),
      node("ssm", "SSM", "SAFe Scrum Master", safe),
  };
  g.ladders = {
      {"csm", "a-csm", "csp-sm"},     {"cspo", "a-cspo", "csp-po"},      {"caf"},   {"cal-1"},
      {"psm-i", "psm-ii", "psm-iii"}, {"pspo-i", "pspo-ii", "pspo-iii"}, {"pal-i"}, {"ssm"}};
  g.equivalents = {{"cspo", "pspo-i"}, {"csm", "psm-i"}, {"a-csm", "psm-ii"}, {"cal-1", "pal-i"}};
  return g;
}

TEST(RouteMapTest, EveryLadderNodeAppearsOnceAsALinkWithItsCode) {
  const RouteGraph g = certhub_graph();
  const std::string svg = render_route_map(g);
  EXPECT_EQ(count(svg, "<a "), g.nodes.size());
  for (const auto& n : g.nodes) {
    EXPECT_EQ(count(svg, "href=\"/certifications/" + n.id + "\""), 1u) << n.id;
    EXPECT_EQ(count(svg, ">" + n.code + "</text>"), 1u) << n.code;
  }
}

TEST(RouteMapTest, ShowsStatusInWordsOnEveryNode) {
  RouteGraph g = certhub_graph();
  g.nodes[1].status = PracticeStatus::preview;  // a-csm
  const std::string svg = render_route_map(g);
  EXPECT_EQ(count(svg, ">Live practice</text>"), 1u);
  EXPECT_EQ(count(svg, ">Preview</text>"), 1u);
  EXPECT_EQ(count(svg, ">No practice yet</text>"), g.nodes.size() - 2);
  // Status is also carried by the border, not colour alone: live thick, preview dashed.
  EXPECT_NE(svg.find("stroke-width=\"4\""), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray=\"8 5\""), std::string::npos);
}

TEST(RouteMapTest, DrawsOneArrowPerLadderStep) {
  const std::string svg = render_route_map(certhub_graph());
  EXPECT_EQ(count(svg, "class=\"rm-step\""), 2u + 2u + 0u + 0u + 2u + 2u + 0u + 0u);
}

TEST(RouteMapTest, WrapsLongLaddersAndStillDrawsEveryArrow) {
  RouteGraph g;
  for (int i = 1; i <= 5; ++i)
    g.nodes.push_back(node("l" + std::to_string(i), "L" + std::to_string(i), "Level", "F"));
  g.ladders = {{"l1", "l2", "l3", "l4", "l5"}};
  const std::string wide = render_route_map(g);
  EXPECT_EQ(count(wide, "class=\"rm-step\""), 4u);
  // Five steps still fit the three-node width of the certhub map.
  const std::string narrow = render_route_map(certhub_graph());
  std::smatch a, b;
  const std::regex view_box("viewBox=\"0 0 (\\d+) ");
  ASSERT_TRUE(std::regex_search(wide, a, view_box));
  ASSERT_TRUE(std::regex_search(narrow, b, view_box));
  EXPECT_LE(std::stoi(a[1]), std::stoi(b[1]));
}

TEST(RouteMapTest, DrawsOneDashedLinkPerEquivalentBetweenDrawnNodes) {
  RouteGraph g = certhub_graph();
  EXPECT_EQ(count(render_route_map(g), "class=\"rm-eq\""), 4u);
  g.equivalents.push_back({"csm", "not-drawn"});
  g.equivalents.push_back({"pspo-i", "cspo"});  // the same link again, reversed
  EXPECT_EQ(count(render_route_map(g), "class=\"rm-eq\""), 4u);
}

TEST(RouteMapTest, SkipsUnknownIdsWithoutCrashing) {
  RouteGraph g = certhub_graph();
  g.ladders.push_back({"ghost", "csm"});
  g.ladders.push_back({"pspo-i", "ghost"});
  g.ladders.push_back({});
  g.equivalents.push_back({"ghost", "phantom"});
  g.nodes.push_back(node("lonely", "LONE", "In no ladder", "Other"));
  const std::string svg = render_route_map(g);
  EXPECT_EQ(svg, render_route_map(certhub_graph()));
  EXPECT_EQ(svg.find("ghost"), std::string::npos);
  EXPECT_EQ(svg.find("lonely"), std::string::npos);
  EXPECT_EQ(svg.find("Other"), std::string::npos);  // a family with nothing drawn has no label
}

TEST(RouteMapTest, HandlesAnEmptyGraph) {
  const std::string svg = render_route_map({});
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_EQ(count(svg, "<a "), 0u);
}

TEST(RouteMapTest, EscapesEveryStringItEmbeds) {
  RouteGraph g;
  g.nodes = {node("x", "A<&\">'", "Name <&\"> 'q'", "Fam <b>&", PracticeStatus::live)};
  g.ladders = {{"x"}};
  RouteMapOptions o;
  o.title = "Map <&\">";
  o.link_prefix = "/c?a=1&b=\"";
  const std::string svg = render_route_map(g, o);
  EXPECT_NE(svg.find("A&lt;&amp;&quot;&gt;&#39;"), std::string::npos);
  EXPECT_NE(svg.find("Name &lt;&amp;&quot;&gt; &#39;q&#39;"), std::string::npos);
  EXPECT_NE(svg.find(">Fam &lt;b&gt;&amp;</text>"), std::string::npos);
  EXPECT_NE(svg.find("Map &lt;&amp;&quot;&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("href=\"/c?a=1&amp;b=&quot;x\""), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_EQ(svg.find("Name <"), std::string::npos);
}

TEST(RouteMapTest, SameInputGivesSameBytes) {
  EXPECT_EQ(render_route_map(certhub_graph()), render_route_map(certhub_graph()));
}

TEST(RouteMapTest, DrawsAtItsNaturalSizeAndShrinksToFitAScreen) {
  const std::string svg = render_route_map(certhub_graph());
  const std::string open = svg.substr(0, svg.find('>'));
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  std::smatch box, size;
  ASSERT_TRUE(std::regex_search(open, box, std::regex("viewBox=\"0 0 (\\d+) (\\d+)\"")));
  ASSERT_TRUE(std::regex_search(open, size, std::regex(" width=\"(\\d+)\" height=\"(\\d+)\"")));
  // Drawn at 62% of its viewBox: codes at about 17 px, never the 36 px a full-width map gave.
  EXPECT_EQ(std::stoi(size[1]), std::stoi(box[1]) * 62 / 100);
  EXPECT_EQ(std::stoi(size[2]), std::stoi(box[2]) * 62 / 100);
  EXPECT_NE(svg.find("max-width:100%;height:auto"), std::string::npos);  // shrinks to fit
  EXPECT_EQ(svg.find("px"), std::string::npos);
  // Three nodes wide, and two on request for a phone: about 250 px at its natural size.
  RouteMapOptions two;
  two.columns = 2;
  const std::string narrow = render_route_map(certhub_graph(), two);
  ASSERT_TRUE(std::regex_search(narrow, size, std::regex(" width=\"(\\d+)\"")));
  EXPECT_LE(std::stoi(size[1]), 300);
}

TEST(RouteMapTest, HasTitleDescAndKeepsLinksFocusable) {
  const std::string svg = render_route_map(certhub_graph());
  const std::string open = svg.substr(0, svg.find('>'));
  EXPECT_NE(svg.find("<title id=\"rm-title\">Certification route map</title>"), std::string::npos);
  EXPECT_NE(open.find("aria-labelledby=\"rm-title\""), std::string::npos);
  EXPECT_NE(open.find("aria-describedby=\"rm-desc\""), std::string::npos);
  EXPECT_EQ(svg.find("role=\"img\""), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_FALSE(std::regex_search(svg, std::regex(" on[a-z]+=")));  // no inline event handlers
  const size_t desc = svg.find("<desc id=\"rm-desc\">");
  ASSERT_NE(desc, std::string::npos);
  const std::string words = svg.substr(desc, svg.find("</desc>") - desc);
  EXPECT_NE(words.find("CSM, then A-CSM, then CSP-SM"), std::string::npos);
  EXPECT_NE(words.find("CSPO and PSPO I"), std::string::npos);
  EXPECT_NE(words.find("Live practice: CSM."), std::string::npos);
  // Each node's tooltip and accessible name carries the full name.
  EXPECT_NE(svg.find("<title>CSM: Certified ScrumMaster, Scrum Alliance. Live practice.</title>"),
            std::string::npos);
}

TEST(RouteMapTest, LabelsFamiliesInOrder) {
  const std::string svg = render_route_map(certhub_graph());
  for (const char* family : {">Scrum Alliance</text>", ">Scrum.org</text>", ">SAFe</text>"})
    EXPECT_EQ(count(svg, family), 1u) << family;
  EXPECT_LT(svg.find(">Scrum Alliance<"), svg.find(">Scrum.org<"));
  EXPECT_LT(svg.find(">Scrum.org<"), svg.find(">SAFe<"));
}

TEST(RouteMapTest, LegendListsOnlyWhatTheMapUses) {
  const std::string full = render_route_map_legend(certhub_graph());
  EXPECT_NE(full.find("Next step on a ladder</li>"), std::string::npos);
  EXPECT_NE(full.find("Roughly equivalent level in another family</li>"), std::string::npos);
  EXPECT_NE(full.find("Live practice</li>"), std::string::npos);
  EXPECT_NE(full.find("Practice not available yet</li>"), std::string::npos);
  EXPECT_EQ(full.find("Preview"), std::string::npos);  // no node is in preview
  // One standalone route: no arrow, no dashed line, one status.
  RouteGraph one;
  one.nodes = {node("ssm", "SSM", "SAFe Scrum Master", "SAFe")};
  one.ladders = {{"ssm"}};
  const std::string single = render_route_map_legend(one);
  EXPECT_EQ(count(single, "<li>"), 1u);
  EXPECT_NE(single.find("Practice not available yet</li>"), std::string::npos);
}

TEST(RouteMapTest, OptionsSetLinksAndKeepTwoMapsApart) {
  RouteMapOptions o;
  o.link_prefix = "/routes/";
  o.id_prefix = "map 2";
  const std::string svg = render_route_map(certhub_graph(), o);
  EXPECT_NE(svg.find("href=\"/routes/csm\""), std::string::npos);
  EXPECT_EQ(svg.find("/certifications/"), std::string::npos);
  EXPECT_NE(svg.find("id=\"map-2-title\""), std::string::npos);
  EXPECT_NE(svg.find("marker-end=\"url(#map-2-arrow)\""), std::string::npos);
  EXPECT_EQ(svg.find("id=\"rm-"), std::string::npos);
}

// Set CERTHUB_ROUTE_MAP_SVG=/tmp/route_map.svg to write the shipped map for a visual check.
}  // namespace
}  // namespace certhub
