#pragma once
// Checks that keep question banks original and free of giveaways: copied runs of the Scrum
// Guide, a key that alone repeats a telling word of the stem, a key that is too often the
// longest option. Pure functions over text; lint.cpp turns their findings into diagnostics.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"

namespace certhub {

// How many consecutive words of the Guide make a copied run.
inline constexpr std::size_t kCopiedRunWords = 12;

// Lower-case words (letters, digits, apostrophes inside a word) in runs: a run ends at a quoted
// passage ("...", “...”), which is skipped, since quoting the Guide is allowed.
std::vector<std::vector<std::string>> word_runs_outside_quotes(std::string_view text);

// The hash of `count` words starting at `first` (FNV-1a over the words joined by spaces).
std::uint64_t window_hash(const std::vector<std::string>& words, std::size_t first,
                          std::size_t count);

// Every kCopiedRunWords-word window of a text, hashed, sorted and without repeats: what a text
// is compared against without keeping the text itself.
std::vector<std::uint64_t> fingerprint(std::string_view text);

// The Scrum Guide 2020's fingerprint, compiled in (scrum_guide_fingerprint.inc, made with
// `certhub guide-fingerprint`): the project keeps no copy of the Guide's sentences.
const std::vector<std::uint64_t>& scrum_guide_fingerprint();

// The longest run of a text, outside quotation marks, whose every kCopiedRunWords-word window is
// in `guide` (sorted): its words, or nullopt when there is none.
std::optional<std::string> copied_run(std::string_view text,
                                      const std::vector<std::uint64_t>& guide);

// A key option that alone repeats a telling word of its stem: a word of five letters or more,
// not a stop word, used in the stems of fewer than `rare_share` of the bank's questions (so the
// bank's everyday terms, like Sprint or Developers, do not count) and in no other option. Only
// keys count: a distractor that echoes the stem is a fair trap, a key that does is a giveaway.
struct EchoedWord {
  std::size_t option = 0;  // index in the question's options
  std::string word;
};
class EchoCheck {
 public:
  explicit EchoCheck(const std::vector<const Question*>& bank, double rare_share = 0.02);
  std::optional<EchoedWord> find(const Question& q) const;

 private:
  std::vector<std::string> rare_;  // sorted
};

// True when the key is strictly the longest option of a choice question (not true/false).
bool key_is_longest(const Question& q);

}  // namespace certhub
