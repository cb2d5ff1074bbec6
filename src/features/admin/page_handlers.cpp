// The admin pages: demand per route, requests (with CSV), content and reload, the outbox.
#include <algorithm>
#include <charconv>
#include <map>

#include "core/csv.hpp"
#include "core/date.hpp"
#include "features/admin/admin.hpp"
#include "features/admin/routes.hpp"
#include "web/attempt_rows.hpp"
#include "web/form.hpp"

namespace certhub {
namespace {

constexpr int kRequestsPerPage = 50;
constexpr int kWeeksShown = 12;
constexpr int kOutboxShown = 100;

// A week (store/update_requests.hpp) by its Monday.
std::string week_start_text(std::int64_t week) {
  return to_string(civil_from_days(static_cast<long>(week * 7 - 3)));
}

std::optional<int> positive_int(const std::string& text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

// The request list's filter from the query string; nullopt (with why) for a bad value.
struct ParsedFilter {
  UpdateRequestFilter filter;
  std::string from_text, to_text, email_text;
  std::string error;
};

ParsedFilter parse_filter(const Form& query, const Catalog& catalog) {
  ParsedFilter p;
  p.filter.certification = field(query, "route");
  if (!p.filter.certification.empty() && !catalog.certification(p.filter.certification))
    p.error = "There is no route '" + p.filter.certification + "'.";
  p.from_text = field(query, "from");
  p.to_text = field(query, "to");
  if (!p.from_text.empty()) {
    if (auto d = parse_date(p.from_text))
      p.filter.from = std::int64_t{days_from_civil(*d)} * 86400;
    else
      p.error = "Enter the first day as YYYY-MM-DD.";
  }
  if (!p.to_text.empty()) {
    if (auto d = parse_date(p.to_text))
      p.filter.to = (std::int64_t{days_from_civil(*d)} + 1) * 86400;  // the whole last day
    else
      p.error = "Enter the last day as YYYY-MM-DD.";
  }
  p.email_text = field(query, "email");
  if (p.email_text == "with")
    p.filter.email = UpdateRequestFilter::Email::with;
  else if (p.email_text == "without")
    p.filter.email = UpdateRequestFilter::Email::without;
  else if (!p.email_text.empty() && p.email_text != "any")
    p.error = "Choose with, without or any email.";
  return p;
}

std::string request_state(const UpdateRequestRow& r) {
  if (r.email.empty()) return "no email";
  if (r.unsubscribed_at) return "unsubscribed";
  if (r.confirmed_at) return "confirmed";
  return "not confirmed";
}

class AdminPages {
 public:
  explicit AdminPages(App& app) : app_(app) {}

  Response dashboard(const Request& req, const Params&) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto& requests = app_.store().update_requests();
    auto catalog = app_.catalog();
    View v;
    v.set("csrf_token", visitor->csrf_token);
    if (auto query = parse_form(req.query)) {
      auto reloaded = field(*query, "reloaded");
      v.set("reloaded_ok", view_bool(reloaded == "1"));
      v.set("reloaded_refused", view_bool(reloaded == "0"));
    }
    ViewList totals;
    for (const auto& t : requests.demand_totals()) {
      const auto* cert = catalog->certification(t.certification);
      View row;
      row.set("route", t.certification);
      row.set("code", cert ? cert->code : t.certification);
      row.set("requests", std::to_string(t.requests));
      row.set("with_email", std::to_string(t.with_email));
      row.set("reachable", std::to_string(t.reachable));
      totals.push_back(row);
    }
    v.set("totals", totals);
    v.set("has_totals", view_bool(!totals.empty()));
    // From the Monday kWeeksShown - 1 weeks before this week's.
    auto this_week = (app_.now() / 86400 + 3) / 7;
    v.set("weeks",
          weeks_view(requests.demand_by_week(((this_week - (kWeeksShown - 1)) * 7 - 3) * 86400)));
    auto status = app_.content_status();
    v.set("content_version", catalog->version);
    v.set("loaded_at", utc_minute_text(status.loaded_at));
    v.set("has_reload", view_bool(status.last_reload_at > 0));
    v.set("last_reload_at",
          status.last_reload_at > 0 ? utc_minute_text(status.last_reload_at) : std::string());
    v.set("last_reload_ok", view_bool(status.last_reload_ok));
    ViewList diagnostics;
    for (const auto& d : status.diagnostics) diagnostics.push_back(View(d));
    v.set("diagnostics", diagnostics);
    v.set("has_diagnostics", view_bool(!diagnostics.empty()));
    auto counts = app_.store().notifications().outbox_counts();
    v.set("queued", std::to_string(counts.queued));
    v.set("sent", std::to_string(counts.sent));
    v.set("failed", std::to_string(counts.failed));
    return admin_page(app_, "Admin", "admin", v);
  }

  Response request_list(const Request& req, const Params&) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto query = parse_form(req.query).value_or(Form{});
    auto catalog = app_.catalog();
    auto parsed = parse_filter(query, *catalog);
    int page = 1;
    if (auto text = field(query, "page"); !text.empty()) {
      auto number = positive_int(text);
      if (!number) parsed.error = "There is no such page.";
      page = number.value_or(1);
    }
    View v;
    ViewList routes;
    for (const auto& c : catalog->certifications) {
      View r;
      r.set("id", c.id);
      r.set("code", c.code);
      r.set("selected", view_bool(c.id == parsed.filter.certification));
      routes.push_back(r);
    }
    v.set("routes", routes);
    v.set("from", parsed.from_text);
    v.set("to", parsed.to_text);
    v.set("email_with", view_bool(parsed.email_text == "with"));
    v.set("email_without", view_bool(parsed.email_text == "without"));
    v.set("error", parsed.error.empty() ? view_bool(false) : View(parsed.error));
    if (!parsed.error.empty()) {
      v.set("rows", ViewList{});
      return admin_page(app_, "Requests", "admin_requests", v, 422);
    }
    auto& store = app_.store().update_requests();
    int total = store.count_requests(parsed.filter);
    int pages = std::max(1, (total + kRequestsPerPage - 1) / kRequestsPerPage);
    if (page > pages) return app_.error(404, "There is no such page of requests.");
    ViewList rows;
    for (const auto& r :
         store.list_requests(parsed.filter, kRequestsPerPage, (page - 1) * kRequestsPerPage)) {
      View row;
      row.set("id", std::to_string(r.id));
      row.set("route", r.certification);
      row.set("email", r.email);
      row.set("created", utc_minute_text(r.created_at));
      row.set("state", request_state(r));
      rows.push_back(row);
    }
    v.set("rows", rows);
    v.set("total_text", count_text(total, "request"));
    auto keep = filter_query(parsed);
    v.set("csv_href", "/admin/requests.csv" + (keep.empty() ? "" : "?" + keep));
    v.set("page_text", "Page " + std::to_string(page) + " of " + std::to_string(pages));
    auto page_href = [&](int n) {
      return "/admin/requests?" + (keep.empty() ? "" : keep + "&") + "page=" + std::to_string(n);
    };
    v.set("prev", page > 1 ? View(page_href(page - 1)) : view_bool(false));
    v.set("next", page < pages ? View(page_href(page + 1)) : view_bool(false));
    return admin_page(app_, "Requests", "admin_requests", v);
  }

