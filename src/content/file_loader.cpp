#include "content/file_loader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "content/yaml_reader.hpp"

namespace certhub {
namespace fs = std::filesystem;
namespace {

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
    // std::tolower, without a library call for the ASCII letters that make up most text.
    auto byte = static_cast<unsigned char>(ch);
    out += byte >= 'A' && byte <= 'Z' ? static_cast<char>(byte - 'A' + 'a')
           : byte < 0x80              ? ch
                                      : static_cast<char>(std::tolower(byte));
  }
  return out;
}

class FileReader {
 public:
  FileReader(std::size_t index, const fs::path& path) : index_(index), file_(path.string()) {}

  FilePart run(const fs::path& rel, std::string_view bytes) {
    YamlReader r(file_, part_.diagnostics);
    auto doc = yaml::parse(bytes);
    if (doc.error) {
      r.error(doc.error->mark, doc.error->message);
      return std::move(part_);
    }
    const auto& root = doc.root;
    auto parts = std::vector<std::string>(rel.begin(), rel.end());
    if (rel != "sources.yaml") register_sources(root);
    std::string stem = rel.stem().string();
    if (rel.extension() == ".yml") {
      r.error(yaml::Mark{}, "content files end in .yaml, not .yml");
    } else if (parts.size() == 1 && stem == "sources") {
      load_sources(r, root);
    } else if (parts.size() == 1 && stem == "families") {
      load_families(r, root);
    } else if (parts.size() == 1 && stem == "routes") {
      load_routes(r, root);
    } else if (parts.size() == 1 && stem == "comparisons") {
      load_comparisons(r, root);
    } else if (parts.size() == 1 && stem == "courses") {
      part_.schedule = true;
      load_courses(r, root);
    } else if (parts.size() == 2 && parts[0] == "certifications") {
      load_certification(r, root, stem);
    } else if (parts.size() == 3 && parts[0] == "questions") {
      rel_ = rel.generic_string();
      load_bank(r, root, parts[1], stem);
    } else if (parts.size() == 2 && parts[0] == "reviews") {
      load_review(r, root, stem);
    } else {
      r.error(yaml::Mark{}, "unexpected content file (see docs/content.md for the layout)");
    }
    return std::move(part_);
  }

 private:
  Place place(const yaml::Node& at) const { return {index_, mark_of(at)}; }
  std::string rel_;  // the file under the content directory, for Question::file

  // Every `sources:` list anywhere in a file must name entries of sources.yaml.
  void register_sources(const yaml::Node& node) {
    if (is_map(node)) {
      for (const auto& entry : node.entries()) {
        if (entry.key.as_view() == "sources" && is_seq(entry.value)) {
          for (const auto& item : entry.value.items()) {
            auto id = item.as_string();
            part_.refs.push_back(
                {place(item), [id](const Catalog& c) -> std::optional<std::string> {
                   if (c.source(id)) return std::nullopt;
                   return "unknown source " + in_quotes(id) + " (add it to sources.yaml)";
                 }});
          }
        } else {
          register_sources(entry.value);
        }
      }
    } else if (is_seq(node)) {
      for (const auto& item : node.items()) register_sources(item);
    }
  }

  // The id is checked against every file's when the parts are merged.
  bool claim(IdKind kind, const std::string& id, const yaml::Node& at) {
    if (id.empty()) return false;
    part_.claims.push_back({kind, id, place(at), part_.diagnostics.size()});
    return true;
  }

  void ref_cert(const yaml::Node& at, const std::string& id) {
    part_.refs.push_back({place(at), [id](const Catalog& c) -> std::optional<std::string> {
                            if (id.empty() || c.certification(id)) return std::nullopt;
                            return "unknown certification " + in_quotes(id);
                          }});
  }

  void ref_link(const yaml::Node& at, const std::string& link) {
    part_.refs.push_back({place(at), [link](const Catalog& c) { return link_problem(c, link); }});
  }

