// The accounts API: the same sign-up, log-in and data rights as the pages, for apps and tests.
#include <boost/json.hpp>

#include "features/accounts/export_json.hpp"
#include "features/accounts/passwords.hpp"
#include "features/accounts/routes.hpp"
#include "web/json_api.hpp"

namespace certhub {
namespace json = boost::json;
namespace {

json::value account_json(const Sessions::Visitor& v) {
  if (!v.account) return nullptr;
  return json::object{{"email", v.account->email}, {"admin", v.account->admin}};
}

class Api {
 public:
  Api(App& app, Accounts& accounts) : app_(app), accounts_(accounts) {}

  // POST /api/v1/accounts {email, password}: 201 and logged in.
  Response sign_up(const Request& req, const Params&) {
    return with_credentials(req, kSignUps, 201, [&](const auto& visitor, const json::object& body) {
      return accounts_.sign_up(req, visitor, string_field(body, "email"),
                               string_field(body, "password"));
    });
  }

  // POST /api/v1/login {email, password}
  Response log_in(const Request& req, const Params&) {
    return with_credentials(req, kLogIns, 200, [&](const auto& visitor, const json::object& body) {
      return accounts_.log_in(req, visitor, string_field(body, "email"),
                              string_field(body, "password"));
    });
  }

  // POST /api/v1/logout: a new anonymous session either way.
  Response log_out(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    return session_json(200, accounts_.log_out(req, visitor));
  }

  // GET /api/v1/me: the account this session is logged in to.
  Response me(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    if (!visitor.account) return app_.error(401, "not logged in", true);
    return json_response(200, json::object{{"account", account_json(visitor)}});
  }

  // GET /api/v1/me/export: everything the account owns, as a download.
  Response export_data(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    auto account =
        visitor.account ? app_.store().accounts().account_by_id(visitor.account->id) : std::nullopt;
    if (!account) return app_.error(401, "log in to download your data", true);
    auto r = json_response(200, export_json(app_.store(), *account));
    r.header("Content-Disposition", "attachment; filename=\"certhub-my-data.json\"");
    return r;
  }

  // DELETE /api/v1/me {password}: the account and all its data, for good.
  Response delete_me(const Request& req, const Params&) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    auto body = json_body(app_, req);
    if (auto* err = std::get_if<Response>(&body)) return *err;
    auto outcome = accounts_.delete_account(req, visitor,
                                            string_field(std::get<json::object>(body), "password"));
    if (auto* err = std::get_if<AccountError>(&outcome)) return error(*err);
    return session_json(200, std::get<Sessions::Visitor>(outcome));
  }

 private:
  template <class Action>
  Response with_credentials(const Request& req, const RateLimit& limit, int status, Action action) {
    auto visitor = app_.sessions().visitor(req);
    if (auto denied = check_csrf_header(app_, req, visitor)) return *denied;
    if (auto limited = app_.over_limit(limit, req)) return *limited;
    auto body = json_body(app_, req);
    if (auto* err = std::get_if<Response>(&body)) return *err;
    auto outcome = action(visitor, std::get<json::object>(body));
    if (auto* err = std::get_if<AccountError>(&outcome)) return error(*err);
    return session_json(status, std::get<Sessions::Visitor>(outcome));
  }

  // The visitor's session after a change: the new CSRF token, and the cookie.
  static Response session_json(int status, const Sessions::Visitor& visitor) {
    auto r = json_response(status, json::object{{"account", account_json(visitor)},
                                                {"csrf_token", visitor.csrf_token}});
    Sessions::remember(r, visitor);
    return r;
  }

  Response error(const AccountError& err) {
    auto r = json_response(err.status, json::object{{"error", reason_phrase(err.status)},
                                                    {"detail", err.message},
                                                    {"field", err.field}});
    if (err.retry_after > 0) r.header("Retry-After", std::to_string(err.retry_after));
    return r;
  }

  App& app_;
  Accounts& accounts_;
};

}  // namespace

void add_account_api_routes(Router& r, App& app, Accounts& accounts) {
  auto api = std::make_shared<Api>(app, accounts);
  auto bind = [api](Response (Api::*method)(const Request&, const Params&)) {
    return [api, method](const Request& q, const Params& p) { return ((*api).*method)(q, p); };
  };
  r.add("POST", "/api/v1/accounts", bind(&Api::sign_up));
  r.add("POST", "/api/v1/login", bind(&Api::log_in));
  r.add("POST", "/api/v1/logout", bind(&Api::log_out));
  r.add("GET", "/api/v1/me", bind(&Api::me));
  r.add("DELETE", "/api/v1/me", bind(&Api::delete_me));
  r.add("GET", "/api/v1/me/export", bind(&Api::export_data));
}

}  // namespace certhub
