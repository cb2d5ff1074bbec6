#pragma once
// Reads one content file into its part of the catalog without looking at any other file, so
// files can be read in parallel. loader.cpp merges the parts in file order and then checks
// what spans files: unique ids, references, duplicate stems.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "content/diagnostic.hpp"
#include "content/yaml_doc.hpp"
#include "core/catalog.hpp"

namespace certhub {

// Where something was written, for errors found after every file is read: the file's index
// in the load, and the position in it.
struct Place {
  std::size_t file = 0;
  yaml::Mark mark;
};

// A reference to check once the whole catalog is known; returns a message when it dangles.
struct PendingRef {
  Place at;
  std::function<std::optional<std::string>(const Catalog&)> problem;
};

// The kinds of item whose ids must be unique across files.
enum class IdKind { source, family, certification, course, question };
const char* to_string(IdKind kind);

// An item with an id, claimed by a file. The item waits in FilePart::catalog until the merge
// knows whether another file took the id first.
struct IdClaim {
  IdKind kind = IdKind::source;
  std::string id;
  Place at;
  std::size_t diagnostics_before = 0;  // so a "duplicate" error keeps its place among the file's
};

struct FilePart {
  std::vector<Diagnostic> diagnostics;
  Catalog catalog;        // what the file defines; see IdClaim for the items with ids
  bool schedule = false;  // set by courses.yaml: catalog.schedule.example and .note apply
  std::vector<IdClaim> claims;
  std::vector<PendingRef> refs;
  std::vector<std::pair<std::string, Place>> stems;  // normalized question stems
  std::string bank;                                  // "certification/domain" of a question bank
};

// `path` is the file (named so in diagnostics), `rel` its path under the content directory,
// `index` its number in the load (for Place).
FilePart read_content_file(std::size_t index, const std::filesystem::path& path,
                           const std::filesystem::path& rel, std::string_view bytes);

}  // namespace certhub
