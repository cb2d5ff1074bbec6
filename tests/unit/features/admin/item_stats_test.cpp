// A finished mock exam as the item statistics read it: shown letters mapped back to the
// question's own option keys through the slot's order, the latest answer before the deadline,
// grading against the content as it is now, and slots that no longer fit the content left out.
#include <gtest/gtest.h>

#include "features/admin/item_stats.hpp"

namespace certhub {
namespace {

Catalog catalog() {
  Catalog c;
  Question single;
  single.id = "q1";
  single.options = {{"a", "A", ""}, {"b", "B", ""}, {"c", "C", ""}};
  single.key = {"c"};
  Question multiple;
  multiple.id = "q2";
  multiple.type = QuestionType::multiple;
  multiple.choose = 2;
  multiple.options = {{"a", "A", ""}, {"b", "B", ""}, {"c", "C", ""}, {"d", "D", ""}};
  multiple.key = {"a", "d"};
  c.questions = {single, multiple};
  c.finish();
  return c;
}

TEST(AdminItemStats, ShownLettersBecomeOptionKeysThroughTheSlotOrder) {
  auto c = catalog();
  // q1 shows c, a, b: shown "a" is option c (the key). q2 shows d, c, b, a: shown "a" and "d"
  // are options d and a (the key).
  FinishedMock mock{"m1",
                    "csm",
                    R"([{"q":"q1","o":[2,0,1]},{"q":"q2","o":[3,2,1,0]}])",
                    5000,
                    {{0, "answer", "b", 10}, {0, "answer", "a", 20}, {1, "answer", "a,d", 30}}};
  ItemStatsBuilder b;
  ASSERT_TRUE(add_finished_mock(b, c, mock));
  auto stats = b.finish();
  ASSERT_EQ(stats.size(), 2u);
  for (const auto& s : stats) {
    EXPECT_EQ(s.correct, 1) << s.question_id;
    if (s.question_id == "q1") {
      EXPECT_EQ(s.option_counts, (std::map<std::string, int>{{"c", 1}}));  // the latest answer
    } else {
      EXPECT_EQ(s.option_counts, (std::map<std::string, int>{{"a", 1}, {"d", 1}}));
    }
  }
}

TEST(AdminItemStats, AnswersAfterTheDeadlineDoNotCount) {
  auto c = catalog();
  FinishedMock mock{"m1",
                    "csm",
                    R"([{"q":"q1","o":[0,1,2]}])",
                    100,
                    {{0, "answer", "a", 50}, {0, "answer", "c", 150}}};
  ItemStatsBuilder b;
  ASSERT_TRUE(add_finished_mock(b, c, mock));
  auto stats = b.finish();
  EXPECT_EQ(stats[0].correct, 0);
  EXPECT_EQ(stats[0].option_counts.at("a"), 1);
}

TEST(AdminItemStats, SlotsThatNoLongerFitTheContentAreLeftOut) {
  auto c = catalog();
  // A removed question, and q1 drawn when it had two options.
  FinishedMock mock{"m1",
                    "csm",
                    R"([{"q":"gone","o":[0,1]},{"q":"q1","o":[1,0]},{"q":"q2","o":[0,1,2,3]}])",
                    std::nullopt,
                    {{2, "answer", "a,d", 10}}};
  ItemStatsBuilder b;
  ASSERT_TRUE(add_finished_mock(b, c, mock));
  auto stats = b.finish();
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].question_id, "q2");
  EXPECT_EQ(stats[0].attempts, 1);
  EXPECT_FALSE(add_finished_mock(b, c, {"m2", "csm", "not json", std::nullopt, {}}));
  EXPECT_EQ(b.attempts_added(), 1);
}

TEST(AdminItemStats, UnansweredSlotsCountAsWrongAndNotAnswered) {
  auto c = catalog();
  FinishedMock mock{"m1", "csm", R"([{"q":"q1","o":[0,1,2]}])", std::nullopt, {}};
  ItemStatsBuilder b;
  ASSERT_TRUE(add_finished_mock(b, c, mock));
  auto stats = b.finish();
  EXPECT_EQ(stats[0].attempts, 1);
  EXPECT_EQ(stats[0].correct, 0);
  EXPECT_EQ(stats[0].unanswered, 1);
}

}  // namespace
}  // namespace certhub
