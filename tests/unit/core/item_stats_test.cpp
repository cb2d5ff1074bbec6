// Item statistics: facility, point-biserial discrimination against the rest of the exam, option
// counts and flags, checked against values worked out by hand and by a second, two-pass formula.
#include <gtest/gtest.h>

#include <cmath>

#include "core/item_stats.hpp"

namespace certhub {
namespace {

ItemResponse right(const std::string& id, const std::string& key = "a") {
  return {id, {key}, true};
}
ItemResponse wrong(const std::string& id, const std::string& key = "b") {
  return {id, key.empty() ? std::vector<std::string>{} : std::vector<std::string>{key}, false};
}

const ItemStat& stat_of(const std::vector<ItemStat>& stats, const std::string& id) {
  for (const auto& s : stats)
    if (s.question_id == id) return s;
  throw std::runtime_error("no stat for " + id);
}

// Four attempts of three questions:
//        q1 q2 q3   total
//   A     1  1  0     2
//   B     1  0  0     1
//   C     0  1  1     2
//   D     0  0  -     0   (q3 not answered)
std::vector<ItemStat> four_attempts() {
  ItemStatsBuilder b;
  b.add_attempt({right("q1"), right("q2"), wrong("q3", "c")});
  b.add_attempt({right("q1"), wrong("q2"), wrong("q3", "b")});
  b.add_attempt({wrong("q1", "c"), right("q2"), right("q3")});
  b.add_attempt({wrong("q1", "b"), wrong("q2", "d"), wrong("q3", "")});
  EXPECT_EQ(b.attempts_added(), 4);
  return b.finish();
}

TEST(ItemStats, FacilityIsTheShareOfAttemptsCorrect) {
  auto stats = four_attempts();
  EXPECT_EQ(stat_of(stats, "q1").attempts, 4);
  EXPECT_DOUBLE_EQ(stat_of(stats, "q1").facility, 0.5);   // 2 of 4
  EXPECT_DOUBLE_EQ(stat_of(stats, "q2").facility, 0.5);   // 2 of 4
  EXPECT_DOUBLE_EQ(stat_of(stats, "q3").facility, 0.25);  // 1 of 4
}

TEST(ItemStats, DiscriminationIsPointBiserialAgainstTheRestOfTheExam) {
  auto stats = four_attempts();
  // q1: x = 1 1 0 0, rest y = (2-1) (1-1) (2-0) (0-0) = 1 0 2 0.
  //   mean x = .5, mean y = .75, mean xy = (1+0+0+0)/4 = .25
  //   cov = .25 - .5*.75 = -.125; var x = .25; var y = (1+0+4+0)/4 - .75² = .6875
  //   r = -.125 / sqrt(.25 * .6875) = -0.301511...
  EXPECT_NEAR(*stat_of(stats, "q1").discrimination, -0.3015113, 1e-6);
  // q2: x = 1 0 1 0, y = 1 1 1 0: mean y = .75, mean xy = 2/4 = .5, cov = .5 - .375 = .125,
  //   var y = 3/4 - .5625 = .1875, r = .125 / sqrt(.25 * .1875) = 0.577350...
  EXPECT_NEAR(*stat_of(stats, "q2").discrimination, 0.5773503, 1e-6);
  // q3: x = 0 0 1 0, y = 2 1 1 0: mean x = .25, mean y = 1, mean xy = 1/4, cov = .25 - .25 = 0.
  EXPECT_NEAR(*stat_of(stats, "q3").discrimination, 0.0, 1e-12);
}

TEST(ItemStats, OptionChoicesAndUnansweredAreCounted) {
  auto stats = four_attempts();
  const auto& q1 = stat_of(stats, "q1");
  EXPECT_EQ(q1.option_counts.at("a"), 2);
  EXPECT_EQ(q1.option_counts.at("b"), 1);
  EXPECT_EQ(q1.option_counts.at("c"), 1);
  const auto& q3 = stat_of(stats, "q3");
  EXPECT_EQ(q3.unanswered, 1);
  EXPECT_EQ(q3.option_counts.at("a"), 1);
  EXPECT_EQ(q3.option_counts.at("b"), 1);
  EXPECT_EQ(q3.option_counts.at("c"), 1);
  // Two keys chosen in one multiple-choice answer count once each.
  ItemStatsBuilder b;
  b.add_attempt({{"m", {"a", "c"}, true}});
  EXPECT_EQ(b.finish()[0].option_counts.at("a"), 1);
}

TEST(ItemStats, NoDiscriminationWithoutVariance) {
  ItemStatsBuilder b;
  b.add_attempt({right("q1"), right("q2")});
  b.add_attempt({right("q1"), wrong("q2")});
  auto stats = b.finish();
  EXPECT_FALSE(stat_of(stats, "q1").discrimination);  // everyone right
  EXPECT_FALSE(stat_of(stats, "q2").discrimination);  // its rest score is 1 both times
}

TEST(ItemStats, FewAttemptsAreNeverFlagged) {
  auto stats = four_attempts();  // q1 has r = -0.30 but only 4 attempts
  for (const auto& s : stats) {
    EXPECT_FALSE(s.enough);
    EXPECT_FALSE(s.flagged) << s.question_id;
  }
}

// 40 attempts of four questions, made up so that each flag fires for one question:
//   strong learners (i even): good right, easy right, hard wrong, odd wrong
//   weak learners (i odd):    good wrong, easy right (but i = 1 wrong), hard wrong (i = 3 right),
//                             odd right
std::vector<ItemStat> forty_attempts() {
  ItemStatsBuilder b;
  for (int i = 0; i < 40; ++i) {
    bool strong = i % 2 == 0;
    b.add_attempt({strong ? right("good") : wrong("good"), i == 1 ? wrong("easy") : right("easy"),
                   i == 3 ? right("hard") : wrong("hard"), strong ? wrong("odd") : right("odd"),
                   strong ? right("x") : wrong("x"), strong ? right("y") : wrong("y")});
  }
  return b.finish();
}

TEST(ItemStats, FlagsLowDiscriminationAndFacilityOutsideTheBand) {
  auto stats = forty_attempts();
  EXPECT_FALSE(stat_of(stats, "good").flagged);
  EXPECT_GT(*stat_of(stats, "good").discrimination, 0.9);
  const auto& easy = stat_of(stats, "easy");  // 39 of 40 = .975 > .95
  EXPECT_TRUE(easy.flagged);
  EXPECT_DOUBLE_EQ(easy.facility, 0.975);
  const auto& hard = stat_of(stats, "hard");  // 1 of 40 = .025 < .2
  EXPECT_TRUE(hard.flagged);
  const auto& odd = stat_of(stats, "odd");  // the weak get it right: negative
  EXPECT_TRUE(odd.flagged);
  EXPECT_LT(*odd.discrimination, 0);
  ASSERT_FALSE(odd.reasons.empty());
  EXPECT_NE(odd.reasons[0].find("discrimination"), std::string::npos);
}

TEST(ItemStats, WorstComesFirst) {
  auto stats = forty_attempts();
  ASSERT_GE(stats.size(), 3u);
  EXPECT_EQ(stats[0].question_id, "odd");  // the most negative discrimination
  for (size_t i = 0; i < stats.size(); ++i) {
    if (!stats[i].flagged) {
      for (size_t j = i; j < stats.size(); ++j) EXPECT_FALSE(stats[j].flagged);
    }
  }
}

// The streaming sums against the textbook two-pass formula on a pseudo-random fixture:
// r_pb = (M1 - M0) / s * sqrt(p q), s the population standard deviation of the rest scores.
TEST(ItemStats, MatchesTheTwoPassTextbookFormula) {
  std::vector<std::vector<bool>> answers;
  std::uint32_t state = 12345;
  auto next = [&] { return (state = state * 1103515245u + 12345u) >> 16; };
  for (int a = 0; a < 60; ++a) {
    std::vector<bool> row;
    int ability = static_cast<int>(next() % 10);
    for (int q = 0; q < 5; ++q) row.push_back(static_cast<int>(next() % 10) < ability + q);
    answers.push_back(row);
  }
  ItemStatsBuilder b;
  for (const auto& row : answers) {
    std::vector<ItemResponse> slots;
    for (int q = 0; q < 5; ++q)
      slots.push_back(row[q] ? right("q" + std::to_string(q)) : wrong("q" + std::to_string(q)));
    b.add_attempt(slots);
  }
  auto stats = b.finish();
  for (int q = 0; q < 5; ++q) {
    double sum1 = 0, sum0 = 0, n1 = 0, n0 = 0, sum = 0;
    std::vector<double> rest;
    for (const auto& row : answers) {
      int total = 0;
      for (bool c : row) total += c ? 1 : 0;
      double y = total - (row[q] ? 1 : 0);
      rest.push_back(y);
      sum += y;
      (row[q] ? sum1 : sum0) += y;
      (row[q] ? n1 : n0) += 1;
    }
    double mean = sum / static_cast<double>(rest.size()), ss = 0;
    for (double y : rest) ss += (y - mean) * (y - mean);
    double s = std::sqrt(ss / static_cast<double>(rest.size()));
    double p = n1 / static_cast<double>(rest.size());
    double expected = (sum1 / n1 - sum0 / n0) / s * std::sqrt(p * (1 - p));
    const auto& st = stat_of(stats, "q" + std::to_string(q));
    EXPECT_NEAR(st.facility, p, 1e-12);
    ASSERT_TRUE(st.discrimination);
    EXPECT_NEAR(*st.discrimination, expected, 1e-9) << "q" << q;
  }
}

}  // namespace
}  // namespace certhub
