#include "content/loader.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "content/yaml_reader.hpp"
#include "core/blueprint.hpp"

namespace certhub {
namespace fs = std::filesystem;
namespace {

// Where something was written, for errors found after every file is read.
struct Place {
  std::string file;
  YAML::Mark mark;
};

// A reference to check once the whole catalog is known; returns a message when it dangles.
struct PendingRef {
  Place at;
  std::function<std::optional<std::string>(const Catalog&)> problem;
};

std::optional<std::string> link_problem(const Catalog& c, const std::string& link) {
  static const std::set<std::string> kFixed{"/", "/routes", "/compare", "/courses"};
  if (kFixed.contains(link)) return std::nullopt;
  auto tail = [&](std::string_view prefix) -> std::optional<std::string> {
    if (!link.starts_with(prefix)) return std::nullopt;
    return link.substr(prefix.size());
  };
  if (auto id = tail("/families/"))
    return c.family(*id) ? std::nullopt : std::optional("link to unknown family " + in_quotes(*id));
  if (auto id = tail("/certifications/"))
    return c.certification(*id) ? std::nullopt
                                : std::optional("link to unknown certification " + in_quotes(*id));
  if (auto id = tail("/practice/")) {
    auto* cert = c.certification(*id);
    if (!cert) return "link to practice for unknown certification " + in_quotes(*id);
    if (cert->practice != PracticeStatus::live)
      return "link to practice for " + in_quotes(*id) + ", which has no live practice";
    return std::nullopt;
  }
  if (auto pair = tail("/compare/")) {
    auto vs = pair->find("-vs-");
    if (vs == std::string::npos) return "comparison link must be /compare/{a}-vs-{b}";
    auto a = pair->substr(0, vs), b = pair->substr(vs + 4);
    if (!c.certification(a)) return "comparison link names unknown certification " + in_quotes(a);
    if (!c.certification(b)) return "comparison link names unknown certification " + in_quotes(b);
    return std::nullopt;
  }
  return "link " + in_quotes(link) + " is not a certhub page";
}

std::string normalized(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out;
}

class Loader {
 public:
  explicit Loader(fs::path root) : root_(std::move(root)) {}

  LoadResult run() {
    if (!fs::is_directory(root_)) {
      diags_.push_back({root_.string(), 1, 1, Severity::error, "content directory not found"});
      return {nullptr, diags_};
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root_))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const char* required : {"sources.yaml", "families.yaml"})
      if (std::find(files.begin(), files.end(), root_ / required) == files.end())
        diags_.push_back(
            {(root_ / required).string(), 1, 1, Severity::error, "required file is missing"});
    // Sources first: every other file cites them.
    std::stable_partition(files.begin(), files.end(),
                          [&](const fs::path& p) { return p == root_ / "sources.yaml"; });
    for (const auto& path : files) load_file(path);
    catalog_.version = version_hex();
    catalog_.finish();
    for (const auto& ref : refs_)
      if (auto msg = ref.problem(catalog_)) report(ref.at, *msg);
    check_duplicate_stems();
    warn_small_domains();
    std::stable_sort(diags_.begin(), diags_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
    LoadResult result;
    result.diagnostics = diags_;
    if (!has_errors(diags_)) result.catalog = std::make_shared<const Catalog>(std::move(catalog_));
    return result;
  }

 private:
  void report(const Place& at, std::string message, Severity sev = Severity::error) {
    YamlReader r(at.file, diags_);
    sev == Severity::error ? r.error(at.mark, std::move(message))
                           : r.warning(at.mark, std::move(message));
  }

