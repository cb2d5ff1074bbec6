#include "web/json_api.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include <boost/json.hpp>

namespace certhub {
namespace json = boost::json;

Response json_response(int status, const json::value& body) {
  Response r{status, "application/json", {}, json::serialize(body)};
  r.header("Cache-Control", "no-store");
  return r;
}

std::variant<json::object, Response> json_body(App& app, const Request& req) {
  // The media type before any parameters ("application/json; charset=utf-8"), in any case:
  // exactly application/json, not "application/jsonXYZ".
  auto type = req.header("content-type");
  type = trim_ows(type.substr(0, type.find(';')));
  if (!boost::algorithm::iequals(type, "application/json"))
    return app.error(415, "send Content-Type: application/json", true);
  boost::system::error_code ec;
  auto value = json::parse(req.body, ec);
  if (ec || !value.is_object()) return app.error(400, "the body must be a JSON object", true);
  return std::move(value.as_object());
}

std::string string_field(const json::object& obj, std::string_view key) {
  auto it = obj.find(key);
  return it != obj.end() && it->value().is_string() ? std::string(it->value().as_string())
                                                    : std::string();
}

std::optional<Response> check_csrf_header(App& app, const Request& req,
                                          const Sessions::Visitor& visitor) {
  if (app.sessions().csrf_ok(visitor, req.header("x-csrf-token"))) return std::nullopt;
  return app.error(403, "missing or wrong X-CSRF-Token (GET /api/v1/session first)", true);
}

}  // namespace certhub
