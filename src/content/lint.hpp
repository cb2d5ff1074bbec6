#pragma once
// Checks that only `certhub lint` runs: slower, whole-bank checks that serve does not need.
#include <filesystem>
#include <vector>

#include "content/diagnostic.hpp"
#include "core/catalog.hpp"

namespace certhub {

// Near-duplicate questions within a certification's bank (warnings at the later question).
std::vector<Diagnostic> lint_near_duplicates(const Catalog& catalog,
                                             const std::filesystem::path& content_dir,
                                             double threshold = 0.6);

}  // namespace certhub
