#include "web/assets.hpp"

#include <cstdio>

namespace certhub {
namespace {

std::string content_type_for(std::string_view path) {
  auto dot = path.rfind('.');
  auto ext = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "json") return "application/json";
  return "application/octet-stream";
}

std::string short_hash(std::string_view bytes) {
  unsigned long long h = 14695981039346656037ULL;  // FNV-1a
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", h);
  return std::string(buf, 10);
}

}  // namespace

StaticFiles::StaticFiles() {
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with("static/")) continue;
    std::string plain = "/" + std::string(file.path);
    auto hash = short_hash(file.bytes);
    auto dot = plain.rfind('.');
    // "/static/site.css" -> "/static/site.<hash>.css"
    std::string hashed = plain;
    if (dot == std::string::npos || dot < plain.rfind('/'))
      hashed += "." + hash;
    else
      hashed.insert(dot, "." + hash);
    StaticFile entry{std::make_shared<const std::string>(file.bytes), content_type_for(file.path),
                     "\"" + hash + "\"", false};
    by_url_.emplace(plain, entry);
    entry.fingerprinted = true;
    by_url_.emplace(hashed, entry);
    fingerprinted_.emplace(plain, hashed);
  }
}

const StaticFile* StaticFiles::find(std::string_view url_path) const {
  auto it = by_url_.find(std::string(url_path));
  return it == by_url_.end() ? nullptr : &it->second;
}

std::string StaticFiles::url(std::string_view name) const {
  auto it = fingerprinted_.find(std::string(name));
  return it == fingerprinted_.end() ? std::string(name) : it->second;
}

std::string_view template_source(std::string_view name) {
  std::string path = "templates/" + std::string(name) + ".mustache";
  for (const auto& file : embedded_files())
    if (file.path == path) return file.bytes;
  return {};
}

}  // namespace certhub
