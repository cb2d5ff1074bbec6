// The YAML document model (content/yaml_doc) and the content loader on one file
// (content/file_loader). The input is one content file; it is read as each kind of file the
// loader knows (its kind comes from its path), and the references it leaves for the merge are
// checked against the catalog it built itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "content/file_loader.hpp"
#include "content/yaml_doc.hpp"

namespace {

// Walks the whole tree, as the loader's readers do, and checks what the model promises.
void walk(const certhub::yaml::Node& node, std::size_t depth) {
  using certhub::yaml::Kind;
  if (depth > 4000) std::abort();  // deeper than yaml_doc's limit of 2000 levels
  switch (node.kind()) {
    case Kind::sequence:
      for (const auto& item : node.items()) walk(item, depth + 1);
      break;
    case Kind::mapping:
      for (auto [key, value] : node.entries()) {
        walk(key, depth + 1);
        walk(value, depth + 1);
        if (key.is_scalar() && !node[key.text()].defined()) std::abort();
      }
      break;
    default:
      (void)node.as_string("fallback");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = certhub::yaml::parse(bytes);
  if (doc.error && doc.root.defined()) std::abort();  // an error leaves the root undefined
  if (!doc.error) walk(doc.root, 0);

  static const char* const kFiles[] = {
      "sources.yaml",
      "families.yaml",
      "routes.yaml",
      "courses.yaml",
      "comparisons.yaml",
      "certifications/demo.yaml",
      "questions/demo/events.yaml",
      "reviews/demo.yaml",
      "certifications/demo.yml",
  };
  std::size_t index = 0;
  for (const char* rel : kFiles) {
    auto part =
        certhub::read_content_file(index++, std::filesystem::path("content") / rel, rel, bytes);
    for (const auto& ref : part.refs) (void)ref.problem(part.catalog);
  }
  return 0;
}