  void load_sources(YamlReader& r, const yaml::Node& doc) {
    if (!r.mapping(doc, {"sources"}, "sources.yaml") || !r.sequence(doc["sources"], "'sources'"))
      return;
    for (const auto& node : doc["sources"].items()) {
      if (!r.mapping(node, {"id", "title", "url", "checked", "official"}, "a source")) continue;
      Source s;
      s.id = r.text(node, "id");
      s.title = r.text(node, "title");
      s.url = r.url(node, "url");
      s.checked = r.date(node, "checked").value_or(Date{});
      s.official = r.boolean(node, "official", false);
      if (claim(IdKind::source, s.id, node)) part_.catalog.sources.push_back(std::move(s));
    }
  }

  Goal goal(YamlReader& r, const yaml::Node& node, bool with_goal) {
    Goal g;
    std::vector<std::string_view> keys{"link", "why"};
    if (with_goal) keys.push_back("goal");
    if (!r.mapping(node, keys, with_goal ? "a goal" : "'best_next'")) return g;
    if (with_goal) g.goal = r.text(node, "goal");
    g.link = r.text(node, "link");
    g.why = r.text(node, "why");
    if (!g.link.empty()) ref_link(node["link"], g.link);
    return g;
  }

  void load_families(YamlReader& r, const yaml::Node& doc) {
    if (!r.mapping(doc, {"families"}, "families.yaml") ||
        !r.sequence(doc["families"], "'families'"))
      return;
    for (const auto& node : doc["families"].items()) {
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
        for (const auto& g : node["goals"].items()) f.goals.push_back(goal(r, g, true));
      if (r.sequence(node["lanes"], "'lanes'"))
        for (const auto& l : node["lanes"].items()) {
          if (!r.mapping(l, {"lane", "best_fit"}, "a lane")) continue;
          Lane lane;
          int idx = r.choice(
              l, "lane", {"scrum-master", "product-owner", "facilitation", "leadership", "scaled"});
          lane.lane = l["lane"].as_string();
          lane.best_fit = r.text(l, "best_fit");
          if (idx >= 0) f.lanes.push_back(std::move(lane));
        }
      if (node["best_next"].defined())
        f.best_next = goal(r, node["best_next"], false);
      else
        r.error(node, "missing required field 'best_next'");
      if (claim(IdKind::family, f.id, node)) part_.catalog.families.push_back(std::move(f));
    }
  }

