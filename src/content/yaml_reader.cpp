#include "content/yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>

namespace certhub {
namespace {

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (auto item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// yaml-cpp's conversion to double, which the loader used before: the whole text (trailing
// blanks allowed) read by an istream, or one of YAML's .inf / .nan spellings.
bool parse_number(std::string_view text, double& value) {
  // Small whole numbers (difficulty, weights, counts) are nearly all there is: skip the stream.
  if (!text.empty() && text.size() <= 9 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    value = 0;
    for (char c : text) value = value * 10 + (c - '0');
    return true;
  }
  std::istringstream stream{std::string(text)};
  stream.unsetf(std::ios::dec);
  if ((stream >> std::noskipws >> value) && (stream >> std::ws).eof()) return true;
  if (text == ".inf" || text == ".Inf" || text == ".INF" || text == "+.inf" || text == "+.Inf" ||
      text == "+.INF") {
    value = std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == "-.inf" || text == "-.Inf" || text == "-.INF") {
    value = -std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    value = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  return false;
}

// yaml-cpp's booleans: y/n, yes/no, true/false, on/off, in lower case, UPPER case or
// Capitalized.
bool parse_boolean(std::string_view text, bool& value) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (text.empty()) return false;
  auto rest = text.substr(1);
  bool flexible_case = std::all_of(text.begin(), text.end(), lower) ||
                       (upper(text[0]) && (std::all_of(rest.begin(), rest.end(), lower) ||
                                           std::all_of(rest.begin(), rest.end(), upper)));
  if (!flexible_case) return false;
  std::string folded(text);
  for (char& c : folded)
    if (upper(c)) c = static_cast<char>(c - 'A' + 'a');
  for (auto [yes, no] : {std::pair{"y", "n"}, {"yes", "no"}, {"true", "false"}, {"on", "off"}}) {
    if (folded == yes) {
      value = true;
      return true;
    }
    if (folded == no) {
      value = false;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string in_quotes(std::string_view s) {
  return "'" + std::string(s) + "'";
}

std::string format(const Diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
         (d.severity == Severity::error ? "error: " : "warning: ") + d.message;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void YamlReader::error(const yaml::Mark& at, std::string message) {
  out_.push_back({file_, at.is_null() ? 1 : at.line + 1, at.is_null() ? 1 : at.column + 1,
                  Severity::error, std::move(message)});
}

void YamlReader::warning(const yaml::Mark& at, std::string message) {
  out_.push_back({file_, at.is_null() ? 1 : at.line + 1, at.is_null() ? 1 : at.column + 1,
                  Severity::warning, std::move(message)});
}

bool YamlReader::mapping(const yaml::Node& node, const std::vector<std::string_view>& allowed,
                         std::string_view what) {
  if (!is_map(node)) {
    error(node, std::string(what) + " must be a mapping");
    return false;
  }
  std::uint64_t seen = 0;  // by index in `allowed`; the lists of keys are short
  for (const auto& entry : node.entries()) {
    auto key = entry.key.as_view();
    auto it = std::find(allowed.begin(), allowed.end(), key);
    if (it == allowed.end()) {
      error(entry.key, "unknown key " + in_quotes(key) + " in " + std::string(what) +
                           " (allowed: " + join(allowed) + ")");
      continue;
    }
    auto index = static_cast<std::size_t>(it - allowed.begin());
    std::uint64_t bit = index < 64 ? std::uint64_t{1} << index : 0;
    if (seen & bit)
      error(entry.key, "key " + in_quotes(key) + " appears twice in " + std::string(what));
    seen |= bit;
  }
  return true;
}

bool YamlReader::sequence(const yaml::Node& node, std::string_view what) {
  if (is_seq(node)) return true;
  error(node, std::string(what) + " must be a list");
  return false;
}

bool YamlReader::scalar(const yaml::Node& node, const char* key, std::string_view kind) {
  if (is_scalar(node)) return true;
  error(node, "field " + in_quotes(key) + " must be " + std::string(kind));
  return false;
}

std::string YamlReader::text(const yaml::Node& map, const char* key, bool required) {
  const auto& node = map[key];
  if (is_null(node)) {
    if (required) error(map, "missing required field " + in_quotes(key));
    return {};
  }
  if (!scalar(node, key, "text")) return {};
  std::string value(node.text());
  auto not_space = [](char c) { return c != ' ' && c != '\n' && c != '\t'; };
  if (required && std::none_of(value.begin(), value.end(), not_space))
    error(node, "field " + in_quotes(key) + " is empty");
  return value;
}

bool YamlReader::valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string YamlReader::id(const yaml::Node& map, const char* key) {
  auto value = text(map, key);
  if (!value.empty() && !valid_id(value))
    error(map[key], "id " + in_quotes(value) + " must use only a-z, 0-9 and '-'");
  return value;
}

std::string YamlReader::url(const yaml::Node& map, const char* key, bool required) {
  auto value = text(map, key, required);
  if (value.empty()) return value;
  auto rest = value.starts_with("https://")  ? value.substr(8)
              : value.starts_with("http://") ? value.substr(7)
                                             : std::string();
  auto host = rest.substr(0, rest.find_first_of("/?#"));
  bool ok = !host.empty() && host.find('.') != std::string::npos &&
            std::none_of(value.begin(), value.end(), [](char c) { return c == ' ' || c < 32; });
  if (!ok) error(map[key], "field " + in_quotes(key) + " is not an absolute http(s) URL: " + value);
  return value;
}

std::optional<int> YamlReader::integer(const yaml::Node& map, const char* key, bool required,
                                       int min, int max) {
  auto value = number(map, key, required, min, max);
  if (!value) return std::nullopt;
  if (*value != std::floor(*value)) {
    error(map[key], "field " + in_quotes(key) + " must be a whole number");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<double> YamlReader::number(const yaml::Node& map, const char* key, bool required,
                                         double min, double max) {
  const auto& node = map[key];
  if (is_null(node)) {
    if (required) error(map, "missing required field " + in_quotes(key));
    return std::nullopt;
  }
  double value = 0;
  if (!is_scalar(node) || !parse_number(node.text(), value) || std::isnan(value)) {
    error(node, "field " + in_quotes(key) + " must be a number");
    return std::nullopt;
  }
  if (value < min || value > max) {
    error(node, "field " + in_quotes(key) + " must be between " + std::to_string(int(min)) +
                    " and " + std::to_string(int(max)));
    return std::nullopt;
  }
  return value;
}

bool YamlReader::boolean(const yaml::Node& map, const char* key, bool fallback) {
  const auto& node = map[key];
  if (is_null(node)) return fallback;
  bool value = fallback;
  if (!is_scalar(node) || !parse_boolean(node.text(), value))
    error(node, "field " + in_quotes(key) + " must be true or false");
  return value;
}

std::optional<Date> YamlReader::date(const yaml::Node& map, const char* key) {
  auto value = text(map, key);
  if (value.empty()) return std::nullopt;
  auto parsed = parse_date(value);
  if (!parsed)
    error(map[key], "field " + in_quotes(key) + " is not a valid date (YYYY-MM-DD): " + value);
  return parsed;
}

std::vector<std::string> YamlReader::strings(const yaml::Node& map, const char* key,
                                             bool required) {
  const auto& node = map[key];
  std::vector<std::string> out;
  if (is_null(node)) {
    if (required) error(map, "missing required field " + in_quotes(key));
    return out;
  }
  if (!is_seq(node)) {
    error(node, "field " + in_quotes(key) + " must be a list");
    return out;
  }
  out.reserve(node.size());
  for (const auto& item : node.items()) {
    if (!is_scalar(item)) {
      error(item, "items of " + in_quotes(key) + " must be text");
      continue;
    }
    out.emplace_back(item.text());
  }
  if (required && out.empty()) error(node, "field " + in_quotes(key) + " must not be empty");
  return out;
}

int YamlReader::choice(const yaml::Node& map, const char* key,
                       std::initializer_list<std::string_view> choices, bool required) {
  auto value = text(map, key, required);
  if (value.empty()) return -1;
  auto it = std::find(choices.begin(), choices.end(), value);
  if (it != choices.end()) return static_cast<int>(it - choices.begin());
  error(map[key], "field " + in_quotes(key) + " must be one of " +
                      join(std::vector<std::string_view>(choices)) + ", not " + in_quotes(value));
  return -1;
}

Fact YamlReader::fact(const yaml::Node& map, const char* key,
                      std::initializer_list<std::string_view> extra, bool required) {
  Fact out;
  const auto& node = map[key];
  if (is_null(node)) {
    if (required) error(map, "missing required field " + in_quotes(key));
    return out;
  }
  std::vector<std::string_view> allowed{"text", "sources"};
  allowed.insert(allowed.end(), extra.begin(), extra.end());
  if (!mapping(node, allowed, in_quotes(key))) return out;
  out.text = text(node, "text");
  out.sources = strings(node, "sources", true);
  return out;
}

}  // namespace certhub