  Response request_csv(const Request& req, const Params&) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto query = parse_form(req.query).value_or(Form{});
    auto parsed = parse_filter(query, *app_.catalog());
    if (!parsed.error.empty()) return app_.error(422, parsed.error);
    auto& store = app_.store().update_requests();
    std::string body = csv_row({"id", "route", "email", "created_utc", "state"});
    constexpr int kBatch = 1000;
    for (int offset = 0;; offset += kBatch) {
      auto rows = store.list_requests(parsed.filter, kBatch, offset);
      for (const auto& r : rows)
        body += csv_row({std::to_string(r.id), r.certification, r.email, rfc3339(r.created_at),
                         request_state(r)});
      if (static_cast<int>(rows.size()) < kBatch) break;
    }
    Response r{200, "text/csv; charset=utf-8", {}, std::move(body)};
    r.header("Content-Disposition", "attachment; filename=\"certhub-requests.csv\"");
    r.header("Cache-Control", "no-store");
    return r;
  }

  Response reload(const Request& req, const Params&) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto form = parse_form(req.body);
    if (!form || !app_.sessions().csrf_ok(*visitor, field(*form, "csrf_token")))
      return app_.error(403, "This form has expired. Go back, reload the page and try again.");
    bool ok = app_.reload();  // the same as SIGHUP
    return redirect(std::string("/admin?reloaded=") + (ok ? "1" : "0") + "#content");
  }

  Response outbox(const Request& req, const Params&) {
    auto visitor = admin_visitor(app_, req);
    if (!visitor) return admin_not_found(app_);
    auto& store = app_.store().notifications();
    auto counts = store.outbox_counts();
    View v;
    v.set("queued", std::to_string(counts.queued));
    v.set("sent", std::to_string(counts.sent));
    v.set("failed", std::to_string(counts.failed));
    ViewList rows;
    for (const auto& m : store.outbox(kOutboxShown)) {
      View row;
      row.set("id", std::to_string(m.id));
      row.set("kind", m.kind == MessageKind::live ? "practice is live" : "confirm address");
      row.set("route", m.certification);
      row.set("recipient", m.recipient);
      row.set("created", utc_minute_text(m.created_at));
      row.set("attempts", std::to_string(m.attempts));
      row.set("state", m.sent_at     ? "sent " + utc_minute_text(*m.sent_at)
                       : m.failed_at ? "failed " + utc_minute_text(*m.failed_at)
                                     : std::string("queued"));
      row.set("error", m.last_error);
      rows.push_back(row);
    }
    v.set("rows", rows);
    v.set("has_rows", view_bool(!rows.empty()));
    return admin_page(app_, "Outbox", "admin_outbox", v);
  }

 private:
  static View weeks_view(const std::vector<DemandWeek>& weeks) {
    std::map<std::int64_t, std::pair<int, int>> per_week;  // requests, with email
    for (const auto& w : weeks) {
      per_week[w.week].first += w.requests;
      per_week[w.week].second += w.with_email;
    }
    int most = 1;
    for (const auto& [week, n] : per_week) most = std::max(most, n.first);
    ViewList rows;
    for (const auto& [week, n] : per_week) {
      View row;
      row.set("week", week_start_text(week));
      row.set("requests", std::to_string(n.first));
      row.set("with_email", std::to_string(n.second));
      row.set("width", std::to_string(n.first * 100 / most));
      rows.push_back(row);
    }
    View v;
    v.set("rows", rows);
    v.set("any", view_bool(!rows.empty()));
    return v;
  }

  static std::string filter_query(const ParsedFilter& p) {
    std::string q;
    auto add = [&](const char* name, const std::string& value) {
      if (value.empty()) return;
      q += (q.empty() ? "" : "&") + std::string(name) + "=" + url_encode(value);
    };
    add("route", p.filter.certification);
    add("from", p.from_text);
    add("to", p.to_text);
    add("email", p.email_text == "any" ? "" : p.email_text);
    return q;
  }

  App& app_;
};

}  // namespace

void add_admin_page_routes(Router& r, App& app) {
  app.conceal("/admin");
  auto pages = std::make_shared<AdminPages>(app);
  auto bind = [pages](Response (AdminPages::*method)(const Request&, const Params&)) {
    return [pages, method](const Request& q, const Params& p) { return ((*pages).*method)(q, p); };
  };
  r.add("GET", "/admin", bind(&AdminPages::dashboard));
  r.add("GET", "/admin/requests", bind(&AdminPages::request_list));
  r.add("GET", "/admin/requests.csv", bind(&AdminPages::request_csv));
  r.add("POST", "/admin/reload", bind(&AdminPages::reload));
  r.add("GET", "/admin/outbox", bind(&AdminPages::outbox));
}

}  // namespace certhub
