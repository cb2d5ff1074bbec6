#pragma once
// Typed field access on yaml-cpp nodes that reports problems as Diagnostics at the node's
// position instead of throwing, so one run lists every problem in a file.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.hpp"
#include "core/catalog.hpp"

namespace certhub {

// yaml-cpp throws when a missing key's node is asked its type or position; these do not.
inline bool is_map(const YAML::Node& n) {
  return n.IsDefined() && n.IsMap();
}
inline bool is_seq(const YAML::Node& n) {
  return n.IsDefined() && n.IsSequence();
}
inline bool is_scalar(const YAML::Node& n) {
  return n.IsDefined() && n.IsScalar();
}
inline bool is_null(const YAML::Node& n) {
  return !n.IsDefined() || n.IsNull();
}
inline YAML::Mark mark_of(const YAML::Node& n) {
  return n.IsDefined() ? n.Mark() : YAML::Mark::null_mark();
}

// 'text', for messages.
std::string in_quotes(std::string_view s);

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

  const std::string& file() const { return file_; }
  void error(const YAML::Mark& at, std::string message);
  void warning(const YAML::Mark& at, std::string message);
  void error(const YAML::Node& at, std::string message) { error(mark_of(at), std::move(message)); }

  // A mapping with only these keys (each at most once); anything else is an error at the key.
  bool mapping(const YAML::Node& node, const std::vector<std::string_view>& allowed,
               std::string_view what);
  bool sequence(const YAML::Node& node, std::string_view what);

  std::string text(const YAML::Node& map, const char* key, bool required = true);
  std::string id(const YAML::Node& map, const char* key);  // lower-case a-z, 0-9 and -
  std::string url(const YAML::Node& map, const char* key, bool required = true);
  std::optional<int> integer(const YAML::Node& map, const char* key, bool required, int min,
                             int max);
  std::optional<double> number(const YAML::Node& map, const char* key, bool required, double min,
                               double max);
  bool boolean(const YAML::Node& map, const char* key, bool fallback);
  std::optional<Date> date(const YAML::Node& map, const char* key);
  std::vector<std::string> strings(const YAML::Node& map, const char* key, bool required);
  // One of `choices`; returns its index, or -1 after reporting.
  int choice(const YAML::Node& map, const char* key,
             std::initializer_list<std::string_view> choices, bool required = true);
  // { text, sources, ...extra } as a Fact; `extra` names further allowed keys.
  Fact fact(const YAML::Node& map, const char* key,
            std::initializer_list<std::string_view> extra = {}, bool required = true);

  static bool valid_id(std::string_view id);

 private:
  bool scalar(const YAML::Node& node, const char* key, std::string_view kind);
  std::string file_;
  std::vector<Diagnostic>& out_;
};

}  // namespace certhub