  void load_certification(YamlReader& r, const yaml::Node& node, const std::string& stem) {
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
    part_.refs.push_back(
        {place(node["family"]), [id = c.family](const Catalog& cat) -> std::optional<std::string> {
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
    if (node["exam"].defined() && node["no_exam"].defined())
      r.error(node["no_exam"], "give either 'exam' or 'no_exam', not both");
    if (node["exam"].defined()) {
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
        if (!exam.pass_count && !exam.pass_percent && node["domains"].defined())
          r.error(e, "an exam with domains needs 'pass_count' or 'pass_percent'");
        if (exam.pass_count && exam.questions && *exam.pass_count > exam.questions)
          r.error(e["pass_count"], "pass_count is larger than the number of questions");
        exam.types = r.strings(e, "types", true);
        exam.languages = r.strings(e, "languages", false);
      }
      c.exam = std::move(exam);
    } else if (node["no_exam"].defined()) {
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
    if (node["retake"].defined()) c.retake = r.fact(node, "retake");
    load_domains(r, node, c);
    if (node["notes"].defined() && r.sequence(node["notes"], "'notes'"))
      for (const auto& n : node["notes"].items()) {
        if (!r.mapping(n, {"text", "sources"}, "a note")) continue;
        c.notes.push_back({r.text(n, "text"), r.strings(n, "sources", true)});
      }
    c.adjacent = r.strings(node, "adjacent", false);
    if (is_seq(node["adjacent"]))
      for (const auto& a : node["adjacent"].items()) ref_cert(a, a.as_string());
    if (claim(IdKind::certification, c.id, node))
      part_.catalog.certifications.push_back(std::move(c));
  }

  void load_domains(YamlReader& r, const yaml::Node& node, Certification& c) {
    const auto& d = node["domains"];
    if (!d.defined()) {
      if (c.practice == PracticeStatus::live)
        r.error(node, "a route with live practice needs 'domains'");
      return;
    }
    if (!r.mapping(d, {"weights", "list"}, "'domains'")) return;
    c.official_weights = r.choice(d, "weights", {"official", "certhub-estimate"}) == 0;
    if (!d["list"].defined() || !r.sequence(d["list"], "'list'")) {
      r.error(d, "missing required field 'list'");
      return;
    }
    int sum = 0;
    std::set<std::string> seen;
    for (const auto& item : d["list"].items()) {
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

  void load_routes(YamlReader& r, const yaml::Node& doc) {
    if (!r.mapping(doc, {"ladders", "equivalents"}, "routes.yaml")) return;
    std::map<std::string, yaml::Mark> placed;
    if (doc["ladders"].defined() && r.sequence(doc["ladders"], "'ladders'"))
      for (const auto& ladder : doc["ladders"].items()) {
        if (!r.sequence(ladder, "a ladder")) continue;
        std::vector<std::string> ids;
        for (const auto& item : ladder.items()) {
          auto id = item.as_string();
          ref_cert(item, id);
          if (!placed.emplace(id, mark_of(item)).second)
            r.error(item, in_quotes(id) + " stands on more than one ladder");
          ids.push_back(id);
        }
        if (ids.empty())
          r.error(ladder, "a ladder needs at least one certification");
        else
          part_.catalog.ladders.push_back(std::move(ids));
      }
    if (doc["equivalents"].defined() && r.sequence(doc["equivalents"], "'equivalents'"))
      for (const auto& pair : doc["equivalents"].items()) {
        if (!is_seq(pair) || pair.size() != 2) {
          r.error(pair, "an equivalent is a pair: [a, b]");
          continue;
        }
        for (const auto& item : pair.items()) ref_cert(item, item.as_string());
        part_.catalog.equivalents.emplace_back(pair.items()[0].as_string(),
                                               pair.items()[1].as_string());
      }
  }

  void load_comparisons(YamlReader& r, const yaml::Node& doc) {
    if (!r.mapping(doc, {"featured"}, "comparisons.yaml") ||
        !r.sequence(doc["featured"], "'featured'"))
      return;
    for (const auto& node : doc["featured"].items()) {
      if (!r.mapping(node, {"pair", "summary"}, "a comparison")) continue;
      const auto& pair = node["pair"];
      if (!is_seq(pair) || pair.size() != 2) {
        r.error(pair.defined() ? mark_of(pair) : mark_of(node),
                "'pair' must name two certifications: [a, b]");
        continue;
      }
      FeaturedComparison fc{pair.items()[0].as_string(), pair.items()[1].as_string(),
                            r.text(node, "summary")};
      if (fc.a == fc.b) r.error(pair, "a comparison needs two different certifications");
      ref_cert(pair.items()[0], fc.a);
      ref_cert(pair.items()[1], fc.b);
      part_.catalog.featured.push_back(std::move(fc));
    }
  }

  void load_courses(YamlReader& r, const yaml::Node& doc) {
    if (!r.mapping(doc, {"example", "note", "courses"}, "courses.yaml")) return;
    part_.catalog.schedule.example = r.boolean(doc, "example", false);
    part_.catalog.schedule.note = r.text(doc, "note", false);
    if (!r.sequence(doc["courses"], "'courses'")) return;
    for (const auto& node : doc["courses"].items()) {
      if (!r.mapping(node,
                     {"id", "title", "certification", "format", "city", "venue", "start", "days",
                      "price", "currency", "vat", "trainer", "availability", "booking_url"},
                     "a course"))
        continue;
      Course c;
      c.id = r.id(node, "id");
      c.title = r.text(node, "title");
      c.certification = r.text(node, "certification");
      ref_cert(node["certification"], c.certification);
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
      if (claim(IdKind::course, c.id, node)) part_.catalog.schedule.courses.push_back(std::move(c));
    }
  }

  // A quick review: its sections in a set order, each rule's questions from its own bank.
  void load_review(YamlReader& r, const yaml::Node& doc, const std::string& cert) {
    if (!r.mapping(doc, {"certification", "intro", "sections"}, "a review")) return;
    Review review;
    review.certification = r.text(doc, "certification");
    if (!review.certification.empty() && review.certification != cert)
      r.error(doc["certification"],
              "reviews/" + cert + ".yaml says certification " + in_quotes(review.certification));
    review.certification = cert;
    part_.refs.push_back({place(doc["certification"].defined() ? doc["certification"] : doc),
                          [cert](const Catalog& c) -> std::optional<std::string> {
                            if (!c.certification(cert))
                              return "review for unknown certification " + in_quotes(cert);
                            return std::nullopt;
                          }});
    review.intro = r.text(doc, "intro");
    if (!r.sequence(doc["sections"], "'sections'")) return;
    std::set<std::string> rule_ids;
    for (const auto& node : doc["sections"].items()) {
      if (!r.mapping(node, {"id", "title", "rules"}, "a review section")) continue;
      ReviewSection section{r.id(node, "id"), r.text(node, "title"), {}};
      if (!r.sequence(node["rules"], "'rules'")) continue;
      for (const auto& item : node["rules"].items()) {
        if (!r.mapping(item, {"id", "text", "source", "questions"}, "a review rule")) continue;
        ReviewRule rule{r.id(item, "id"), r.text(item, "text"), r.text(item, "source"),
                        r.strings(item, "questions", true)};
        if (!rule.id.empty() && !rule_ids.insert(rule.id).second)
          r.error(item["id"], "rule " + in_quotes(rule.id) + " appears twice in this review");
        if (rule.questions.empty() || rule.questions.size() > 10)
          r.error(item["questions"].defined() ? item["questions"] : item,
                  "a rule lists 1 to 10 questions that test it");
        for (const auto& q : item["questions"].items()) {
          auto id = q.as_string();
          part_.refs.push_back(
              {place(q), [id, cert](const Catalog& c) -> std::optional<std::string> {
                 const auto* found = c.question(id);
                 if (!found) return "unknown question " + in_quotes(id);
                 if (found->certification != cert)
                   return "question " + in_quotes(id) + " is not in the " + cert + " bank";
                 return std::nullopt;
               }});
        }
        section.rules.push_back(std::move(rule));
      }
      review.sections.push_back(std::move(section));
    }
    std::vector<std::string> required{"timeboxes", "accountabilities", "mandatory", "commitments",
                                      "traps"};
    for (size_t i = 0; i < required.size(); ++i)
      if (i >= review.sections.size() || review.sections[i].id != required[i]) {
        r.error(doc["sections"],
                "a review's sections begin timeboxes, accountabilities, "
                "mandatory, commitments, traps (in that order)");
        break;
      }
    part_.catalog.reviews.push_back(std::move(review));
  }

  void load_bank(YamlReader& r, const yaml::Node& doc, const std::string& cert,
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
    part_.refs.push_back({place(doc["domain"].defined() ? doc["domain"] : doc),
                          [cert, domain](const Catalog& c) -> std::optional<std::string> {
                            auto* cc = c.certification(cert);
                            if (!cc)
                              return "question bank for unknown certification " + in_quotes(cert);
                            for (const auto& d : cc->domains)
                              if (d.id == domain) return std::nullopt;
                            return "certification " + in_quotes(cert) + " has no domain " +
                                   in_quotes(domain);
                          }});
    part_.bank = cert + "/" + domain;
    if (!r.sequence(doc["questions"], "'questions'")) return;
    // Big banks: growing these one question at a time is a large reallocation every doubling.
    auto count = doc["questions"].size();
    part_.catalog.questions.reserve(count);
    part_.claims.reserve(count);
    part_.stems.reserve(count);
    std::map<std::string, int> key_positions;
    int singles = 0;
    for (const auto& node : doc["questions"].items()) {
      auto q = load_question(r, node, cert, domain);
      if (!q) continue;
      if (q->type == QuestionType::single && q->key.size() == 1) {
        ++singles;
        ++key_positions[q->key[0]];
      }
      part_.stems.emplace_back(normalized(q->stem), place(node["stem"]));
      if (claim(IdKind::question, q->id, node)) part_.catalog.questions.push_back(std::move(*q));
    }
    for (const auto& [letter, count] : key_positions)
      if (singles >= 4 && count * 100 > singles * 35)
        r.warning(mark_of(doc["questions"]),
                  "key position '" + letter + "' holds " + std::to_string(count) + " of " +
                      std::to_string(singles) + " single-choice keys (over 35%)");
  }

  std::optional<Question> load_question(YamlReader& r, const yaml::Node& node,
                                        const std::string& cert, const std::string& domain) {
    if (!r.mapping(node,
                   {"id", "type", "choose", "difficulty", "scenario", "sample", "stem", "options",
                    "key", "explanation", "reasons", "reference"},
                   "a question"))
      return std::nullopt;
    Question q;
    q.certification = cert;
    q.domain = domain;
    q.file = rel_;
    q.line = mark_of(node).line + 1;  // marks are 0-based
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
    if (!options.defined()) {
      r.error(node, "missing required field 'options'");
      return std::nullopt;
    }
    if (!is_map(options)) {
      r.error(options, "'options' must map letters a..f to option text");
      return std::nullopt;
    }
    if (options.size() < 2 || options.size() > 6)
      r.error(options, "a question needs 2 to 6 options, not " + std::to_string(options.size()));
    q.options.reserve(options.size());
    char expected = 'a';
    for (const auto& entry : options.entries()) {
      auto letter = entry.key.as_string();
      if (letter != std::string(1, expected))
        r.error(entry.key, "option " + in_quotes(letter) + " out of order: expected " +
                               in_quotes(std::string(1, expected)));
      ++expected;
      // Only a scalar is text: an empty value (null) must not become the word "null".
      auto blank = [](const yaml::Node& n) {
        return !n.is_scalar() || n.text().find_first_not_of(" \t\n") == std::string_view::npos;
      };
      Option opt{letter, entry.value.is_scalar() ? entry.value.as_string() : std::string(), {}};
      if (blank(entry.value))  // at the key: an empty value's position is the next line's
        r.error(entry.value.is_null() ? entry.key : entry.value,
                "option " + in_quotes(letter) + " is empty");
      if (!is_map(reasons) || blank(reasons[letter]))
        r.error(reasons.defined() ? mark_of(reasons) : mark_of(node),
                "missing reason for option " + in_quotes(letter));
      else
        opt.reason = reasons[letter].as_string();
      q.options.push_back(std::move(opt));
    }
    if (is_map(reasons))
      for (const auto& entry : reasons.entries())
        if (!options[entry.key.as_view()].defined())
          r.error(entry.key, "reason for option " + in_quotes(entry.key.as_string()) +
                                 ", which does not exist");
    if (q.type == QuestionType::true_false &&
        (options.size() != 2 || options["a"].as_view() != "True" ||
         options["b"].as_view() != "False"))
      r.error(options, "a true-false question has exactly a: True and b: False");
    q.key = r.strings(node, "key", true);
    bool twice = false;  // a key has a few letters: no set needed
    for (auto k = q.key.begin(); k != q.key.end(); ++k)
      twice |= std::find(q.key.begin(), k, *k) != k;
    if (twice) r.error(node["key"], "the key names an option twice");
    for (const auto& k : q.key)
      if (!options[k].defined()) r.error(node["key"], "key " + in_quotes(k) + " is not an option");
    if (q.type != QuestionType::multiple) {
      if (node["choose"].defined())
        r.error(node["choose"], "'choose' is only for multiple-choice questions");
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

  std::size_t index_;
  std::string file_;
  FilePart part_;
};

}  // namespace

const char* to_string(IdKind kind) {
  switch (kind) {
    case IdKind::source:
      return "source";
    case IdKind::family:
      return "family";
    case IdKind::certification:
      return "certification";
    case IdKind::course:
      return "course";
    case IdKind::question:
      return "question";
  }
  return "item";
}

FilePart read_content_file(std::size_t index, const fs::path& path, const fs::path& rel,
                           std::string_view bytes) {
  return FileReader(index, path).run(rel, bytes);
}

}  // namespace certhub