  void load_file(const fs::path& path) {
    auto rel = fs::relative(path, root_);
    auto ext = path.extension().string();
    if (ext != ".yaml" && ext != ".yml") return;  // READMEs and notes may sit beside content
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string bytes = buffer.str();
    hash(rel.generic_string());
    hash(bytes);
    YamlReader r(path.string(), diags_);
    try {
      YAML::Node doc = YAML::Load(bytes);
      auto parts = std::vector<std::string>(rel.begin(), rel.end());
      if (rel != "sources.yaml") register_sources(r, doc);
      std::string stem = path.stem().string();
      if (ext == ".yml") {
        r.error(YAML::Mark::null_mark(), "content files end in .yaml, not .yml");
      } else if (parts.size() == 1 && stem == "sources") {
        load_sources(r, doc);
      } else if (parts.size() == 1 && stem == "families") {
        load_families(r, doc);
      } else if (parts.size() == 1 && stem == "routes") {
        load_routes(r, doc);
      } else if (parts.size() == 1 && stem == "comparisons") {
        load_comparisons(r, doc);
      } else if (parts.size() == 1 && stem == "courses") {
        load_courses(r, doc);
      } else if (parts.size() == 2 && parts[0] == "certifications") {
        load_certification(r, doc, stem);
      } else if (parts.size() == 3 && parts[0] == "questions") {
        load_bank(r, doc, parts[1], stem);
      } else {
        r.error(YAML::Mark::null_mark(),
                "unexpected content file (see docs/content.md for the layout)");
      }
    } catch (const YAML::Exception& e) {
      r.error(e.mark, e.msg);
    }
  }

  // Every `sources:` list anywhere in a file must name entries of sources.yaml.
  void register_sources(YamlReader& r, const YAML::Node& node) {
    if (is_map(node)) {
      for (const auto& entry : node) {
        if (entry.first.as<std::string>("") == "sources" && is_seq(entry.second)) {
          for (const auto& item : entry.second) {
            auto id = item.as<std::string>("");
            refs_.push_back(
                {{r.file(), mark_of(item)}, [id](const Catalog& c) -> std::optional<std::string> {
                   if (c.source(id)) return std::nullopt;
                   return "unknown source " + in_quotes(id) + " (add it to sources.yaml)";
                 }});
          }
        } else {
          register_sources(r, entry.second);
        }
      }
    } else if (is_seq(node)) {
      for (const auto& item : node) register_sources(r, item);
    }
  }

  bool unique(const YamlReader& r, const std::string& kind, const std::string& id,
              const YAML::Node& at) {
    if (id.empty()) return false;
    auto [it, inserted] = ids_.emplace(kind + ":" + id, Place{r.file(), mark_of(at)});
    if (inserted) return true;
    report({r.file(), mark_of(at)}, "duplicate " + kind + " id " + in_quotes(id) +
                                        " (first defined at " + it->second.file + ":" +
                                        std::to_string(it->second.mark.line + 1) + ")");
    return false;
  }

  void ref_cert(const YamlReader& r, const YAML::Node& at, const std::string& id) {
    refs_.push_back({{r.file(), mark_of(at)}, [id](const Catalog& c) -> std::optional<std::string> {
                       if (id.empty() || c.certification(id)) return std::nullopt;
                       return "unknown certification " + in_quotes(id);
                     }});
  }

  void ref_link(const YamlReader& r, const YAML::Node& at, const std::string& link) {
    refs_.push_back(
        {{r.file(), mark_of(at)}, [link](const Catalog& c) { return link_problem(c, link); }});
  }

  void load_sources(YamlReader& r, const YAML::Node& doc) {
    if (!r.mapping(doc, {"sources"}, "sources.yaml") || !r.sequence(doc["sources"], "'sources'"))
      return;
    for (const auto& node : doc["sources"]) {
      if (!r.mapping(node, {"id", "title", "url", "checked", "official"}, "a source")) continue;
      Source s;
      s.id = r.text(node, "id");
      s.title = r.text(node, "title");
      s.url = r.url(node, "url");
      s.checked = r.date(node, "checked").value_or(Date{});
      s.official = r.boolean(node, "official", false);
      if (unique(r, "source", s.id, node)) catalog_.sources.push_back(std::move(s));
    }
  }

  Goal goal(YamlReader& r, const YAML::Node& node, bool with_goal) {
    Goal g;
    std::vector<std::string_view> keys{"link", "why"};
    if (with_goal) keys.push_back("goal");
    if (!r.mapping(node, keys, with_goal ? "a goal" : "'best_next'")) return g;
    if (with_goal) g.goal = r.text(node, "goal");
    g.link = r.text(node, "link");
    g.why = r.text(node, "why");
    if (!g.link.empty()) ref_link(r, node["link"], g.link);
    return g;
  }

