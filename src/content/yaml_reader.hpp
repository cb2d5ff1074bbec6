#pragma once
// Typed field access on YAML nodes that reports problems as Diagnostics at the node's
// position instead of throwing, so one run lists every problem in a file.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/diagnostic.hpp"
#include "content/yaml_doc.hpp"
#include "core/catalog.hpp"

namespace certhub {

// Looking up a missing key gives an undefined node: null, not a map, list or scalar, and with
// no position.
inline bool is_map(const yaml::Node& n) {
  return n.is_mapping();
}
inline bool is_seq(const yaml::Node& n) {
  return n.is_sequence();
}
inline bool is_scalar(const yaml::Node& n) {
  return n.is_scalar();
}
inline bool is_null(const yaml::Node& n) {
  return n.is_null();
}
inline yaml::Mark mark_of(const yaml::Node& n) {
  return n.mark();
}

// 'text', for messages.
std::string in_quotes(std::string_view s);

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

  const std::string& file() const { return file_; }
  void error(const yaml::Mark& at, std::string message);
  void warning(const yaml::Mark& at, std::string message);
  void error(const yaml::Node& at, std::string message) { error(mark_of(at), std::move(message)); }

  // A mapping with only these keys (each at most once); anything else is an error at the key.
  bool mapping(const yaml::Node& node, const std::vector<std::string_view>& allowed,
               std::string_view what);
  bool sequence(const yaml::Node& node, std::string_view what);

  std::string text(const yaml::Node& map, const char* key, bool required = true);
  std::string id(const yaml::Node& map, const char* key);  // lower-case a-z, 0-9 and -
  std::string url(const yaml::Node& map, const char* key, bool required = true);
  std::optional<int> integer(const yaml::Node& map, const char* key, bool required, int min,
                             int max);
  std::optional<double> number(const yaml::Node& map, const char* key, bool required, double min,
                               double max);
  bool boolean(const yaml::Node& map, const char* key, bool fallback);
  std::optional<Date> date(const yaml::Node& map, const char* key);
  std::vector<std::string> strings(const yaml::Node& map, const char* key, bool required);
  // One of `choices`; returns its index, or -1 after reporting.
  int choice(const yaml::Node& map, const char* key,
             std::initializer_list<std::string_view> choices, bool required = true);
  // { text, sources, ...extra } as a Fact; `extra` names further allowed keys.
  Fact fact(const yaml::Node& map, const char* key,
            std::initializer_list<std::string_view> extra = {}, bool required = true);

  static bool valid_id(std::string_view id);

 private:
  bool scalar(const yaml::Node& node, const char* key, std::string_view kind);
  std::string file_;
  std::vector<Diagnostic>& out_;
};

}  // namespace certhub
