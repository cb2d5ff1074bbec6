// The originality and giveaway checks, on made-up text (the project keeps no copy of the Guide).
#include "content/originality.hpp"

#include <gtest/gtest.h>

namespace certhub {
namespace {

const std::string kSource =
    "Every team inspects what it has built at a steady rhythm and adapts the plan to what "
    "it learned, so that decisions rest on evidence rather than on hope or on habit.";

TEST(Originality, FindsTheLongestCopiedRunOutsideQuotes) {
  auto source = fingerprint(kSource);
  EXPECT_FALSE(source.empty());
  auto copied = copied_run(
      "As people say, every team inspects what it has built at a steady rhythm and adapts "
      "the plan to what it learned. Then more.",
      source);
  ASSERT_TRUE(copied);
  EXPECT_EQ(*copied,
            "every team inspects what it has built at a steady rhythm and adapts the plan to what "
            "it learned");
}

TEST(Originality, QuotedPassagesAndShortRunsAreAllowed) {
  auto source = fingerprint(kSource);
  EXPECT_FALSE(
      copied_run("The text says \"every team inspects what it has built at a steady "
                 "rhythm and adapts the plan to what it learned\" and we agree.",
                 source));
  EXPECT_FALSE(
      copied_run("\u201cEvery team inspects what it has built at a steady rhythm and "
                 "adapts the plan\u201d, as written.",
                 source));
  // Eleven words in a row are not a copied run.
  EXPECT_FALSE(copied_run(
      "Every team inspects what it has built at a steady rhythm; it then rests.", source));
  // Case, punctuation and Markdown do not hide a copy.
  EXPECT_TRUE(
      copied_run("EVERY team *inspects* what it has built, at a steady rhythm, and adapts "
                 "the plan",
                 source));
}

TEST(Originality, TheGuidesFingerprintIsCompiledIn) {
  // About 3,500 windows of twelve words: the whole Guide, not an empty placeholder.
  EXPECT_GT(scrum_guide_fingerprint().size(), 3000u);
  EXPECT_TRUE(std::is_sorted(scrum_guide_fingerprint().begin(), scrum_guide_fingerprint().end()));
}

Question choice(std::string id, std::string stem, std::vector<std::string> options,
                std::vector<std::string> key) {
  Question q;
  q.id = std::move(id);
  q.stem = std::move(stem);
  char letter = 'a';
  for (auto& text : options) q.options.push_back({std::string(1, letter++), std::move(text), ""});
  q.key = std::move(key);
  return q;
}

TEST(Originality, AKeyThatAloneEchoesARareStemWordIsAGiveaway) {
  std::vector<Question> qs;
  // A bank where "Sprint" is everywhere and "poker" is rare.
  for (int i = 0; i < 200; ++i)
    qs.push_back(choice("q" + std::to_string(i), "During the Sprint, what happens next?",
                        {"One thing", "Another", "A third"}, {"a"}));
  qs.push_back(choice(
      "tell", "The team plays planning poker during the Sprint. Why?",
      {"Poker is one sizing practice", "The Sprint requires it", "Managers ask for it"}, {"a"}));
  qs.push_back(choice(
      "fair", "The team plays planning poker during the Sprint. Why?",
      {"It is one sizing practice", "Planning poker is required by Scrum", "Managers ask for it"},
      {"a"}));
  std::vector<const Question*> bank;
  for (const auto& q : qs) bank.push_back(&q);
  EchoCheck check(bank);
  auto tell = check.find(qs[200]);
  ASSERT_TRUE(tell);
  EXPECT_EQ(tell->option, 0u);
  EXPECT_EQ(tell->word, "poker");
  // A distractor echoing the stem is a fair trap, and "sprint" is an everyday word here.
  EXPECT_FALSE(check.find(qs[201]));
  EXPECT_FALSE(check.find(qs[0]));
}

TEST(Originality, KeyIsLongestOnlyWhenStrictlyLongest) {
  EXPECT_TRUE(
      key_is_longest(choice("a", "?", {"the longest option by far", "short", "tiny"}, {"a"})));
  EXPECT_FALSE(key_is_longest(choice("b", "?", {"equal", "equal", "x"}, {"a"})));
  EXPECT_FALSE(key_is_longest(choice("c", "?", {"short", "the longest option by far"}, {"a"})));
  auto tf = choice("d", "?", {"True", "False"}, {"b"});
  tf.type = QuestionType::true_false;
  EXPECT_FALSE(key_is_longest(tf));
}

}  // namespace
}  // namespace certhub
