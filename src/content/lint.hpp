#pragma once
// Checks that only `certhub lint` runs: slower, whole-bank checks that serve does not need.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "content/diagnostic.hpp"
#include "core/catalog.hpp"

namespace certhub {

// Near-duplicate questions within a certification's bank (warnings at the later question).
std::vector<Diagnostic> lint_near_duplicates(const Catalog& catalog,
                                             const std::filesystem::path& content_dir,
                                             double threshold = 0.6);

// Originality and giveaways, as warnings with file and line: a run of 12 or more words of the
// Scrum Guide outside quotation marks (in any text of a question or a quick review), an option
// that alone repeats a telling word of its stem, and a bank file whose key is the longest option
// in more than 35% of its choice questions. `guide` is the Guide's fingerprint.
std::vector<Diagnostic> lint_originality(const Catalog& catalog,
                                         const std::filesystem::path& content_dir,
                                         const std::vector<std::uint64_t>& guide);

}  // namespace certhub
