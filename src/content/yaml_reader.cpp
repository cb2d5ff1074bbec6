#include "content/yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <set>

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

void YamlReader::error(const YAML::Mark& at, std::string message) {
  out_.push_back({file_, at.is_null() ? 1 : at.line + 1, at.is_null() ? 1 : at.column + 1,
                  Severity::error, std::move(message)});
}

void YamlReader::warning(const YAML::Mark& at, std::string message) {
  out_.push_back({file_, at.is_null() ? 1 : at.line + 1, at.is_null() ? 1 : at.column + 1,
                  Severity::warning, std::move(message)});
}

bool YamlReader::mapping(const YAML::Node& node, const std::vector<std::string_view>& allowed,
                         std::string_view what) {
  if (!is_map(node)) {
    error(node, std::string(what) + " must be a mapping");
    return false;
  }
  std::set<std::string> seen;
  for (const auto& entry : node) {
    auto key = entry.first.as<std::string>("");
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      error(entry.first, "unknown key " + in_quotes(key) + " in " + std::string(what) +
                             " (allowed: " + join(allowed) + ")");
    else if (!seen.insert(key).second)
      error(entry.first, "key " + in_quotes(key) + " appears twice in " + std::string(what));
  }
  return true;
}

bool YamlReader::sequence(const YAML::Node& node, std::string_view what) {
  if (is_seq(node)) return true;
  error(node, std::string(what) + " must be a list");
  return false;
}

bool YamlReader::scalar(const YAML::Node& node, const char* key, std::string_view kind) {
  if (is_scalar(node)) return true;
  error(node, "field " + in_quotes(key) + " must be " + std::string(kind));
  return false;
}

std::string YamlReader::text(const YAML::Node& map, const char* key, bool required) {
  YAML::Node node = map[key];
  if (!node.IsDefined() || is_null(node)) {
    if (required) error(map, "missing required field " + in_quotes(key));
    return {};
  }
  if (!scalar(node, key, "text")) return {};
  auto value = node.as<std::string>();
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

std::string YamlReader::id(const YAML::Node& map, const char* key) {
  auto value = text(map, key);
  if (!value.empty() && !valid_id(value))
    error(map[key], "id " + in_quotes(value) + " must use only a-z, 0-9 and '-'");
  return value;
}

std::string YamlReader::url(const YAML::Node& map, const char* key, bool required) {
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

std::optional<int> YamlReader::integer(const YAML::Node& map, const char* key, bool required,
                                       int min, int max) {
  auto value = number(map, key, required, min, max);
  if (!value) return std::nullopt;
  if (*value != std::floor(*value)) {
    error(map[key], "field " + in_quotes(key) + " must be a whole number");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<double> YamlReader::number(const YAML::Node& map, const char* key, bool required,
                                         double min, double max) {
  YAML::Node node = map[key];
  if (!node.IsDefined() || is_null(node)) {
    if (required) error(map, "missing required field " + in_quotes(key));
    return std::nullopt;
  }
  double value = 0;
  if (!is_scalar(node) || !YAML::convert<double>::decode(node, value) || std::isnan(value)) {
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

bool YamlReader::boolean(const YAML::Node& map, const char* key, bool fallback) {
  YAML::Node node = map[key];
  if (!node.IsDefined() || is_null(node)) return fallback;
  bool value = fallback;
  if (!is_scalar(node) || !YAML::convert<bool>::decode(node, value))
    error(node, "field " + in_quotes(key) + " must be true or false");
  return value;
}

std::optional<Date> YamlReader::date(const YAML::Node& map, const char* key) {
  auto value = text(map, key);
  if (value.empty()) return std::nullopt;
  auto parsed = parse_date(value);
  if (!parsed)
    error(map[key], "field " + in_quotes(key) + " is not a valid date (YYYY-MM-DD): " + value);
  return parsed;
}

std::vector<std::string> YamlReader::strings(const YAML::Node& map, const char* key,
                                             bool required) {
  YAML::Node node = map[key];
  std::vector<std::string> out;
  if (!node.IsDefined() || is_null(node)) {
    if (required) error(map, "missing required field " + in_quotes(key));
    return out;
  }
  if (!is_seq(node)) {
    error(node, "field " + in_quotes(key) + " must be a list");
    return out;
  }
  for (const auto& item : node) {
    if (!is_scalar(item)) {
      error(item, "items of " + in_quotes(key) + " must be text");
      continue;
    }
    out.push_back(item.as<std::string>());
  }
  if (required && out.empty()) error(node, "field " + in_quotes(key) + " must not be empty");
  return out;
}

int YamlReader::choice(const YAML::Node& map, const char* key,
                       std::initializer_list<std::string_view> choices, bool required) {
  auto value = text(map, key, required);
  if (value.empty()) return -1;
  auto it = std::find(choices.begin(), choices.end(), value);
  if (it != choices.end()) return static_cast<int>(it - choices.begin());
  error(map[key], "field " + in_quotes(key) + " must be one of " +
                      join(std::vector<std::string_view>(choices)) + ", not " + in_quotes(value));
  return -1;
}

Fact YamlReader::fact(const YAML::Node& map, const char* key,
                      std::initializer_list<std::string_view> extra, bool required) {
  Fact out;
  YAML::Node node = map[key];
  if (!node.IsDefined() || is_null(node)) {
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