  void load_families(YamlReader& r, const YAML::Node& doc) {
    if (!r.mapping(doc, {"families"}, "families.yaml") ||
        !r.sequence(doc["families"], "'families'"))
      return;
    for (const auto& node : doc["families"]) {
      if (!r.mapping(node,
                     {"id", "name", "summary", "intro", "website", "sources", "right_route_when",
                      "goals", "lanes", "best_next"},
                     "a family"))
        continue;
      Family f;
      f.id = r.id(node, "id");
      f.name = r.text(node, "name");
      f.summary = r.text(node, "summary");
      f.intro = r.text(node, "intro");
      f.website = r.url(node, "website");
      f.sources = r.strings(node, "sources", true);
      f.right_route_when = r.strings(node, "right_route_when", true);
      if (r.sequence(node["goals"], "'goals'"))
        for (const auto& g : node["goals"]) f.goals.push_back(goal(r, g, true));
      if (r.sequence(node["lanes"], "'lanes'"))
        for (const auto& l : node["lanes"]) {
          if (!r.mapping(l, {"lane", "best_fit"}, "a lane")) continue;
          Lane lane;
          int idx = r.choice(
              l, "lane", {"scrum-master", "product-owner", "facilitation", "leadership", "scaled"});
          lane.lane = l["lane"].as<std::string>("");
          lane.best_fit = r.text(l, "best_fit");
          if (idx >= 0) f.lanes.push_back(std::move(lane));
        }
      if (node["best_next"])
        f.best_next = goal(r, node["best_next"], false);
      else
        r.error(node, "missing required field 'best_next'");
      if (unique(r, "family", f.id, node)) catalog_.families.push_back(std::move(f));
    }
  }

  void load_certification(YamlReader& r, const YAML::Node& node, const std::string& stem) {
    if (!r.mapping(node, {"id",       "code",       "name",          "family",   "lane",
                          "level",    "level_name", "summary",       "audience", "tests_what",
                          "practice", "focus",      "prerequisites", "training", "exam",
                          "no_exam",  "fees",       "renewal",       "retake",   "domains",
                          "notes",    "adjacent"},
                   "a certification"))
      return;
    Certification c;
    c.id = r.id(node, "id");
    if (!c.id.empty() && c.id != stem)
      r.error(node["id"], "certification id " + in_quotes(c.id) + " does not match its file name " +
                              in_quotes(stem));
    c.code = r.text(node, "code");
    c.name = r.text(node, "name");
    c.family = r.text(node, "family");
    refs_.push_back({{r.file(), mark_of(node["family"])},
                     [id = c.family](const Catalog& cat) -> std::optional<std::string> {
                       if (id.empty() || cat.family(id)) return std::nullopt;
                       return "unknown family " + in_quotes(id);
                     }});
    r.choice(node, "lane",
             {"scrum-master", "product-owner", "facilitation", "leadership", "scaled"});
    c.lane = r.text(node, "lane", false);
    c.level = r.integer(node, "level", true, 1, 5).value_or(1);
    c.level_name = r.text(node, "level_name");
    c.summary = r.text(node, "summary");
    c.audience = r.text(node, "audience");
    c.tests_what = r.text(node, "tests_what");
    int practice = r.choice(node, "practice", {"live", "preview", "status-only"});
    c.practice = practice == 0   ? PracticeStatus::live
                 : practice == 1 ? PracticeStatus::preview
                                 : PracticeStatus::status_only;
    c.focus = r.fact(node, "focus");
    c.prerequisites = r.fact(node, "prerequisites");
    c.training.fact = r.fact(node, "training", {"hours", "formats"});
    if (is_map(node["training"])) {
      c.training.hours = r.integer(node["training"], "hours", false, 1, 1000);
      c.training.formats = r.strings(node["training"], "formats", false);
    }
    if (node["exam"] && node["no_exam"])
      r.error(node["no_exam"], "give either 'exam' or 'no_exam', not both");
    if (node["exam"]) {
      const auto& e = node["exam"];
      Exam exam;
      exam.fact =
          r.fact(node, "exam",
                 {"questions", "minutes", "pass_count", "pass_percent", "types", "languages"});
      if (is_map(e)) {
        exam.questions = r.integer(e, "questions", true, 1, 1000).value_or(0);
        exam.minutes = r.integer(e, "minutes", true, 1, 1000).value_or(0);
        exam.pass_count = r.integer(e, "pass_count", false, 1, 1000);
        exam.pass_percent = r.number(e, "pass_percent", false, 1, 100);
        // Some exams publish only pass/fail; a mock exam needs a mark, so routes with domains do.
        if (!exam.pass_count && !exam.pass_percent && node["domains"])
          r.error(e, "an exam with domains needs 'pass_count' or 'pass_percent'");
        if (exam.pass_count && exam.questions && *exam.pass_count > exam.questions)
          r.error(e["pass_count"], "pass_count is larger than the number of questions");
        exam.types = r.strings(e, "types", true);
        exam.languages = r.strings(e, "languages", false);
      }
      c.exam = std::move(exam);
    } else if (node["no_exam"]) {
      c.no_exam = r.fact(node, "no_exam");
    } else {
      r.error(node, "missing 'exam' (or 'no_exam' for a route without a test)");
    }
    c.fees = r.fact(node, "fees");
    c.renewal.fact = r.fact(node, "renewal", {"years", "seus", "fee_usd"});
    if (is_map(node["renewal"])) {
      c.renewal.years = r.integer(node["renewal"], "years", false, 1, 10);
      c.renewal.seus = r.integer(node["renewal"], "seus", false, 0, 500);
      c.renewal.fee_usd = r.integer(node["renewal"], "fee_usd", false, 0, 10000);
    }
    if (node["retake"]) c.retake = r.fact(node, "retake");
    load_domains(r, node, c);
    if (node["notes"] && r.sequence(node["notes"], "'notes'"))
      for (const auto& n : node["notes"]) {
        if (!r.mapping(n, {"text", "sources"}, "a note")) continue;
        c.notes.push_back({r.text(n, "text"), r.strings(n, "sources", true)});
      }
    c.adjacent = r.strings(node, "adjacent", false);
    if (is_seq(node["adjacent"]))
      for (const auto& a : node["adjacent"]) ref_cert(r, a, a.as<std::string>(""));
    if (unique(r, "certification", c.id, node)) catalog_.certifications.push_back(std::move(c));
  }

