#pragma once
// The application: what every feature shares and nothing that belongs to one. The content
// snapshot, the store, the clock, sessions, the route table, page rendering, metrics and the
// page cache. The server hands it Requests; it returns Responses with security headers, and logs
// and counts every one. Features (src/features/*) add their routes and keep their own state;
// src/features/wiring.cpp creates them.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "store/store.hpp"
#include "web/assets.hpp"
#include "web/http.hpp"
#include "web/metrics.hpp"
#include "web/page_cache.hpp"
#include "web/rate_limit.hpp"
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
  // A request the server refused before routing (400, 408, 413, 431): logged and counted like
  // any other, then answered with the error page.
  Response refuse(const RefusedRequest& refused);
  // A complete error page (or JSON error under /api/) with the security headers.
  Response error(int status, const std::string& detail = {}, bool json = false);
  // Loads content again; on errors keeps the current snapshot, logs why and returns false.
  // After a new snapshot is in place, every reload hook runs with it.
  bool reload();
  // For features that keep state per content snapshot (caches of rendered questions, loaded
  // attempts): called after each successful reload. Add hooks before serving.
  using ReloadHook = std::function<void(const CatalogPtr&)>;
  void on_reload(ReloadHook hook) { reload_hooks_.push_back(std::move(hook)); }
  // For features that keep a learner's data in memory (the attempt cache): called after a
  // learner key's data moved to another key (log-in, sign-up) or was deleted, so nothing is
  // served under the old key from memory. Add hooks before serving.
  using LearnerHook = std::function<void(const std::string& learner)>;
  void on_learner_gone(LearnerHook hook) { learner_hooks_.push_back(std::move(hook)); }
  void learner_gone(const std::string& learner) {
    for (const auto& hook : learner_hooks_) hook(learner);
  }

  CatalogPtr catalog() const { return catalog_.load(); }
  // What the admin area shows of content: when the running snapshot was loaded, and how the
  // latest reload went (its diagnostics, whether or not it was refused).
  struct ContentStatus {
    std::int64_t loaded_at = 0;
    std::int64_t last_reload_at = 0;  // 0: none since start
    bool last_reload_ok = true;
    std::vector<std::string> diagnostics;
  };
  ContentStatus content_status() const;
  Store& store() { return store_; }
  const Sessions& sessions() const { return sessions_; }
  // Behind a TLS-terminating proxy (--behind-tls-proxy): cookies get Secure on requests a
  // trusted proxy (--trusted-proxy) says came over https.
  void behind_tls_proxy(bool behind);
  std::int64_t now() const { return clock_(); }
  const StaticFiles& statics() const { return statics_; }
  // Routes are added before serving (src/features/wiring.cpp); requests only read them.
  Router& router() { return router_; }
  // Paths under `prefix` that match no route answer 404, never 405 with the methods they take:
  // for the admin area, whose addresses are not to be revealed to anyone but admins.
  void conceal(std::string prefix) { concealed_.push_back(std::move(prefix)); }
  const Router& router() const { return router_; }
  Metrics::Gauges gauges() const;
  // A cache whose figures /metrics shows (certhub_cache_*{cache="NAME"}), besides the page
  // cache and the rate-limit buckets, which the app owns. Add before serving.
  void add_cache(std::string name, std::function<CacheStats()> stats) {
    caches_.emplace_back(std::move(name), std::move(stats));
  }
  const Metrics& metrics() const { return metrics_; }
  Metrics& metrics() { return metrics_; }
  PageCache& page_cache() { return page_cache_; }
  RateLimiter& limits() { return limits_; }
  // nullopt when the request's client may do one more of `limit`; else the 429 to send (a page,
  // or JSON under /api/), with Retry-After.
  std::optional<Response> over_limit(const RateLimit& limit, const Request& request);

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
  RateLimiter limits_;
  std::vector<ReloadHook> reload_hooks_;
  std::vector<LearnerHook> learner_hooks_;
  std::vector<std::string> concealed_;
  mutable std::mutex content_status_mutex_;
  ContentStatus content_status_;
  std::vector<std::pair<std::string, std::function<CacheStats()>>> caches_;
  std::atomic<std::int64_t> reloads_failed_{0};
};

}  // namespace certhub
