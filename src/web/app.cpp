#include "web/app.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

#include "content/loader.hpp"

namespace certhub {
namespace {

void add_security_headers(Response& r) {
  r.header("Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  r.header("X-Content-Type-Options", "nosniff");
  r.header("Referrer-Policy", "strict-origin-when-cross-origin");
  r.header("X-Frame-Options", "DENY");
}

bool wants_json(const Request& r) {
  return r.path.starts_with("/api/");
}

}  // namespace

Clock system_clock() {
  return [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

App::App(std::filesystem::path content_dir, CatalogPtr catalog, Store& store, Clock clock)
    : content_dir_(std::move(content_dir)),
      catalog_(std::move(catalog)),
      store_(store),
      sessions_(store.settings(), store.accounts(), [this] { return now(); }),
      clock_(std::move(clock)) {
  content_status_.loaded_at = now();
}

App::ContentStatus App::content_status() const {
  std::lock_guard lock(content_status_mutex_);
  return content_status_;
}

void App::behind_tls_proxy(bool behind) {
  if (!behind) {
    sessions_.set_tls_check(nullptr);
    return;
  }
  // Only the proxy's word counts: a client cannot claim TLS by sending the header itself.
  sessions_.set_tls_check([this](const Request& r) {
    return limits_.from_trusted_proxy(r) && r.header("x-forwarded-proto") == "https";
  });
}

Metrics::Gauges App::gauges() const {
  Metrics::Gauges g{catalog()->version,  -1,           reloads_failed_.load(),
                    store_.sync_stats(), std::nullopt, {}};
  g.caches.emplace_back("pages", page_cache_.stats());
  g.caches.emplace_back("rate_limits", limits_.stats());
  for (const auto& [name, stats] : caches_) g.caches.emplace_back(name, stats());
  return g;
}

Response App::page(const PageMeta& meta, const std::string& template_name, const View& data,
                   int status) const {
  Response r;
  r.status = status;
  r.body = render_page(meta, render_template(template_name, data), statics_.url("/static/site.css"),
                       statics_.url("/static/site.js"));
  return r;
}

Response App::error(int status, const std::string& detail, bool json) {
  Response r;
  if (json) {
    // Boost.JSON escapes the detail, as every other API answer is built.
    r = Response{status,
                 "application/json",
                 {},
                 boost::json::serialize(
                     boost::json::object{{"error", reason_phrase(status)}, {"detail", detail}})};
  } else {
    View data;
    data.set("status", std::to_string(status));
    data.set("reason", reason_phrase(status));
    data.set("detail", detail);
    data.set("not_found", view_bool(status == 404));
    try {
      r = page({std::string(reason_phrase(status)), "certhub could not serve this page.", ""},
               "error", data, status);
    } catch (const std::exception&) {
      r = Response{
          status, "text/plain; charset=utf-8", {}, std::string(reason_phrase(status)) + "\n"};
    }
  }
  r.header("Cache-Control", "no-store");
  add_security_headers(r);
  return r;
}

Response App::dispatch(Request& request, std::string& route_name) {
  if (request.path.empty() || request.path.front() != '/') {
    route_name = "(bad request)";
    return error(400, "The request target is not a valid path.");
  }
  auto match = router_.match(request.method, request.path);
  if (!match.route) {
    bool concealed = std::any_of(concealed_.begin(), concealed_.end(),
                                 [&](const std::string& p) { return request.path.starts_with(p); });
    if (match.allowed.empty() || concealed) {
      route_name = "(not found)";
      return error(404, "", wants_json(request));
    }
    route_name = "(method not allowed)";
    std::string allow;
    for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
    auto r = error(405, "This address accepts " + allow + ".", wants_json(request));
    r.header("Allow", allow);
    return r;
  }
  route_name = match.route->pattern;
  try {
    return match.route->handler(request, match.params);
  } catch (const StoreError& e) {
    spdlog::error("store: {}", e.what());
    return error(503, "The database is not reachable right now. Please try again in a moment.",
                 wants_json(request));
  } catch (const std::exception& e) {
    // One catch site: the log gets the reason, the visitor a plain page, never a trace.
    spdlog::error("{} {}: {}", request.method, request.target, e.what());
    return error(500, "Something went wrong on our side.", wants_json(request));
  }
}

namespace {

// The request line as the access log shows it: quotes, backslashes, control characters and
// bytes >= 0x80 as \xHH, so a log line is one line of ASCII whatever a client sends, and a
// quote cannot end the quoted field early.
std::string log_escaped(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f || c == '"' || c == '\\') {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::optional<Response> App::over_limit(const RateLimit& limit, const Request& request) {
  auto wait = limits_.take(limit, limits_.client(request), static_cast<double>(now()));
  if (!wait) return std::nullopt;
  auto r =
      error(429,
            "Too many " + std::string(limit.name) + " from your address. Please try again in " +
                std::to_string(*wait) + (*wait == 1 ? " second." : " seconds."),
            wants_json(request));
  r.header("Retry-After", std::to_string(*wait));
  return r;
}

Response App::refuse(const RefusedRequest& refused) {
  auto r = error(refused.status);
  metrics_.observe("(refused by the HTTP parser)", refused.status, 0);
  spdlog::info("{} \"{} {}\" {} {} refused", refused.remote,
               refused.method.empty() ? "-" : log_escaped(refused.method),
               log_escaped(refused.target), refused.status, r.bytes().size());
  return r;
}

Response App::handle(Request& request) {
  auto started = std::chrono::steady_clock::now();
  std::string route_name;
  store_.take_write_ticket();  // a ticket left by work outside any request is not ours
  Response r = dispatch(request, route_name);
  r.write_ticket = store_.take_write_ticket();
  bool has_csp = false;
  for (const auto& h : r.headers) has_csp |= h.first == "Content-Security-Policy";
  if (!has_csp) add_security_headers(r);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(route_name, r.status, seconds);
  spdlog::info("{} \"{} {}\" {} {} {:.3f}ms", request.remote, log_escaped(request.method),
               log_escaped(request.target), r.status, r.bytes().size(), seconds * 1000);
  return r;
}

bool App::reload() {
  auto result = load_content(content_dir_);
  std::vector<std::string> diagnostics;
  for (const auto& d : result.diagnostics) {
    diagnostics.push_back(format(d));
    (d.severity == Severity::error ? spdlog::error("{}", diagnostics.back())
                                   : spdlog::warn("{}", diagnostics.back()));
  }
  {
    std::lock_guard lock(content_status_mutex_);
    content_status_.last_reload_at = now();
    content_status_.last_reload_ok = result.catalog != nullptr;
    content_status_.diagnostics = diagnostics;
    if (result.catalog) content_status_.loaded_at = content_status_.last_reload_at;
  }
  if (!result.catalog) {
    ++reloads_failed_;
    spdlog::error("content reload refused: {} has errors; still serving version {}",
                  content_dir_.string(), catalog()->version);
    return false;
  }
  catalog_.store(result.catalog);
  for (const auto& hook : reload_hooks_) hook(result.catalog);
  spdlog::info("content reloaded: version {}", result.catalog->version);
  return true;
}

}  // namespace certhub