  void load_domains(YamlReader& r, const YAML::Node& node, Certification& c) {
    const auto& d = node["domains"];
    if (!d) {
      if (c.practice == PracticeStatus::live)
        r.error(node, "a route with live practice needs 'domains'");
      return;
    }
    if (!r.mapping(d, {"weights", "list"}, "'domains'")) return;
    c.official_weights = r.choice(d, "weights", {"official", "certhub-estimate"}) == 0;
    if (!d["list"] || !r.sequence(d["list"], "'list'")) {
      r.error(d, "missing required field 'list'");
      return;
    }
    int sum = 0;
    std::set<std::string> seen;
    for (const auto& item : d["list"]) {
      if (!r.mapping(item, {"id", "name", "weight", "covers"}, "a domain")) continue;
      Domain dom{r.id(item, "id"), r.text(item, "name"),
                 r.integer(item, "weight", true, 1, 100).value_or(0),
                 r.text(item, "covers", false)};
      if (!seen.insert(dom.id).second) r.error(item, "duplicate domain id " + in_quotes(dom.id));
      sum += dom.weight;
      c.domains.push_back(std::move(dom));
    }
    if (sum != 100)
      r.error(d["list"], "domain weights add up to " + std::to_string(sum) + ", not 100");
  }

  void load_routes(YamlReader& r, const YAML::Node& doc) {
    if (!r.mapping(doc, {"ladders", "equivalents"}, "routes.yaml")) return;
    std::map<std::string, YAML::Mark> placed;
    if (doc["ladders"] && r.sequence(doc["ladders"], "'ladders'"))
      for (const auto& ladder : doc["ladders"]) {
        if (!r.sequence(ladder, "a ladder")) continue;
        std::vector<std::string> ids;
        for (const auto& item : ladder) {
          auto id = item.as<std::string>("");
          ref_cert(r, item, id);
          if (!placed.emplace(id, mark_of(item)).second)
            r.error(item, in_quotes(id) + " stands on more than one ladder");
          ids.push_back(id);
        }
        if (ids.empty())
          r.error(ladder, "a ladder needs at least one certification");
        else
          catalog_.ladders.push_back(std::move(ids));
      }
    if (doc["equivalents"] && r.sequence(doc["equivalents"], "'equivalents'"))
      for (const auto& pair : doc["equivalents"]) {
        if (!is_seq(pair) || pair.size() != 2) {
          r.error(pair, "an equivalent is a pair: [a, b]");
          continue;
        }
        for (const auto& item : pair) ref_cert(r, item, item.as<std::string>(""));
        catalog_.equivalents.emplace_back(pair[0].as<std::string>(""), pair[1].as<std::string>(""));
      }
  }

