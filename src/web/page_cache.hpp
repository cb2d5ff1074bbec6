#pragma once
// Pages whose bytes change only with the content (and the date) are rendered once and then
// served from memory: the hub's home, family, route map, certification, compare and course
// pages. A response that sets a cookie or says no-store (a form with a CSRF token, a count)
// is never kept.
#include <initializer_list>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "web/router.hpp"

namespace certhub {

class App;

class PageCache {
 public:
  static constexpr size_t kMaxEntries = 1024;  // bounds memory whatever query strings arrive

  std::shared_ptr<const Response> find(const std::string& key) const;
  // Keeps a copy whose body is shared by every later hit (Response::shared_body); returns it.
  std::shared_ptr<const Response> keep(const std::string& key, Response response);

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Response>> pages_;
};

// `page` with every marker in `values` replaced by its value. Markers must start with
// "certhub-hole-", which nothing else on a page contains.
std::string fill_holes(std::string_view page,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values);

// Wraps a GET handler so its visitor-independent 200 responses are cached per content version
// and day.
Handler cached(App& app, Handler handler);

}  // namespace certhub
