#include "content/lint.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include "content/originality.hpp"
#include "content/yaml_reader.hpp"
#include "core/similarity.hpp"

namespace certhub {
namespace {

// The line of "id: <id>" in a bank file, so the warning points where an author edits.
int line_of(const std::filesystem::path& file, const std::string& id) {
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    auto at = line.find("id: " + id);
    if (at != std::string::npos && line.size() == at + 4 + id.size()) return n;
  }
  return 1;
}

// The first line holding `text` (from its start), or 1.
int line_with(const std::filesystem::path& file, std::string_view text) {
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(text) != std::string::npos) return n;
  return 1;
}

std::string first_words(const std::string& run, std::size_t words = 8) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < words && at != std::string::npos; ++i) at = run.find(' ', at + 1);
  return at == std::string::npos ? run : run.substr(0, at) + " \u2026";
}

}  // namespace

std::vector<Diagnostic> lint_originality(const Catalog& catalog,
                                         const std::filesystem::path& content_dir,
                                         const std::vector<std::uint64_t>& guide) {
  std::vector<Diagnostic> out;
  auto copied = [&](const std::filesystem::path& file, int line, const std::string& what,
                    const std::string& text) {
    if (auto run = copied_run(text, guide)) {
      auto words = static_cast<std::size_t>(std::count(run->begin(), run->end(), ' ') + 1);
      out.push_back({file.string(), line, 1, Severity::warning,
                     what + " copies " + std::to_string(words) +
                         " words of the Scrum Guide outside quotation marks (\"" +
                         first_words(*run) +
                         "\"): say it in your own words, or quote a short phrase"});
    }
  };
  for (const auto& cert : catalog.certifications) {
    auto bank = catalog.bank(cert.id);
    if (bank.empty()) continue;
    EchoCheck echo(bank);
    std::map<std::string, std::pair<int, int>> longest_by_domain;  // key longest, choice questions
    for (const auto* q : bank) {
      auto file = content_dir / "questions" / cert.id / (q->domain + ".yaml");
      int line = line_of(file, q->id);
      auto in_q = "question " + in_quotes(q->id) + ": ";
      copied(file, line, in_q + "the stem", q->stem);
      copied(file, line, in_q + "the explanation", q->explanation);
      for (const auto& o : q->options) {
        copied(file, line, in_q + "option " + o.key, o.text);
        copied(file, line, in_q + "the reason for option " + o.key, o.reason);
      }
      if (auto e = echo.find(*q))
        out.push_back({file.string(), line, 1, Severity::warning,
                       in_q + "option " + q->options[e->option].key + " alone repeats " +
                           in_quotes(e->word) +
                           " from the stem, which gives it away: reword the stem or that "
                           "option, or let another option use the word too"});
      if (q->type != QuestionType::true_false) {
        auto& [longest, choice] = longest_by_domain[q->domain];
        longest += key_is_longest(*q) ? 1 : 0;
        ++choice;
      }
    }
    for (const auto& [domain, counts] : longest_by_domain) {
      const auto& [longest, choice] = counts;
      if (choice >= 4 && longest * 100 > choice * 35) {
        auto file = content_dir / "questions" / cert.id / (domain + ".yaml");
        out.push_back({file.string(), line_with(file, "questions:"), 1, Severity::warning,
                       "the key is the longest option in " + std::to_string(longest) + " of " +
                           std::to_string(choice) +
                           " choice questions (over 35%): a learner can guess by length"});
      }
    }
  }
  for (const auto& review : catalog.reviews) {
    auto file = content_dir / "reviews" / (review.certification + ".yaml");
    copied(file, line_with(file, "intro:"), "the intro", review.intro);
    for (const auto& section : review.sections)
      for (const auto& rule : section.rules)
        copied(file, line_of(file, rule.id), "rule " + in_quotes(rule.id), rule.text);
  }
  return out;
}

std::vector<Diagnostic> lint_near_duplicates(const Catalog& catalog,
                                             const std::filesystem::path& content_dir,
                                             double threshold) {
  std::vector<Diagnostic> out;
  for (const auto& cert : catalog.certifications) {
    auto bank = catalog.bank(cert.id);
    for (const auto& pair : similar_questions(bank, threshold)) {
      auto file = content_dir / "questions" / cert.id / (pair.b->domain + ".yaml");
      out.push_back({file.string(), line_of(file, pair.b->id), 1, Severity::warning,
                     "question '" + pair.b->id + "' may test the same point as '" + pair.a->id +
                         "' (" +
                         std::to_string(static_cast<int>(std::lround(pair.similarity * 100))) +
                         "% of their words alike); a mock exam could show both"});
    }
  }
  return out;
}

}  // namespace certhub
