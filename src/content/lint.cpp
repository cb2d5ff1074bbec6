#include "content/lint.hpp"

#include <cmath>
#include <fstream>

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

}  // namespace

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
