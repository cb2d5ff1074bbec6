#include "core/similarity.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace certhub {
namespace {

// Words that carry meaning: lower-case, four letters or more, minus the commonest fillers.
std::vector<std::string> words_of(const Question& q) {
  static const std::set<std::string> kStop{
      "that", "this", "with",   "what",  "which", "when", "they", "their", "there",
      "from", "have", "should", "would", "does",  "most", "best", "about", "into",
      "than", "then", "them",   "were",  "will",  "your", "been", "each"};
  std::string text = q.stem;
  for (const auto& option : q.options)
    if (std::find(q.key.begin(), q.key.end(), option.key) != q.key.end()) text += " " + option.text;
  std::set<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 4 && !kStop.contains(word)) words.insert(word);
    word.clear();
  };
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      word += static_cast<char>(c | 0x20);
    else
      flush();
  }
  flush();
  return {words.begin(), words.end()};
}

double jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  auto all = a.size() + b.size() - common.size();
  return all ? static_cast<double>(common.size()) / static_cast<double>(all) : 0;
}

}  // namespace

std::vector<SimilarPair> similar_questions(const std::vector<const Question*>& questions,
                                           double threshold) {
  std::vector<std::vector<std::string>> words;
  std::unordered_map<std::string, std::vector<size_t>> index;
  for (size_t i = 0; i < questions.size(); ++i) {
    words.push_back(words_of(*questions[i]));
    for (const auto& w : words.back()) index[w].push_back(i);
  }
  // Two questions can only be near-duplicates if they share a word that few questions use.
  const size_t rare = std::max<size_t>(8, questions.size() / 20);
  std::set<std::pair<size_t, size_t>> candidates;
  for (const auto& [word, ids] : index) {
    if (ids.size() > rare) continue;
    for (size_t x = 0; x < ids.size(); ++x)
      for (size_t y = x + 1; y < ids.size(); ++y) candidates.emplace(ids[x], ids[y]);
  }
  std::vector<SimilarPair> out;
  for (const auto& [i, j] : candidates) {
    double s = jaccard(words[i], words[j]);
    if (s >= threshold) out.push_back({questions[i], questions[j], s});
  }
  std::sort(out.begin(), out.end(), [](const SimilarPair& x, const SimilarPair& y) {
    return x.similarity != y.similarity ? x.similarity > y.similarity : x.a->id < y.a->id;
  });
  return out;
}

}  // namespace certhub
