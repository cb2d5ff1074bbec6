// The content loader on the good fixture and on broken copies of it: every problem must name
// the file and the line a content author has to fix.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "content/lint.hpp"
#include "content/loader.hpp"
#include "content/originality.hpp"
#include "core/blueprint.hpp"
#include "core/similarity.hpp"

namespace certhub {
namespace {
namespace fs = std::filesystem;

const fs::path kGood = CERTHUB_FIXTURES "/good";

// A private copy of the good fixture that a test may break.
class ContentCopy {
 public:
  ContentCopy() {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("certhub-loader-" + std::to_string(rd()));
    fs::copy(kGood, dir_, fs::copy_options::recursive);
  }
  ~ContentCopy() { fs::remove_all(dir_); }
  void write(const std::string& rel, const std::string& text) { std::ofstream(dir_ / rel) << text; }
  // Replaces the first occurrence of `from` in a file.
  void edit(const std::string& rel, const std::string& from, const std::string& to) {
    std::ifstream in(dir_ / rel);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    write(rel, text);
  }
  LoadResult load() const { return load_content(dir_); }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

// The single error diagnostic the broken copy produced.
::testing::AssertionResult HasError(const LoadResult& r, const std::string& file, int line,
                                    const std::string& text) {
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::error && d.file.ends_with(file) && d.line == line &&
        d.message.find(text) != std::string::npos)
      return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure()
                 << "no error '" << text << "' at " << file << ":" << line << "; got:";
  for (const auto& d : r.diagnostics) failure << "\n  " << format(d);
  return failure;
}

TEST(Loader, GoodFixtureLoadsCleanly) {
  auto r = load_content(kGood);
  ASSERT_TRUE(r.catalog) << (r.diagnostics.empty() ? "" : format(r.diagnostics[0]));
  EXPECT_TRUE(r.diagnostics.empty());
  const auto& c = *r.catalog;
  EXPECT_EQ(c.families.size(), 1u);
  ASSERT_NE(c.certification("demo"), nullptr);
  EXPECT_EQ(c.certification("demo")->exam->pass_count, 7);
  EXPECT_EQ(c.certification("demo-pro")->practice, PracticeStatus::status_only);
  EXPECT_EQ(c.bank("demo").size(), 32u);
  EXPECT_EQ(c.question("demo-events-900")->type, QuestionType::multiple);
  EXPECT_EQ(c.schedule.courses[0].start, (Date{2026, 12, 5}));
  EXPECT_EQ(c.version.size(), 12u);
}

TEST(Loader, VersionChangesWithContent) {
  ContentCopy copy;
  auto before = copy.load().catalog->version;
  copy.edit("families.yaml", "A family used by the tests.", "A family the tests use.");
  EXPECT_NE(copy.load().catalog->version, before);
}

TEST(Loader, RejectsUnknownKeyAtItsLine) {
  ContentCopy copy;
  copy.edit("certifications/demo.yaml", "level: 1\n", "level: 1\nlevle_name: Oops\n");
  auto r = copy.load();
  EXPECT_FALSE(r.catalog);
  EXPECT_TRUE(HasError(r, "certifications/demo.yaml", 7, "unknown key 'levle_name'"));
}

TEST(Loader, RejectsMissingRequiredField) {
  ContentCopy copy;
  copy.edit("certifications/demo.yaml", "summary: The entry route of the demo family.\n", "");
  EXPECT_TRUE(
      HasError(copy.load(), "certifications/demo.yaml", 1, "missing required field 'summary'"));
}

TEST(Loader, RejectsWrongType) {
  ContentCopy copy;
  copy.edit("certifications/demo.yaml", "  questions: 10\n", "  questions: ten\n");
  EXPECT_TRUE(
      HasError(copy.load(), "certifications/demo.yaml", 17, "'questions' must be a number"));
}

TEST(Loader, RejectsDuplicateId) {
  ContentCopy copy;
  copy.edit("questions/demo/events.yaml", "id: demo-events-002", "id: demo-events-001");
  auto r = copy.load();
  bool found = false;
  for (const auto& d : r.diagnostics)
    found |= d.file.ends_with("questions/demo/events.yaml") && d.line > 3 &&
             d.message.find("duplicate question id 'demo-events-001'") != std::string::npos &&
             d.message.find("events.yaml:4") != std::string::npos;
  EXPECT_TRUE(found) << (r.diagnostics.empty() ? "no diagnostics" : format(r.diagnostics[0]));
}

TEST(Loader, RejectsReferenceToUnknownIds) {
  ContentCopy copy;
  copy.edit("routes.yaml", "[demo, demo-pro]", "[demo, demo-ghost]");
  EXPECT_TRUE(HasError(copy.load(), "routes.yaml", 2, "unknown certification 'demo-ghost'"));
  ContentCopy other;
  other.edit("certifications/demo.yaml",
             "fees: { text: Included in the course., sources: [SEC-BLOG] }",
             "fees: { text: Included in the course., sources: [SEC-NOPE] }");
  EXPECT_TRUE(HasError(other.load(), "certifications/demo.yaml", 23, "unknown source 'SEC-NOPE'"));
}

TEST(Loader, RejectsBrokenLinks) {
  ContentCopy copy;
  copy.edit("families.yaml", "link: /compare/demo-vs-demo-pro", "link: /compare/demo-vs-nothing");
  EXPECT_TRUE(HasError(copy.load(), "families.yaml", 16, "unknown certification 'nothing'"));
}

TEST(Loader, RejectsBadDatesAndUrls) {
  ContentCopy copy;
  copy.edit("courses.yaml", "start: 2026-12-05", "start: 2026-02-30");
  copy.edit("sources.yaml", "url: https://example.org/post", "url: example.org/post");
  auto r = copy.load();
  EXPECT_TRUE(HasError(r, "courses.yaml", 8, "not a valid date"));
  EXPECT_TRUE(HasError(r, "sources.yaml", 9, "not an absolute http(s) URL"));
}

TEST(Loader, ReportsYamlSyntaxErrorsWithPosition) {
  ContentCopy copy;
  copy.write("routes.yaml", "ladders:\n  - [demo, demo-pro\n");
  auto r = copy.load();
  ASSERT_FALSE(r.catalog);
  bool found = false;
  for (const auto& d : r.diagnostics) found |= d.file.ends_with("routes.yaml") && d.line >= 2;
  EXPECT_TRUE(found);
}

TEST(Loader, RejectsQuestionProblems) {
  ContentCopy copy;
  copy.edit("questions/demo/theory.yaml", "- b\n", "- z\n");  // key not an option
  copy.edit("questions/demo/events.yaml", "  key:\n  - a\n  - c",
            "  key:\n  - a");  // choose 2, one key
  auto r = copy.load();
  EXPECT_TRUE(HasError(r, "questions/demo/theory.yaml", 36, "key 'z' is not an option"));
  bool choose = false;
  for (const auto& d : r.diagnostics)
    choose |= d.message.find("needs at least two keys") != std::string::npos;
  EXPECT_TRUE(choose);
}

TEST(Loader, RejectsEmptyOptionsAndReasons) {
  ContentCopy copy;
  copy.edit("questions/demo/theory.yaml", "    a: Option A1\n", "    a:\n");
  copy.edit("questions/demo/theory.yaml", "    b: Reason b.\n", "    b: ~\n");
  auto r = copy.load();
  EXPECT_FALSE(r.catalog);
  EXPECT_TRUE(HasError(r, "questions/demo/theory.yaml", 11, "option 'a' is empty"));
  EXPECT_TRUE(HasError(r, "questions/demo/theory.yaml", 19, "missing reason for option 'b'"));
}

TEST(Loader, RejectsDomainTheCertificationDoesNotHave) {
  ContentCopy copy;
  fs::rename(copy.dir() / "questions/demo/events.yaml",
             copy.dir() / "questions/demo/ceremonies.yaml");
  auto r = copy.load();
  EXPECT_TRUE(HasError(r, "questions/demo/ceremonies.yaml", 2, "says domain 'events'"));
  EXPECT_TRUE(HasError(r, "questions/demo/ceremonies.yaml", 2, "has no domain 'ceremonies'"));
}

TEST(Loader, WarnsWhenKeysClusterOnOnePosition) {
  ContentCopy copy;
  for (const char* from : {"- b\n", "- c\n", "- d\n"})
    for (int i = 0; i < 4; ++i) copy.edit("questions/demo/theory.yaml", from, "- a\n");
  auto r = copy.load();
  EXPECT_TRUE(r.catalog);  // a warning does not fail
  bool warned = false;
  for (const auto& d : r.diagnostics)
    warned |=
        d.severity == Severity::warning && d.message.find("key position 'a'") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(Loader, WarnsWhenADomainCannotFillThreeMocks) {
  ContentCopy copy;
  copy.edit("certifications/demo.yaml", "questions: 10", "questions: 40");
  auto r = copy.load();
  EXPECT_TRUE(r.catalog);
  bool warned = false;
  for (const auto& d : r.diagnostics)
    warned |= d.severity == Severity::warning &&
              d.message.find("three full mock exams draw") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(Loader, ReadsAReviewAndChecksItsRulesAgainstTheBank) {
  auto good = load_content(kGood);
  ASSERT_TRUE(good.catalog);
  const auto* review = good.catalog->review("demo");
  ASSERT_NE(review, nullptr);
  ASSERT_EQ(review->sections.size(), 5u);
  ASSERT_NE(review->rule("demo-trap"), nullptr);
  EXPECT_EQ(review->rule("demo-trap")->questions.size(), 2u);
  ContentCopy copy;
  copy.edit("reviews/demo.yaml", "[demo-events-003]", "[demo-events-999]");
  copy.edit("reviews/demo.yaml", "id: demo-required", "id: demo-owner");
  copy.edit("reviews/demo.yaml", "id: commitments", "id: goals");
  auto r = copy.load();
  EXPECT_FALSE(r.catalog);
  EXPECT_TRUE(HasError(r, "reviews/demo.yaml", 18, "unknown question 'demo-events-999'"));
  EXPECT_TRUE(HasError(r, "reviews/demo.yaml", 22, "rule 'demo-owner' appears twice"));
  EXPECT_TRUE(HasError(r, "reviews/demo.yaml", 5, "sections begin timeboxes, accountabilities"));
}

TEST(Loader, AReviewRuleLinksOnlyItsOwnCertificationsQuestions) {
  ContentCopy copy;
  copy.write("reviews/demo-pro.yaml", R"(certification: demo-pro
intro: Borrowed questions.
sections:
- id: timeboxes
  title: Timeboxes
  rules:
  - id: borrowed
    text: A rule.
    source: Demo guide
    questions: [demo-events-001]
)");
  auto r = copy.load();
  EXPECT_TRUE(
      HasError(r, "reviews/demo-pro.yaml", 10, "'demo-events-001' is not in the demo-pro bank"));
}

TEST(Loader, LiveRouteWithoutAQuickReviewIsFlagged) {
  ContentCopy copy;
  fs::remove(copy.dir() / "reviews/demo.yaml");
  auto r = copy.load();
  ASSERT_TRUE(r.catalog);  // a warning: the route still serves
  bool warned = false;
  for (const auto& d : r.diagnostics)
    warned |= d.severity == Severity::warning && d.file.ends_with("certifications/demo.yaml") &&
              d.message == "live practice without a quick review (add reviews/demo.yaml)";
  EXPECT_TRUE(warned);
}

TEST(Loader, MissingDirectoryIsAnError) {
  auto r = load_content("/nonexistent/certhub-content");
  EXPECT_FALSE(r.catalog);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message, "content directory not found");
}

TEST(Loader, ShippedContentIsClean) {
  auto r = load_content(CERTHUB_CONTENT);
  for (const auto& d : r.diagnostics) ADD_FAILURE() << format(d);
  ASSERT_TRUE(r.catalog);
  auto* csm = r.catalog->certification("csm");
  ASSERT_NE(csm, nullptr);
  auto bp = blueprint_for(*csm);
  ASSERT_TRUE(bp);
  EXPECT_EQ(bp->questions, 50);
  EXPECT_EQ(bp->minutes, 60);
  EXPECT_EQ(bp->pass_count, 37);
  // No two questions of the bank are near-duplicates, so no mock exam can show one twice.
  for (const auto& d : lint_near_duplicates(*r.catalog, CERTHUB_CONTENT))
    ADD_FAILURE() << format(d);
}

TEST(Loader, ShippedBanksAreOriginalAndGiveNothingAway) {
  auto r = load_content(CERTHUB_CONTENT);
  ASSERT_TRUE(r.catalog);
  // Every live route has its bank and its quick review.
  for (const char* id : {"csm", "psm-i", "pspo-i"}) {
    EXPECT_GE(r.catalog->bank(id).size(), 320u) << id;
    EXPECT_NE(r.catalog->review(id), nullptr) << id;
  }
  for (const auto& d : lint_originality(*r.catalog, CERTHUB_CONTENT, scrum_guide_fingerprint()))
    ADD_FAILURE() << format(d);
}

TEST(Blueprint, ApportionsByLargestRemainder) {
  EXPECT_EQ(apportion({14, 20, 22, 18, 14, 12}, 50), (std::vector<int>{7, 10, 11, 9, 7, 6}));
  EXPECT_EQ(apportion({60, 40}, 10), (std::vector<int>{6, 4}));
  EXPECT_EQ(apportion({34, 33, 33}, 10), (std::vector<int>{4, 3, 3}));
  auto counts = apportion({25, 29, 19, 27}, 45);
  EXPECT_EQ(counts[0] + counts[1] + counts[2] + counts[3], 45);
}

TEST(Blueprint, PassMarkFromPercentRoundsUp) {
  Certification c;
  c.exam = Exam{};
  c.exam->questions = 80;
  c.exam->minutes = 60;
  c.exam->pass_percent = 85;
  c.domains = {{"a", "A", 100, ""}};
  EXPECT_EQ(blueprint_for(c)->pass_count, 68);
  c.exam->questions = 45;
  c.exam->pass_percent = 73;
  EXPECT_EQ(blueprint_for(c)->pass_count, 33);  // 32.85 rounds up
}

TEST(Date, ParsesAndRejects) {
  EXPECT_EQ(parse_date("2028-02-29"), (Date{2028, 2, 29}));
  EXPECT_FALSE(parse_date("2027-02-29"));
  EXPECT_FALSE(parse_date("2027-13-01"));
  EXPECT_FALSE(parse_date("27-01-01"));
  EXPECT_EQ(civil_from_days(days_from_civil({2026, 11, 23})), (Date{2026, 11, 23}));
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(long_date({2026, 12, 5}), "5 December 2026");
}

}  // namespace
}  // namespace certhub

namespace certhub {
namespace {

TEST(Similarity, FindsRewordedDuplicatesAndIgnoresDifferentQuestions) {
  auto make = [](std::string id, std::string stem, std::string key_text) {
    Question q;
    q.id = std::move(id);
    q.stem = std::move(stem);
    q.options = {{"a", std::move(key_text), ""}, {"b", "Something unrelated", ""}};
    q.key = {"a"};
    return q;
  };
  std::vector<Question> qs{
      make("q1",
           "Halfway through the Sprint a stakeholder asks a Developer to add an urgent feature.",
           "Refer the stakeholder to the Product Owner"),
      make("q2",
           "Halfway through the Sprint, a stakeholder asks one Developer to add an urgent feature.",
           "Send the stakeholder to the Product Owner"),
      make("q3", "What is the maximum length of the Sprint Retrospective for a one-month Sprint?",
           "Three hours"),
  };
  std::vector<const Question*> bank{&qs[0], &qs[1], &qs[2]};
  auto pairs = similar_questions(bank, 0.6);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].a->id, "q1");
  EXPECT_EQ(pairs[0].b->id, "q2");
}

}  // namespace
}  // namespace certhub
