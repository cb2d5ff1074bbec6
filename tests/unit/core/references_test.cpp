// A question's reference as text with links into the Scrum Guide's sections.
#include "core/references.hpp"

#include <gtest/gtest.h>

namespace certhub {
namespace {

constexpr const char* kGuide = "https://scrumguides.org/scrum-guide.html";

TEST(References, SlugsFollowTheGuidesHeadings) {
  EXPECT_EQ(section_slug("Sprint Planning"), "sprint-planning");
  EXPECT_EQ(section_slug("Commitment: Definition of Done"), "commitment-definition-of-done");
  EXPECT_EQ(section_slug("The Sprint"), "the-sprint");
}

TEST(References, LinksEveryQuotedGuideSectionAndKeepsTheRestAsText) {
  auto parts = reference_parts(R"(Scrum Guide 2020, "Sprint Review" and "Increment")", kGuide);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].text, "Scrum Guide 2020, ");
  EXPECT_EQ(parts[0].url, "");
  EXPECT_EQ(parts[1].text, "\u201cSprint Review\u201d");
  EXPECT_EQ(parts[1].url, std::string(kGuide) + "#sprint-review");
  EXPECT_EQ(parts[2].text, " and ");
  EXPECT_EQ(parts[3].url, std::string(kGuide) + "#increment");
}

TEST(References, OnlyTheGuidePartOfAMixedReferenceIsLinked) {
  auto parts = reference_parts(
      R"(Scrum Guide 2020, "Scrum Master"; Derby and Larsen, Agile Retrospectives (2006), "Set the Stage")",
      kGuide);
  int links = 0;
  std::string text;
  for (const auto& p : parts) {
    links += p.url.empty() ? 0 : 1;
    text += p.text;
  }
  EXPECT_EQ(links, 1);
  EXPECT_NE(text.find("Derby and Larsen, Agile Retrospectives (2006), \"Set the Stage\""),
            std::string::npos);
}

TEST(References, WithoutAGuideAddressOrQuotesItIsPlainText) {
  auto plain = reference_parts("Agile Manifesto (2001)", kGuide);
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].url, "");
  auto unlinked = reference_parts(R"(Scrum Guide 2020, "Daily Scrum")", "");
  ASSERT_EQ(unlinked.size(), 1u);
  EXPECT_EQ(unlinked[0].url, "");
  auto unclosed = reference_parts(R"(Scrum Guide 2020, "Daily Scrum)", kGuide);
  ASSERT_EQ(unclosed.size(), 1u);
  EXPECT_EQ(unclosed[0].text, R"(Scrum Guide 2020, "Daily Scrum)");
}

}  // namespace
}  // namespace certhub
