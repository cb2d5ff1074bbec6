#pragma once
// Pages whose bytes change only with the content (and the date) are rendered once and then
// served from memory: the hub's home, family, route map, certification, compare and course
// pages. A response that sets a cookie or says no-store (a form with a CSRF token, a count)
// is never kept. Bounded by the bytes of the pages it holds, least recently used first out
// (issue 19): keys carry the query string, so clients can make as many as they like.
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "core/lru_bytes.hpp"
#include "web/router.hpp"

namespace certhub {

class App;

// The heap a kept page holds: the Response object with its shared_ptr block, its strings and
// headers, and its shared body.
std::size_t approximate_bytes(const Response& page);

class PageCache {
 public:
  static constexpr std::size_t kDefaultBudget = std::size_t{4} << 20;
  explicit PageCache(std::size_t budget_bytes = kDefaultBudget) : pages_(budget_bytes) {}
  void set_budget(std::size_t bytes);

  // The page, now most recently used; null when absent.
  std::shared_ptr<const Response> find(const std::string& key);
  // Keeps a copy whose body is shared by every later hit (Response::shared_body); returns it.
  // Entries of an older content version or day are never asked for again and go first.
  std::shared_ptr<const Response> keep(const std::string& key, Response response);
  CacheStats stats() const;

 private:
  mutable std::mutex mutex_;
  LruBytes<std::string, std::shared_ptr<const Response>> pages_;
};

// `page` with every marker in `values` replaced by its value. Markers must start with
// "certhub-hole-", which nothing else on a page contains.
std::string fill_holes(std::string_view page,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> values);

// Wraps a GET handler so its visitor-independent 200 responses are cached per content version
// and day.
Handler cached(App& app, Handler handler);

}  // namespace certhub
