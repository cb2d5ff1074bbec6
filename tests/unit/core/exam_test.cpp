// The exam engine on the fixture bank and on a synthetic bank sized like the CSM blueprint.
#include <gtest/gtest.h>

#include <map>

#include "content/loader.hpp"
#include "core/exam.hpp"

namespace certhub {
namespace {

std::string encode(const std::vector<Slot>& slots) {
  std::string out;
  for (const auto& s : slots) {
    out += s.question_id + ":";
    for (int o : s.order) out += std::to_string(o);
    out += ";";
  }
  return out;
}

// A CSM-shaped certification and bank: six domains, 40 questions each.
struct CsmLike {
  Certification cert;
  std::vector<Question> questions;
  std::vector<const Question*> bank;
  Blueprint bp;

  CsmLike() {
    cert.id = "csm";
    cert.exam = Exam{};
    cert.exam->questions = 50;
    cert.exam->minutes = 60;
    cert.exam->pass_count = 37;
    std::vector<std::pair<std::string, int>> weights{{"scrum-theory", 14},    {"scrum-team", 20},
                                                     {"events", 22},          {"artifacts", 18},
                                                     {"sm-competencies", 14}, {"sm-service", 12}};
    for (const auto& [id, w] : weights) cert.domains.push_back({id, id, w, ""});
    for (const auto& d : cert.domains)
      for (int i = 0; i < 40; ++i) {
        Question q;
        q.id = d.id + "-" + std::to_string(i);
        q.domain = d.id;
        q.options = {{"a", "A", "ra"}, {"b", "B", "rb"}, {"c", "C", "rc"}, {"d", "D", "rd"}};
        q.key = {"b"};
        questions.push_back(q);
      }
    for (const auto& q : questions) bank.push_back(&q);
    bp = *blueprint_for(cert);
  }
};

TEST(Assembly, DrawsEachDomainByItsBlueprintShare) {
  CsmLike csm;
  for (std::uint64_t seed : {1ULL, 42ULL, 9999ULL}) {
    auto slots = assemble_mock(csm.bp, csm.bank, seed);
    ASSERT_TRUE(slots);
    ASSERT_EQ(slots->size(), 50u);
    std::map<std::string, int> per_domain;
    for (const auto& s : *slots) per_domain[s.question_id.substr(0, s.question_id.rfind('-'))]++;
    for (const auto& d : csm.cert.domains) {
      double share = d.weight * 50 / 100.0;
      EXPECT_NEAR(per_domain[d.id], share, 1.0) << d.id;
    }
  }
}

TEST(Assembly, SameSeedSameExamDifferentSeedDifferentExam) {
  CsmLike csm;
  auto a = assemble_mock(csm.bp, csm.bank, 7);
  auto b = assemble_mock(csm.bp, csm.bank, 7);
  auto c = assemble_mock(csm.bp, csm.bank, 8);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(encode(*a), encode(*b));
  EXPECT_NE(encode(*a), encode(*c));
}

TEST(Assembly, NoQuestionTwiceAndOptionsArePermutations) {
  CsmLike csm;
  auto slots = *assemble_mock(csm.bp, csm.bank, 3);
  std::set<std::string> ids;
  for (const auto& s : slots) {
    EXPECT_TRUE(ids.insert(s.question_id).second);
    auto order = s.order;
    std::sort(order.begin(), order.end());
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
  }
}

TEST(Assembly, PrefersQuestionsNotSeenBefore) {
  CsmLike csm;
  auto first = *assemble_mock(csm.bp, csm.bank, 11);
  std::set<std::string> seen;
  for (const auto& s : first) seen.insert(s.question_id);
  auto second = *assemble_mock(csm.bp, csm.bank, 12, seen);
  for (const auto& s : second) EXPECT_FALSE(seen.contains(s.question_id)) << s.question_id;
}

TEST(Assembly, RefusesWhenADomainIsTooSmall) {
  CsmLike csm;
  std::vector<const Question*> small;
  for (const auto* q : csm.bank)
    if (q->domain != "events" || q->id.ends_with("-1")) small.push_back(q);
  EXPECT_FALSE(assemble_mock(csm.bp, small, 1));
}

TEST(Assembly, TrueFalseKeepsItsOrder) {
  Question tf;
  tf.type = QuestionType::true_false;
  tf.options = {{"a", "True", ""}, {"b", "False", ""}};
  SeededRandom random(5);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(option_order(tf, random), (std::vector<int>{0, 1}));
}

TEST(Assembly, WorksOnTheFixtureBank) {
  auto loaded = load_content(CERTHUB_FIXTURES "/good");
  ASSERT_TRUE(loaded.catalog);
  auto bp = *blueprint_for(*loaded.catalog->certification("demo"));
  auto slots = *assemble_mock(bp, loaded.catalog->bank("demo"), 77);
  EXPECT_EQ(slots.size(), 10u);
  EXPECT_EQ(assemble_sample(loaded.catalog->bank("demo"), 1).size(),
            3u);  // one per domain + the true/false
  EXPECT_EQ(assemble_training(loaded.catalog->bank("demo"), "events", 1).size(), 14u);
}

Question single(const std::string& key) {
  Question q;
  q.options = {{"a", "A", ""}, {"b", "B", ""}, {"c", "C", ""}, {"d", "D", ""}};
  q.key = {key};
  return q;
}

TEST(Grading, SingleChoiceFollowsTheShuffle) {
  auto q = single("b");
  Slot slot{"q", {2, 0, 3, 1}};  // shown d is the question's b
  EXPECT_EQ(shown_key(q, slot), (std::vector<std::string>{"d"}));
  EXPECT_TRUE(is_correct(q, slot, {"d"}));
  EXPECT_FALSE(is_correct(q, slot, {"b"}));
}

TEST(Grading, MultipleIsAllOrNothing) {
  Question q = single("a");
  q.type = QuestionType::multiple;
  q.choose = 2;
  q.key = {"a", "c"};
  Slot slot{"q", {0, 1, 2, 3}};
  EXPECT_TRUE(is_correct(q, slot, {"c", "a"}));
  EXPECT_FALSE(is_correct(q, slot, {"a"}));
  EXPECT_FALSE(is_correct(q, slot, {"a", "b"}));
  EXPECT_FALSE(is_correct(q, slot, {"a", "b", "c"}));
}

TEST(Grading, UnansweredIsWrong) {
  auto q = single("a");
  EXPECT_FALSE(is_correct(q, {"q", {0, 1, 2, 3}}, {}));
}

TEST(Grading, CountsPerDomainAndPassMark) {
  CsmLike csm;
  auto slots = *assemble_mock(csm.bp, csm.bank, 21);
  std::vector<const Question*> questions;
  for (const auto& s : slots)
    for (const auto* q : csm.bank)
      if (q->id == s.question_id) questions.push_back(q);
  std::vector<Step> steps;
  for (int i = 0; i < 37; ++i)
    steps.push_back(
        {i, StepKind::answer, shown_key(*questions[size_t(i)], slots[size_t(i)]), false, 10});
  auto states = replay(slots.size(), steps);
  auto r = grade(csm.cert, slots, questions, states, 37);
  EXPECT_EQ(r.correct, 37);
  EXPECT_EQ(r.total, 50);
  EXPECT_TRUE(r.passed);
  EXPECT_DOUBLE_EQ(r.score, 74.0);
  int sum = 0;
  for (const auto& d : r.domains) sum += d.correct;
  EXPECT_EQ(sum, 37);
  states[0].selected = {};
  EXPECT_FALSE(grade(csm.cert, slots, questions, states, 37).passed);  // 36 of 50
}

TEST(Replay, LatestAnswerWinsAndLateStepsDoNotCount) {
  std::vector<Step> steps{{0, StepKind::answer, {"a"}, false, 100},
                          {0, StepKind::answer, {"c"}, false, 200},
                          {1, StepKind::flag, {}, true, 150},
                          {1, StepKind::answer, {"b"}, false, 3700}};
  auto states = replay(2, steps, 3600);
  EXPECT_EQ(states[0].selected, (std::vector<std::string>{"c"}));
  EXPECT_TRUE(states[1].flagged);
  EXPECT_TRUE(states[1].selected.empty());  // after the deadline
}

TEST(Replay, EachAnswerStepMovesTheSlotSequenceAndAClearedAnswerIsUnanswered) {
  std::vector<Step> steps{{0, StepKind::answer, {"a"}, false, 10},
                          {0, StepKind::flag, {}, true, 11},  // a flag does not move it
                          {0, StepKind::answer, {}, false, 12},
                          {1, StepKind::answer, {"b"}, false, 13}};
  auto states = replay(3, steps);
  EXPECT_EQ(states[0].sequence, 2);
  EXPECT_TRUE(states[0].selected.empty());
  EXPECT_EQ(states[1].sequence, 1);
  EXPECT_EQ(states[2].sequence, 0);
}

TEST(Grading, CountsWhatWasAnsweredAndHowFarFromThePassMark) {
  CsmLike csm;
  auto slots = *assemble_mock(csm.bp, csm.bank, 5);
  std::vector<const Question*> questions;
  for (const auto& s : slots)
    for (const auto* q : csm.bank)
      if (q->id == s.question_id) questions.push_back(q);
  std::vector<Step> steps;
  for (int i = 0; i < 9; ++i) {  // 7 right, 2 wrong, 41 left open
    auto key = shown_key(*questions[size_t(i)], slots[size_t(i)]);
    steps.push_back({i, StepKind::answer, i < 7 ? key : std::vector<std::string>{"z"}, false, 1});
  }
  auto r = grade(csm.cert, slots, questions, replay(slots.size(), steps), 37);
  EXPECT_EQ(r.correct, 7);
  EXPECT_EQ(r.answered, 9);
  EXPECT_EQ(r.total, 50);
  EXPECT_EQ(r.short_of_pass(), 30);
  int answered = 0;
  for (const auto& d : r.domains) answered += d.answered;
  EXPECT_EQ(answered, 9);
  EXPECT_EQ(grade(csm.cert, slots, questions, replay(slots.size(), steps), 0).short_of_pass(), 0);
}

TEST(Assembly, ListedQuestionsOnlyInTheGivenOrderUnknownIdsLeftOut) {
  CsmLike csm;
  auto slots = assemble_listed(csm.bank, {"events-3", "nobody", "artifacts-0", "events-3x"}, 9);
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].question_id, "events-3");
  EXPECT_EQ(slots[1].question_id, "artifacts-0");
  EXPECT_EQ(slots[0].order.size(), 4u);
}

TEST(Deadline, ExpiresAtTheDeadlineWithAnInjectedClock) {
  Timing t{1000, 1000 + 3600, std::nullopt};
  EXPECT_FALSE(t.finished(1000 + 3599));
  EXPECT_EQ(t.seconds_left(1000 + 3599), 1);
  EXPECT_TRUE(t.finished(1000 + 3600));
  EXPECT_EQ(t.seconds_left(5000), 0);
  EXPECT_EQ(t.ended_at(99999), 4600);
  EXPECT_EQ(t.seconds_used(99999), 3600);  // time used stops at the deadline
  Timing submitted{1000, 4600, 2000};
  EXPECT_TRUE(submitted.finished(1500));
  EXPECT_EQ(submitted.seconds_used(9999), 1000);
  Timing untimed{1000, std::nullopt, std::nullopt};
  EXPECT_FALSE(untimed.finished(1'000'000));
}

}  // namespace
}  // namespace certhub
