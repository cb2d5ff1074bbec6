// Ladder positions, page labels, comparisons and the course filter, on the shipped content and
// on small hand-made catalogs.
#include <gtest/gtest.h>

#include <algorithm>

#include "content/loader.hpp"
#include "core/hub_courses.hpp"
#include "core/hub_routes.hpp"

namespace certhub {
namespace {

const Catalog& shipped() {
  static const auto catalog = [] {
    auto result = load_content(CERTHUB_CONTENT);
    if (!result.catalog) throw std::runtime_error("shipped content does not load");
    return result.catalog;
  }();
  return *catalog;
}

TEST(HubRoutesTest, LadderPositionGivesPreviousAndNext) {
  auto csm = ladder_position(shipped(), "csm");
  EXPECT_EQ(csm.step, 1);
  EXPECT_EQ(csm.steps, 3);
  EXPECT_EQ(csm.previous, "");
  EXPECT_EQ(csm.next, "a-csm");
  auto acsm = ladder_position(shipped(), "a-csm");
  EXPECT_EQ(acsm.previous, "csm");
  EXPECT_EQ(acsm.next, "csp-sm");
  auto top = ladder_position(shipped(), "pspo-iii");
  EXPECT_EQ(top.step, 3);
  EXPECT_EQ(top.previous, "pspo-ii");
  EXPECT_EQ(top.next, "");
  auto caf = ladder_position(shipped(), "caf");
  EXPECT_EQ(caf.steps, 1);
  EXPECT_EQ(caf.previous, "");
  EXPECT_EQ(caf.next, "");
  EXPECT_EQ(ladder_position(shipped(), "nope").steps, 1);
}

TEST(HubRoutesTest, EquivalentsWorkBothWays) {
  EXPECT_EQ(equivalents_of(shipped(), "cspo"), std::vector<std::string>{"pspo-i"});
  EXPECT_EQ(equivalents_of(shipped(), "pspo-i"), std::vector<std::string>{"cspo"});
  EXPECT_TRUE(equivalents_of(shipped(), "ssm").empty());
}

TEST(HubRoutesTest, RouteGraphOfOneFamilyHasOnlyItsLaddersAndNoEquivalents) {
  auto all = route_graph(shipped());
  EXPECT_EQ(all.nodes.size(), shipped().certifications.size());
  EXPECT_EQ(all.ladders.size(), shipped().ladders.size());
  EXPECT_EQ(all.equivalents.size(), shipped().equivalents.size());
  auto sa = route_graph(shipped(), "scrum-alliance");
  EXPECT_EQ(sa.nodes.size(), 8u);
  EXPECT_EQ(sa.ladders.size(), 4u);
  EXPECT_TRUE(sa.equivalents.empty());
  for (const auto& n : sa.nodes) EXPECT_EQ(n.family, "Scrum Alliance") << n.id;
}

TEST(HubRoutesTest, CertificationsComeInLadderOrder) {
  std::vector<std::string> ids;
  for (const auto* c : certifications_in_order(shipped(), "scrum-alliance")) ids.push_back(c->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"csm", "a-csm", "csp-sm", "cspo", "a-cspo", "csp-po",
                                           "caf", "cal-1"}));
  auto every = certifications_in_order(shipped());
  EXPECT_EQ(every.size(), shipped().certifications.size());
  EXPECT_EQ(every.front()->id, "csm");
  EXPECT_EQ(every.back()->id, "ssm");
}

TEST(HubRoutesTest, PageLabelsNameTheLinkedPage) {
  EXPECT_EQ(page_label(shipped(), "/certifications/csm"), "Certified ScrumMaster (CSM)");
  EXPECT_EQ(page_label(shipped(), "/compare/csm-vs-cspo"), "CSM vs CSPO");
  EXPECT_EQ(page_label(shipped(), "/practice/csm"), "CSM practice");
  EXPECT_EQ(page_label(shipped(), "/families/scrum-org"), "Scrum.org hub");
  EXPECT_EQ(page_label(shipped(), "/routes"), "Route map");
  EXPECT_EQ(page_label(shipped(), "/somewhere"), "/somewhere");
}

TEST(HubRoutesTest, CompareSlugSplitsOnVs) {
  auto pair = split_compare_slug("csm-vs-cspo");
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->first, "csm");
  EXPECT_EQ(pair->second, "cspo");
  auto roman = split_compare_slug("psm-ii-vs-a-csm");
  ASSERT_TRUE(roman);
  EXPECT_EQ(roman->first, "psm-ii");
  EXPECT_EQ(roman->second, "a-csm");
  EXPECT_FALSE(split_compare_slug("csm"));
  EXPECT_FALSE(split_compare_slug("-vs-cspo"));
  EXPECT_FALSE(split_compare_slug("csm-vs-"));
}

const CompareRow& row(const std::vector<CompareRow>& rows, const std::string& label) {
  auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.label == label; });
  if (it == rows.end()) throw std::runtime_error("no row " + label);
  return *it;
}

