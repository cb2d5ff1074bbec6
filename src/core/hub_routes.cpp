#include "core/hub_routes.hpp"

#include <algorithm>

#include "core/hub_format.hpp"

namespace certhub {

LadderPosition ladder_position(const Catalog& catalog, std::string_view id) {
  for (const auto& ladder : catalog.ladders) {
    auto it = std::find(ladder.begin(), ladder.end(), id);
    if (it == ladder.end()) continue;
    LadderPosition pos;
    auto index = static_cast<size_t>(it - ladder.begin());
    pos.step = static_cast<int>(index) + 1;
    pos.steps = static_cast<int>(ladder.size());
    if (index > 0) pos.previous = ladder[index - 1];
    if (index + 1 < ladder.size()) pos.next = ladder[index + 1];
    return pos;
  }
  return {};
}

std::vector<const Certification*> certifications_in_order(const Catalog& catalog,
                                                          std::string_view family) {
  std::vector<const Certification*> out;
  auto wanted = [&](const Certification* c) {
    return c && (family.empty() || c->family == family) &&
           std::find(out.begin(), out.end(), c) == out.end();
  };
  auto add_family = [&](std::string_view fam) {
    for (const auto& ladder : catalog.ladders)
      for (const auto& id : ladder)
        if (const Certification* c = catalog.certification(id); wanted(c) && c->family == fam)
          out.push_back(c);
    for (const auto& c : catalog.certifications)
      if (wanted(&c) && c.family == fam) out.push_back(&c);
  };
  if (!family.empty()) {
    add_family(family);
  } else {
    for (const auto& f : catalog.families) add_family(f.id);
    for (const auto& c : catalog.certifications)
      if (wanted(&c)) out.push_back(&c);
  }
  return out;
}

std::vector<std::string> equivalents_of(const Catalog& catalog, std::string_view id) {
  std::vector<std::string> out;
  for (const auto& [a, b] : catalog.equivalents) {
    if (a == id) out.push_back(b);
    if (b == id) out.push_back(a);
  }
  return out;
}

RouteGraph route_graph(const Catalog& catalog, std::string_view family) {
  RouteGraph graph;
  for (const auto& c : catalog.certifications) {
    if (!family.empty() && c.family != family) continue;
    const Family* f = catalog.family(c.family);
    graph.nodes.push_back({c.id, c.code, c.name, f ? f->name : c.family, c.practice});
  }
  for (const auto& ladder : catalog.ladders) {
    if (ladder.empty()) continue;
    const Certification* first = catalog.certification(ladder.front());
    if (!family.empty() && (!first || first->family != family)) continue;
    graph.ladders.push_back(ladder);
  }
  if (family.empty()) graph.equivalents = catalog.equivalents;
  return graph;
}

std::string page_label(const Catalog& catalog, std::string_view link) {
  auto tail = [&](std::string_view prefix) -> std::optional<std::string> {
    if (!link.starts_with(prefix)) return std::nullopt;
    return std::string(link.substr(prefix.size()));
  };
  if (link == "/") return "certhub home";
  if (link == "/routes") return "Route map";
  if (link == "/compare") return "Compare certifications";
  if (link == "/courses") return "Course schedule";
  if (auto id = tail("/families/"))
    if (const Family* f = catalog.family(*id)) return f->name + " hub";
  if (auto id = tail("/certifications/"))
    if (const Certification* c = catalog.certification(*id)) return c->name + " (" + c->code + ")";
  if (auto id = tail("/practice/"))
    if (const Certification* c = catalog.certification(*id)) return c->code + " practice";
  if (auto slug = tail("/compare/")) {
    if (auto pair = split_compare_slug(*slug)) {
      const Certification* a = catalog.certification(pair->first);
      const Certification* b = catalog.certification(pair->second);
      if (a && b) return a->code + " vs " + b->code;
    }
  }
  return std::string(link);
}

std::optional<std::pair<std::string, std::string>> split_compare_slug(std::string_view slug) {
  auto vs = slug.find("-vs-");
  if (vs == std::string_view::npos || vs == 0 || vs + 4 >= slug.size()) return std::nullopt;
  return std::pair{std::string(slug.substr(0, vs)), std::string(slug.substr(vs + 4))};
}

namespace {

std::string level_text(const Catalog& catalog, const Certification& c) {
  auto pos = ladder_position(catalog, c.id);
  std::string where = pos.steps <= 1 ? std::string("standalone route")
                                     : "step " + std::to_string(pos.step) + " of " +
                                           std::to_string(pos.steps) + " on its ladder";
  if (c.level_name.empty()) {
    where[0] = static_cast<char>(where[0] - 'a' + 'A');
    return where;
  }
  return c.level_name + ", " + where;
}

std::string exam_text(const Certification& c) {
  return c.exam ? exam_size_text(*c.exam) : std::string("No exam");
}

std::string renewal_text(const Certification& c) {
  auto summary = renewal_summary(c.renewal);
  return summary.empty() ? c.renewal.fact.text : summary;
}

}  // namespace

std::vector<CompareRow> compare_rows(const Catalog& catalog, const Certification& a,
                                     const Certification& b) {
  std::vector<CompareRow> rows;
  auto add = [&rows](std::string label, std::string va, std::string vb,
                     std::vector<std::string> sa = {}, std::vector<std::string> sb = {},
                     std::optional<bool> differs = std::nullopt) {
    bool differ = differs.value_or(va != vb);
    rows.push_back(
        {std::move(label), std::move(va), std::move(vb), std::move(sa), std::move(sb), differ});
  };
  auto family_name = [&](const Certification& c) {
    const Family* f = catalog.family(c.family);
    return f ? f->name : c.family;
  };
  auto exam_sources = [](const Certification& c) {
    if (c.exam) return c.exam->fact.sources;
    if (c.no_exam) return c.no_exam->sources;
    return std::vector<std::string>{};
  };
  auto or_none = [](const Certification& c, auto&& value) {
    return c.exam ? value(*c.exam) : std::string("No exam");
  };
  auto list_or = [](const std::vector<std::string>& items, const char* none) {
    return items.empty() ? std::string(none) : join_words(items);
  };

  add("Awarding family", family_name(a), family_name(b));
  add("Lane", lane_label(a.lane), lane_label(b.lane));
  add("Level", level_text(catalog, a), level_text(catalog, b));
  add("Practice on certhub", status_label(a.practice), status_label(b.practice));
  add("Official focus", a.focus.text, b.focus.text, a.focus.sources, b.focus.sources);
  add("Prerequisites", a.prerequisites.text, b.prerequisites.text, a.prerequisites.sources,
      b.prerequisites.sources);
  // Training differs when its known values do: hours, or formats where both name them; one
  // side leaving a value unpublished is not a difference.
  bool hours_differ =
      a.training.hours && b.training.hours && *a.training.hours != *b.training.hours;
  bool formats_differ = !a.training.formats.empty() && !b.training.formats.empty() &&
                        a.training.formats != b.training.formats;
  add("Training", training_summary(a.training), training_summary(b.training),
      a.training.fact.sources, b.training.fact.sources,
      hours_differ || formats_differ ||
          (!a.training.hours && !b.training.hours && a.training.formats.empty() &&
           b.training.formats.empty() && a.training.fact.text != b.training.fact.text));
  add("Exam", exam_text(a), exam_text(b), exam_sources(a), exam_sources(b));
  add("Pass mark", or_none(a, [](const Exam& e) { return pass_mark_text(e); }),
      or_none(b, [](const Exam& e) { return pass_mark_text(e); }));
  add("Question types",
      or_none(a, [&](const Exam& e) { return list_or(e.types, "Not published"); }),
      or_none(b, [&](const Exam& e) { return list_or(e.types, "Not published"); }));
  add("Languages", or_none(a, [&](const Exam& e) { return list_or(e.languages, "Not published"); }),
      or_none(b, [&](const Exam& e) { return list_or(e.languages, "Not published"); }));
  add("Fees", a.fees.text, b.fees.text, a.fees.sources, b.fees.sources);
  add("Renewal", renewal_text(a), renewal_text(b), a.renewal.fact.sources, b.renewal.fact.sources);
  auto retake = [](const Certification& c) {
    if (c.retake) return c.retake->text;
    return std::string(c.exam ? "Not published" : "No test to retake");
  };
  auto retake_sources = [](const Certification& c) {
    return c.retake ? c.retake->sources : std::vector<std::string>{};
  };
  add("Retake", retake(a), retake(b), retake_sources(a), retake_sources(b));
  return rows;
}

}  // namespace certhub
