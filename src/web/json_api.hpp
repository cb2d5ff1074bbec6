#pragma once
// What every JSON API handler shares: the reply, the request body, and the CSRF header check.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "web/app.hpp"

namespace certhub {

// `body` serialized, never cached.
Response json_response(int status, const boost::json::value& body);

// The request's JSON object body, or the 400/415 response explaining why not.
std::variant<boost::json::object, Response> json_body(App& app, const Request& req);

// The string at `key`, or empty when it is missing or not a string.
std::string string_field(const boost::json::object& obj, std::string_view key);

// nullopt when the X-CSRF-Token header matches the visitor's token; else the 403 to send.
std::optional<Response> check_csrf_header(App& app, const Request& req,
                                          const Sessions::Visitor& visitor);

}  // namespace certhub
