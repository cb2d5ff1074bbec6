#pragma once
// The application: the route table, the content snapshot, the store and the clock. The
// server hands it Requests; it returns Responses with security headers, and logs and counts
// every one. Handlers live in *_handlers.cpp by area and are listed in routes.cpp.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "core/catalog.hpp"
#include "store/store.hpp"
#include "web/assets.hpp"
#include "web/attempt_cache.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "web/page_cache.hpp"
#include "web/question_html.hpp"
#include "web/router.hpp"
#include "web/session.hpp"
#include "web/view.hpp"

namespace certhub {

// Unix seconds. Injected so tests can fix "today" (course dates, deadlines).
using Clock = std::function<std::int64_t()>;
Clock system_clock();

class App {
 public:
  App(std::filesystem::path content_dir, CatalogPtr catalog, Store& store, Clock clock);

  Response handle(Request& request);
  // A complete error page (or JSON error under /api/) with the security headers.
  Response error(int status, const std::string& detail = {}, bool json = false);
  // Loads content again; on errors keeps the current snapshot, logs why and returns false.
  bool reload();

  CatalogPtr catalog() const { return catalog_.load(); }
  Store& store() { return store_; }
  const Sessions& sessions() const { return sessions_; }
  std::int64_t now() const { return clock_(); }
  const StaticFiles& statics() const { return statics_; }
  const Router& router() const { return router_; }
  Metrics::Gauges gauges() const;
  const Metrics& metrics() const { return metrics_; }
  PageCache& page_cache() { return page_cache_; }
  AttemptCache& attempt_cache() { return attempt_cache_; }
  QuestionHtmlCache& question_html() { return question_html_; }

  // The layout around a rendered template: the common way every HTML handler answers.
  Response page(const PageMeta& meta, const std::string& template_name, const View& data,
                int status = 200) const;

 private:
  Response dispatch(Request& request, std::string& route_name);
  std::filesystem::path content_dir_;
  std::atomic<CatalogPtr> catalog_;
  Store& store_;
  Sessions sessions_;
  Clock clock_;
  StaticFiles statics_;
  Router router_;
  Metrics metrics_;
  PageCache page_cache_;
  AttemptCache attempt_cache_;
  QuestionHtmlCache question_html_;
  std::atomic<std::int64_t> reloads_failed_{0};
};

void add_routes(Router& router, App& app);

}  // namespace certhub
