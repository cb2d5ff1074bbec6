#include "content/originality.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace certhub {
namespace {

// Words of five letters or more that say nothing about a question's content.
const std::set<std::string, std::less<>>& stop_words() {
  static const std::set<std::string, std::less<>> kWords{
      "about",     "above",   "according", "after",     "again",    "against", "already",
      "always",    "another", "answer",    "answers",   "anything", "because", "before",
      "being",     "below",   "between",   "choose",    "correct",  "could",   "describe",
      "describes", "doing",   "during",    "every",     "example",  "first",   "following",
      "might",     "never",   "nothing",   "often",     "other",    "others",  "rather",
      "should",    "since",   "something", "statement", "still",    "their",   "there",
      "these",     "think",   "those",     "three",     "through",  "under",   "until",
      "where",     "which",   "while",     "whose",     "within",   "without", "would"};
  return kWords;
}

// "dependencies" and "dependency", "items" and "item": one word for the echo check.
std::string base_form(std::string word) {
  if (word.ends_with("'s")) word.resize(word.size() - 2);
  if (word.size() > 5 && word.ends_with("ies")) return word.substr(0, word.size() - 3) + "y";
  if (word.size() > 5 && word.ends_with('s') && !word.ends_with("ss")) word.pop_back();
  return word;
}

std::set<std::string> words_of(std::string_view text) {
  std::set<std::string> out;
  for (const auto& run : word_runs_outside_quotes(text))
    for (const auto& w : run) out.insert(base_form(w));
  return out;
}

bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::vector<std::vector<std::string>> word_runs_outside_quotes(std::string_view text) {
  std::vector<std::vector<std::string>> runs(1);
  std::string word;
  bool quoted = false;
  auto end_word = [&] {
    if (!word.empty() && !quoted) runs.back().push_back(word);
    word.clear();
  };
  auto end_run = [&] {
    end_word();
    if (!runs.back().empty()) runs.emplace_back();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    auto next = [&](std::size_t k) {
      return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
    };
    if (c == '"') {  // a straight quote opens or closes a quoted passage
      end_run();
      quoted = !quoted;
    } else if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0x9C || next(2) == 0x9D)) {
      end_run();
      quoted = next(2) == 0x9C;  // “ opens, ” closes
      i += 2;
    } else if (is_word_char(c)) {
      word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if ((c == '\'' || (c == 0xE2 && next(1) == 0x80 && next(2) == 0x99)) && !word.empty() &&
               is_word_char(next(c == '\'' ? 1 : 3))) {
      word += '\'';  // an apostrophe inside a word: "team's"
      if (c != '\'') i += 2;
    } else {
      end_word();
    }
  }
  end_word();
  if (runs.back().empty()) runs.pop_back();
  return runs;
}

std::uint64_t window_hash(const std::vector<std::string>& words, std::size_t first,
                          std::size_t count) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::size_t i = first; i < first + count; ++i) {
    if (i > first) h = (h ^ ' ') * 1099511628211ULL;
    for (unsigned char c : words[i]) h = (h ^ c) * 1099511628211ULL;
  }
  return h;
}

std::vector<std::uint64_t> fingerprint(std::string_view text) {
  std::vector<std::uint64_t> out;
  // The Guide's own text is taken whole, quotes and all: a question may quote a phrase, but a
  // passage the Guide itself quotes is still the Guide's.
  std::vector<std::string> words;
  for (const auto& run : word_runs_outside_quotes(text))
    words.insert(words.end(), run.begin(), run.end());
  for (std::size_t i = 0; i + kCopiedRunWords <= words.size(); ++i)
    out.push_back(window_hash(words, i, kCopiedRunWords));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::string> copied_run(std::string_view text,
                                      const std::vector<std::uint64_t>& guide) {
  std::optional<std::string> longest;
  std::size_t longest_words = 0;
  for (const auto& run : word_runs_outside_quotes(text)) {
    if (run.size() < kCopiedRunWords) continue;
    std::size_t windows = run.size() - kCopiedRunWords + 1;
    std::vector<bool> hit(windows);
    for (std::size_t i = 0; i < windows; ++i)
      hit[i] = std::binary_search(guide.begin(), guide.end(), window_hash(run, i, kCopiedRunWords));
    for (std::size_t i = 0; i < windows;) {
      if (!hit[i]) {
        ++i;
        continue;
      }
      std::size_t last = i;
      while (last + 1 < windows && hit[last + 1]) ++last;
      std::size_t words = last - i + kCopiedRunWords;
      if (words > longest_words) {
        longest_words = words;
        std::string joined;
        for (std::size_t w = i; w < i + words; ++w) joined += (w > i ? " " : "") + run[w];
        longest = std::move(joined);
      }
      i = last + 1;
    }
  }
  return longest;
}

EchoCheck::EchoCheck(const std::vector<const Question*>& bank, double rare_share) {
  std::map<std::string, std::size_t> stems_with;
  for (const auto* q : bank)
    for (const auto& w : words_of(q->stem)) ++stems_with[w];
  const double limit = rare_share * static_cast<double>(bank.size());
  for (const auto& [word, n] : stems_with)
    if (word.size() >= 5 && static_cast<double>(n) < limit && !stop_words().contains(word))
      rare_.push_back(word);
}

std::optional<EchoedWord> EchoCheck::find(const Question& q) const {
  if (q.options.size() < 3) return std::nullopt;
  std::vector<std::set<std::string>> options;
  for (const auto& o : q.options) options.push_back(words_of(o.text));
  for (const auto& word : words_of(q.stem)) {
    if (!std::binary_search(rare_.begin(), rare_.end(), word)) continue;
    std::size_t holders = 0, which = 0;
    for (std::size_t i = 0; i < options.size(); ++i)
      if (options[i].contains(word)) {
        ++holders;
        which = i;
      }
    bool key = std::find(q.key.begin(), q.key.end(), q.options[which].key) != q.key.end();
    if (holders == 1 && key) return EchoedWord{which, word};
  }
  return std::nullopt;
}

bool key_is_longest(const Question& q) {
  if (q.type == QuestionType::true_false || q.options.empty()) return false;
  std::size_t longest = 0, count_at_longest = 0;
  bool key_at_longest = false;
  for (const auto& o : q.options) {
    bool is_key = std::find(q.key.begin(), q.key.end(), o.key) != q.key.end();
    if (o.text.size() > longest) {
      longest = o.text.size();
      count_at_longest = 1;
      key_at_longest = is_key;
    } else if (o.text.size() == longest) {
      ++count_at_longest;
      key_at_longest = key_at_longest && is_key;
    }
  }
  return key_at_longest && count_at_longest == 1;
}

}  // namespace certhub
