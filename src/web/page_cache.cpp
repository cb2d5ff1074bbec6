#include "web/page_cache.hpp"

#include "web/app.hpp"

namespace certhub {
namespace {

bool cacheable(const Response& r) {
  if (r.status != 200) return false;
  for (const auto& [name, value] : r.headers)
    if (name == "Set-Cookie" ||
        (name == "Cache-Control" && value.find("no-store") != std::string::npos))
      return false;
  return true;
}

}  // namespace

std::size_t approximate_bytes(const Response& page) {
  std::size_t n = malloc_bytes(sizeof(Response) + 2 * sizeof(void*)) +
                  heap_bytes(page.content_type) + heap_bytes(page.body) + heap_bytes(page.headers);
  for (const auto& [name, value] : page.headers) n += heap_bytes(name) + heap_bytes(value);
  if (page.shared_body)
    n += malloc_bytes(sizeof(std::string) + 2 * sizeof(void*)) + heap_bytes(*page.shared_body);
  return n;
}

void PageCache::set_budget(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  pages_.set_budget(bytes);
}

std::shared_ptr<const Response> PageCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto* found = pages_.find(key);
  return found ? *found : nullptr;
}

std::shared_ptr<const Response> PageCache::keep(const std::string& key, Response response) {
  if (!response.shared_body)
    response.shared_body = std::make_shared<const std::string>(std::move(response.body));
  response.body.clear();
  response.body.shrink_to_fit();
  auto page = std::make_shared<const Response>(std::move(response));
  auto bytes = approximate_bytes(*page);
  std::lock_guard lock(mutex_);
  pages_.put(key, page, bytes);
  return page;
}

CacheStats PageCache::stats() const {
  std::lock_guard lock(mutex_);
  return pages_.stats();
}

std::string fill_holes(
    std::string_view page,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  constexpr std::string_view kPrefix = "certhub-hole-";
  std::string out;
  out.reserve(page.size() + 256);
  size_t from = 0;
  for (auto at = page.find(kPrefix); at != std::string_view::npos; at = page.find(kPrefix, from)) {
    out.append(page, from, at - from);
    from = at;
    for (const auto& [marker, value] : values)
      if (page.substr(at).starts_with(marker)) {
        out += value;
        from = at + marker.size();
        break;
      }
    if (from == at) {  // not one of ours: keep it as it is
      out += kPrefix;
      from = at + kPrefix.size();
    }
  }
  out.append(page, from);
  return out;
}

Handler cached(App& app, Handler handler) {
  return [&app, handler = std::move(handler)](const Request& req, const Params& params) {
    auto key = app.catalog()->version + "|" + std::to_string(app.now() / 86400) + "|" + req.target;
    if (auto hit = app.page_cache().find(key)) return *hit;
    Response r = handler(req, params);
    if (!cacheable(r)) return r;
    return *app.page_cache().keep(key, std::move(r));
  };
}

}  // namespace certhub
