#pragma once
// Templates and static files, compiled into the binary (see cmake/embed.cmake).
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace certhub {

struct EmbeddedFile {
  std::string_view path;  // "static/site.css", "templates/layout.mustache"
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& embedded_files();

// A static file ready to serve: its bytes, type and a content hash used as ETag and fingerprint.
struct StaticFile {
  std::shared_ptr<const std::string> bytes;  // copied once at start, then sent without a copy
  std::string content_type;
  std::string etag;            // quoted
  bool fingerprinted = false;  // served under its hashed name: cache for a year
};

class StaticFiles {
 public:
  StaticFiles();
  // Looks up "/static/site.3fa2c1d0.css" (fingerprinted) or "/static/site.css" (plain).
  const StaticFile* find(std::string_view url_path) const;
  // "/static/site.css" -> "/static/site.3fa2c1d0.css", for links in pages.
  std::string url(std::string_view name) const;

 private:
  std::unordered_map<std::string, StaticFile> by_url_;
  std::unordered_map<std::string, std::string> fingerprinted_;
};

std::string_view template_source(std::string_view name);  // "layout" -> templates/layout.mustache

}  // namespace certhub