  void load_comparisons(YamlReader& r, const YAML::Node& doc) {
    if (!r.mapping(doc, {"featured"}, "comparisons.yaml") ||
        !r.sequence(doc["featured"], "'featured'"))
      return;
    for (const auto& node : doc["featured"]) {
      if (!r.mapping(node, {"pair", "summary"}, "a comparison")) continue;
      const auto& pair = node["pair"];
      if (!is_seq(pair) || pair.size() != 2) {
        r.error(pair.IsDefined() ? mark_of(pair) : mark_of(node),
                "'pair' must name two certifications: [a, b]");
        continue;
      }
      FeaturedComparison fc{pair[0].as<std::string>(""), pair[1].as<std::string>(""),
                            r.text(node, "summary")};
      if (fc.a == fc.b) r.error(pair, "a comparison needs two different certifications");
      ref_cert(r, pair[0], fc.a);
      ref_cert(r, pair[1], fc.b);
      catalog_.featured.push_back(std::move(fc));
    }
  }

  void load_courses(YamlReader& r, const YAML::Node& doc) {
    if (!r.mapping(doc, {"example", "note", "courses"}, "courses.yaml")) return;
    catalog_.schedule.example = r.boolean(doc, "example", false);
    catalog_.schedule.note = r.text(doc, "note", false);
    if (!r.sequence(doc["courses"], "'courses'")) return;
    for (const auto& node : doc["courses"]) {
      if (!r.mapping(node,
                     {"id", "title", "certification", "format", "city", "venue", "start", "days",
                      "price", "currency", "vat", "trainer", "availability", "booking_url"},
                     "a course"))
        continue;
      Course c;
      c.id = r.id(node, "id");
      c.title = r.text(node, "title");
      c.certification = r.text(node, "certification");
      ref_cert(r, node["certification"], c.certification);
      c.format = r.choice(node, "format", {"live-online", "in-person"}) == 1
                     ? CourseFormat::in_person
                     : CourseFormat::live_online;
      c.city = r.text(node, "city", false);
      if (c.format == CourseFormat::in_person && c.city.empty())
        r.error(node, "an in-person course needs a 'city'");
      if (c.format == CourseFormat::live_online && !c.city.empty())
        r.error(node["city"], "a live-online course has no 'city'");
      c.venue = r.text(node, "venue", false);
      c.start = r.date(node, "start").value_or(Date{});
      c.days = r.integer(node, "days", true, 1, 30).value_or(1);
      c.price = r.integer(node, "price", true, 0, 1000000).value_or(0);
      c.currency = r.text(node, "currency");
      if (!c.currency.empty() &&
          (c.currency.size() != 3 || !std::all_of(c.currency.begin(), c.currency.end(), ::isupper)))
        r.error(node["currency"], "currency must be a three-letter ISO 4217 code such as GBP");
      r.choice(node, "vat", {"excl", "incl", "none"});
      c.vat = r.text(node, "vat", false);
      c.trainer = r.text(node, "trainer");
      int avail = r.choice(node, "availability", {"book-now", "nearly-full", "sold-out"});
      c.availability = avail == 1   ? Availability::nearly_full
                       : avail == 2 ? Availability::sold_out
                                    : Availability::book_now;
      c.booking_url = r.url(node, "booking_url");
      if (unique(r, "course", c.id, node)) catalog_.schedule.courses.push_back(std::move(c));
    }
  }

