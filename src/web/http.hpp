#pragma once
// The server's own request and response values. Handlers see only these, so they stay free of
// Beast and Asio (fast to compile, easy to test); server.cpp converts at the edge.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace certhub {

// A request refused before routing (400, 408, 413, 431): what was read of it, for the log.
struct RefusedRequest {
  int status = 400;
  std::string remote;
  std::string method;  // empty when the request line was not read
  std::string target;
};

struct Request {
  std::string method;                                        // upper case, e.g. GET
  std::string target;                                        // as sent: path and query
  std::string path;                                          // decoded path without query
  std::string query;                                         // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote;  // peer address, for the access log

  // First header with this lower-case name, or empty.
  std::string_view header(std::string_view name) const;
  // A cookie's value from the Cookie header, or empty.
  std::string cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Bytes shared with a cache, sent instead of `body` (then empty) without being copied.
  std::shared_ptr<const std::string> shared_body{};
  // The store's ticket for what this request wrote (0: nothing). The server sends the response
  // only once that write is durable (Store::when_durable).
  std::uint64_t write_ticket = 0;

  std::string_view bytes() const { return shared_body ? *shared_body : body; }

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

const char* reason_phrase(int status);

// 303 See Other to `location` (after a form post), never cached.
Response redirect(const std::string& location);

// `text` without the spaces and tabs around it (HTTP's optional whitespace, RFC 9110 5.6.3).
std::string_view trim_ows(std::string_view text);

}  // namespace certhub
