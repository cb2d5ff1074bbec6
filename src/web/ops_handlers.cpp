// Operations: health, metrics and static files.
#include "web/ops_handlers.hpp"

namespace certhub {

Response healthz(App& app) {
  bool ok = app.store().ping();
  Response r{ok ? 200 : 503, "application/json", {}, {}};
  r.body = std::string("{\"status\":\"") + (ok ? "ok" : "unavailable") + "\",\"database\":\"" +
           (ok ? "reachable" : "unreachable") + "\",\"content_version\":\"" +
           app.catalog()->version + "\"}";
  r.header("Cache-Control", "no-store");
  return r;
}

Response metrics(App& app) {
  auto gauges = app.gauges();
  try {
    gauges.active_attempts = app.store().active_attempts(app.now());
  } catch (const StoreError&) {
    gauges.active_attempts = -1;  // the database is down: leave the gauge out, keep the rest
  }
  Response r{200, "text/plain; version=0.0.4; charset=utf-8", {}, app.metrics().render(gauges)};
  r.header("Cache-Control", "no-store");
  return r;
}

Response static_file(App& app, const Request& req) {
  const auto* file = app.statics().find(req.path);
  if (!file) return app.error(404);
  Response r{200, file->content_type, {}, {}};
  r.header("ETag", file->etag);
  r.header("Cache-Control",
           file->fingerprinted ? "public, max-age=31536000, immutable" : "no-cache");
  auto inm = req.header("if-none-match");
  if (!inm.empty() &&
      (inm == file->etag || inm == "*" || inm.find(file->etag) != std::string_view::npos)) {
    r.status = 304;
    return r;
  }
  r.shared_body = file->bytes;
  return r;
}

}  // namespace certhub