  void load_bank(YamlReader& r, const YAML::Node& doc, const std::string& cert,
                 const std::string& domain) {
    if (!r.mapping(doc, {"certification", "domain", "questions"}, "a question bank")) return;
    auto file_cert = r.text(doc, "certification");
    auto file_domain = r.text(doc, "domain");
    if (!file_cert.empty() && file_cert != cert)
      r.error(doc["certification"],
              "bank in questions/" + cert + "/ says certification " + in_quotes(file_cert));
    if (!file_domain.empty() && file_domain != domain)
      r.error(doc["domain"], "bank file " + in_quotes(domain + ".yaml") + " says domain " +
                                 in_quotes(file_domain));
    refs_.push_back({{r.file(), doc["domain"].IsDefined() ? mark_of(doc["domain"]) : mark_of(doc)},
                     [cert, domain](const Catalog& c) -> std::optional<std::string> {
                       auto* cc = c.certification(cert);
                       if (!cc) return "question bank for unknown certification " + in_quotes(cert);
                       for (const auto& d : cc->domains)
                         if (d.id == domain) return std::nullopt;
                       return "certification " + in_quotes(cert) + " has no domain " +
                              in_quotes(domain);
                     }});
    bank_files_[cert + "/" + domain] = r.file();
    if (!r.sequence(doc["questions"], "'questions'")) return;
    std::map<std::string, int> key_positions;
    int singles = 0;
    for (const auto& node : doc["questions"]) {
      auto q = load_question(r, node, cert, domain);
      if (!q) continue;
      if (q->type == QuestionType::single && q->key.size() == 1) {
        ++singles;
        ++key_positions[q->key[0]];
      }
      stems_.emplace_back(normalized(q->stem), Place{r.file(), mark_of(node["stem"])});
      if (unique(r, "question", q->id, node)) catalog_.questions.push_back(std::move(*q));
    }
    for (const auto& [letter, count] : key_positions)
      if (singles >= 4 && count * 100 > singles * 35)
        r.warning(mark_of(doc["questions"]),
                  "key position '" + letter + "' holds " + std::to_string(count) + " of " +
                      std::to_string(singles) + " single-choice keys (over 35%)");
  }

  std::optional<Question> load_question(YamlReader& r, const YAML::Node& node,
                                        const std::string& cert, const std::string& domain) {
    if (!r.mapping(node,
                   {"id", "type", "choose", "difficulty", "scenario", "sample", "stem", "options",
                    "key", "explanation", "reasons", "reference"},
                   "a question"))
      return std::nullopt;
    Question q;
    q.certification = cert;
    q.domain = domain;
    q.id = r.id(node, "id");
    int type = r.choice(node, "type", {"single", "multiple", "true-false"});
    q.type = type == 1   ? QuestionType::multiple
             : type == 2 ? QuestionType::true_false
                         : QuestionType::single;
    q.difficulty = r.integer(node, "difficulty", true, 1, 3).value_or(2);
    q.scenario = r.boolean(node, "scenario", false);
    q.sample = r.boolean(node, "sample", false);
    q.stem = r.text(node, "stem");
    q.explanation = r.text(node, "explanation");
    q.reference = r.text(node, "reference");
    const auto& options = node["options"];
    const auto& reasons = node["reasons"];
    if (!options.IsDefined()) {
      r.error(node, "missing required field 'options'");
      return std::nullopt;
    }
    if (!is_map(options)) {
      r.error(options, "'options' must map letters a..f to option text");
      return std::nullopt;
    }
    if (options.size() < 2 || options.size() > 6)
      r.error(options, "a question needs 2 to 6 options, not " + std::to_string(options.size()));
    char expected = 'a';
    for (const auto& entry : options) {
      auto letter = entry.first.as<std::string>("");
      if (letter != std::string(1, expected))
        r.error(entry.first, "option " + in_quotes(letter) + " out of order: expected " +
                                 in_quotes(std::string(1, expected)));
      ++expected;
      Option opt{letter, entry.second.as<std::string>(""), {}};
      if (opt.text.empty()) r.error(entry.second, "option " + in_quotes(letter) + " is empty");
      if (!is_map(reasons) || !reasons[letter] || reasons[letter].as<std::string>("").empty())
        r.error(reasons.IsDefined() ? mark_of(reasons) : mark_of(node),
                "missing reason for option " + in_quotes(letter));
      else
        opt.reason = reasons[letter].as<std::string>();
      q.options.push_back(std::move(opt));
    }
    if (is_map(reasons))
      for (const auto& entry : reasons)
        if (!options[entry.first.as<std::string>("")])
          r.error(entry.first, "reason for option " + in_quotes(entry.first.as<std::string>("")) +
                                   ", which does not exist");
    if (q.type == QuestionType::true_false &&
        (options.size() != 2 || options["a"].as<std::string>("") != "True" ||
         options["b"].as<std::string>("") != "False"))
      r.error(options, "a true-false question has exactly a: True and b: False");
    q.key = r.strings(node, "key", true);
    std::set<std::string> keys(q.key.begin(), q.key.end());
    if (keys.size() != q.key.size()) r.error(node["key"], "the key names an option twice");
    for (const auto& k : q.key)
      if (!options[k]) r.error(node["key"], "key " + in_quotes(k) + " is not an option");
    if (q.type != QuestionType::multiple) {
      if (node["choose"]) r.error(node["choose"], "'choose' is only for multiple-choice questions");
      if (q.key.size() != 1)
        r.error(node["key"], std::string(to_string(q.type)) + " question needs exactly one key");
    } else {
      q.choose = r.integer(node, "choose", true, 2, 5).value_or(0);
      if (q.key.size() < 2)
        r.error(node["key"], "a multiple-choice question needs at least two keys");
      else if (q.choose != static_cast<int>(q.key.size()))
        r.error(node["key"], "'choose: " + std::to_string(q.choose) + "' but the key has " +
                                 std::to_string(q.key.size()) + " options");
    }
    return q;
  }