TEST(HubRoutesTest, CompareCsmWithCspoMarksTheRowsThatDiffer) {
  const auto& c = shipped();
  auto rows = compare_rows(c, *c.certification("csm"), *c.certification("cspo"));
  EXPECT_FALSE(row(rows, "Awarding family").differs);
  EXPECT_EQ(row(rows, "Awarding family").a, "Scrum Alliance");
  EXPECT_TRUE(row(rows, "Lane").differs);
  EXPECT_FALSE(row(rows, "Level").differs);
  EXPECT_FALSE(row(rows, "Renewal").differs);
  EXPECT_EQ(row(rows, "Renewal").a, "Every 2 years: 20 SEUs and US$100");
  EXPECT_TRUE(row(rows, "Exam").differs);
  EXPECT_EQ(row(rows, "Exam").a, "50 questions in 60 minutes");
  EXPECT_EQ(row(rows, "Exam").b, "No exam");
  EXPECT_EQ(row(rows, "Pass mark").a, "37 of 50 (74%)");
  EXPECT_EQ(row(rows, "Retake").b, "No test to retake");
  EXPECT_FALSE(row(rows, "Exam").sources_a.empty());
}

TEST(HubRoutesTest, CompareIsSymmetric) {
  const auto& c = shipped();
  auto ab = compare_rows(c, *c.certification("cspo"), *c.certification("pspo-i"));
  auto ba = compare_rows(c, *c.certification("pspo-i"), *c.certification("cspo"));
  ASSERT_EQ(ab.size(), ba.size());
  for (size_t i = 0; i < ab.size(); ++i) {
    EXPECT_EQ(ab[i].a, ba[i].b) << ab[i].label;
    EXPECT_EQ(ab[i].differs, ba[i].differs) << ab[i].label;
  }
}

Course course(std::string id, Date start, CourseFormat format, std::string city,
              Availability availability, std::string cert = "cspo") {
  Course c;
  c.id = std::move(id);
  c.certification = std::move(cert);
  c.start = start;
  c.format = format;
  c.city = std::move(city);
  c.availability = availability;
  return c;
}

Schedule schedule() {
  Schedule s;
  s.courses = {
      course("past", {2026, 11, 1}, CourseFormat::live_online, "", Availability::book_now),
      course("today", {2026, 11, 23}, CourseFormat::live_online, "", Availability::sold_out),
      course("london-dec", {2026, 12, 15}, CourseFormat::in_person, "London",
             Availability::nearly_full),
      course("online-dec", {2026, 12, 5}, CourseFormat::live_online, "", Availability::book_now),
      course("csm-jan", {2027, 1, 9}, CourseFormat::in_person, "Leeds", Availability::book_now,
             "csm"),
  };
  return s;
}

std::vector<std::string> ids(const std::vector<const Course*>& courses) {
  std::vector<std::string> out;
  out.reserve(courses.size());
  for (const auto* c : courses) out.push_back(c->id);
  return out;
}

const Date kToday{2026, 11, 23};

TEST(HubCoursesTest, HidesPastCoursesAndSortsByStart) {
  auto s = schedule();
  EXPECT_EQ(ids(upcoming_courses(s, kToday, {})),
            (std::vector<std::string>{"today", "online-dec", "london-dec", "csm-jan"}));
  EXPECT_TRUE(upcoming_courses(s, Date{2030, 1, 1}, {}).empty());
}

TEST(HubCoursesTest, EachFilterNarrowsTheList) {
  auto s = schedule();
  CourseFilter f;
  f.certification = "csm";
  EXPECT_EQ(ids(upcoming_courses(s, kToday, f)), std::vector<std::string>{"csm-jan"});
  f = {};
  f.format = "in-person";
  EXPECT_EQ(ids(upcoming_courses(s, kToday, f)),
            (std::vector<std::string>{"london-dec", "csm-jan"}));
  f = {};
  f.city = "london";
  EXPECT_EQ(ids(upcoming_courses(s, kToday, f)), std::vector<std::string>{"london-dec"});
  f = {};
  f.month = "2026-12";
  EXPECT_EQ(ids(upcoming_courses(s, kToday, f)),
            (std::vector<std::string>{"online-dec", "london-dec"}));
  f = {};
  f.availability = "sold-out";
  EXPECT_EQ(ids(upcoming_courses(s, kToday, f)), std::vector<std::string>{"today"});
  f.month = "2027-01";
  EXPECT_TRUE(upcoming_courses(s, kToday, f).empty());
  EXPECT_TRUE(f.any());
  EXPECT_FALSE(CourseFilter{}.any());
}

TEST(HubCoursesTest, ChoicesComeFromUpcomingCoursesOnly) {
  auto choices = course_choices(schedule(), kToday);
  EXPECT_EQ(choices.certifications, (std::vector<std::string>{"csm", "cspo"}));
  EXPECT_EQ(choices.cities, (std::vector<std::string>{"Leeds", "London"}));
  EXPECT_EQ(choices.months, (std::vector<std::string>{"2026-11", "2026-12", "2027-01"}));
}

}  // namespace
}  // namespace certhub
