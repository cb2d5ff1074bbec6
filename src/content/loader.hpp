#pragma once
// Reads content/ into one immutable Catalog, reporting every problem with file, line and column.
#include <filesystem>
#include <memory>
#include <vector>

#include "content/diagnostic.hpp"
#include "core/catalog.hpp"

namespace certhub {

struct LoadResult {
  std::shared_ptr<const Catalog> catalog;  // null when there are errors
  std::vector<Diagnostic> diagnostics;     // errors and warnings, in file order
};

LoadResult load_content(const std::filesystem::path& dir);

}  // namespace certhub