  void check_duplicate_stems() {
    std::map<std::string, const Place*> seen;
    for (const auto& [stem, place] : stems_) {
      if (stem.empty()) continue;
      auto [it, inserted] = seen.emplace(stem, &place);
      if (!inserted)
        report(place, "duplicate question stem (same as " + it->second->file + ":" +
                          std::to_string(it->second->mark.line + 1) + ")");
    }
  }

  // Three full mock exams should be drawable without repeating a question.
  void warn_small_domains() {
    for (const auto& cert : catalog_.certifications) {
      auto bp = blueprint_for(cert);
      if (!bp || cert.practice == PracticeStatus::status_only) continue;
      for (const auto& draw : bp->draws) {
        long have = std::count_if(catalog_.questions.begin(), catalog_.questions.end(),
                                  [&](const Question& q) {
                                    return q.certification == cert.id && q.domain == draw.domain;
                                  });
        if (have >= 3L * draw.count) continue;
        auto file = bank_files_.count(cert.id + "/" + draw.domain)
                        ? bank_files_[cert.id + "/" + draw.domain]
                        : (root_ / "questions" / cert.id / (draw.domain + ".yaml")).string();
        diags_.push_back({file, 1, 1, Severity::warning,
                          "domain " + in_quotes(draw.domain) + " has " + std::to_string(have) +
                              " questions; three full mock exams draw " +
                              std::to_string(3 * draw.count)});
      }
    }
  }

  void hash(std::string_view bytes) {
    for (unsigned char ch : bytes) {
      hash_ ^= ch;
      hash_ *= 1099511628211ULL;
    }
    hash_ ^= 0xff;  // separates file boundaries
    hash_ *= 1099511628211ULL;
  }

  std::string version_hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
    return std::string(buf, 12);
  }

  fs::path root_;
  std::vector<Diagnostic> diags_;
  Catalog catalog_;
  std::vector<PendingRef> refs_;
  std::map<std::string, Place> ids_;
  std::vector<std::pair<std::string, Place>> stems_;
  std::map<std::string, std::string> bank_files_;
  unsigned long long hash_ = 14695981039346656037ULL;
};

}  // namespace

LoadResult load_content(const fs::path& dir) {
  return Loader(dir).run();
}

}  // namespace certhub
