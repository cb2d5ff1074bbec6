// Operations: health, metrics, static files and the API session.
#include <algorithm>
#include <boost/json.hpp>

#include "features/ops/routes.hpp"
#include "web/json_api.hpp"

namespace certhub {
namespace {

Response healthz(App& app) {
  bool ok = app.store().ping();
  Response r{ok ? 200 : 503, "application/json", {}, {}};
  r.body = std::string("{\"status\":\"") + (ok ? "ok" : "unavailable") + "\",\"database\":\"" +
           (ok ? "reachable" : "unreachable") + "\",\"content_version\":\"" +
           app.catalog()->version + "\"}";
  r.header("Cache-Control", "no-store");
  return r;
}

Response metrics(App& app, const Request& req, const std::vector<std::string>& allow) {
  // Not public: the figures describe the server's load and the learners' activity.
  if (std::find(allow.begin(), allow.end(), req.remote) == allow.end()) return app.error(404);
  auto gauges = app.gauges();
  try {
    gauges.active_attempts = app.store().attempts().active_attempts(app.now());
    gauges.outbox = app.store().notifications().outbox_counts();
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

// The visitor's CSRF token for the API's X-CSRF-Token header (and their session cookie).
Response api_session(App& app, const Request& req) {
  auto visitor = app.sessions().visitor(req);
  auto r = json_response(200, boost::json::object{{"csrf_token", visitor.csrf_token}});
  Sessions::remember(r, visitor);
  return r;
}

}  // namespace

void add_ops_routes(Router& r, App& app, std::vector<std::string> metrics_allow) {
  r.add("GET", "/healthz", [&app](const Request&, const Params&) { return healthz(app); });
  r.add("GET", "/metrics",
        [&app, allow = std::move(metrics_allow)](const Request& req, const Params&) {
          return metrics(app, req, allow);
        });
  r.add("GET", "/static/{file}",
        [&app](const Request& req, const Params&) { return static_file(app, req); });
  r.add("GET", "/api/v1/session",
        [&app](const Request& req, const Params&) { return api_session(app, req); });
}

}  // namespace certhub
