#pragma once
// The HTTP/1.1 server: Boost.Beast on one io_context run by N threads, one coroutine per
// connection. It knows nothing of pages; it hands Requests to the app and writes Responses.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "web/http.hpp"

namespace certhub {

// Every limit in one place; tests probe just under and just over each.
struct ServerLimits {
  static constexpr std::size_t kHeaderBytes =
      std::size_t{16} * 1024;  // request line + headers -> 431 over
  static constexpr std::size_t kBodyBytes = std::size_t{64} * 1024;  // request body -> 413 over
  static constexpr std::chrono::seconds kIdleTimeout{30};  // waiting for a request's headers
  static constexpr std::chrono::seconds kReadTimeout{15};  // reading a request body
  static constexpr std::chrono::seconds kWriteTimeout{15};
  static constexpr std::chrono::milliseconds kShutdownGrace{4000};  // then in-flight work is cut
};

struct ServerConfig {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 1;
};

struct ServerCallbacks {
  std::function<Response(Request&)> handle;  // every parsed request
  // Every request refused before routing: the app logs and counts it, and answers.
  std::function<Response(const RefusedRequest&)> refused;
  std::function<Response(int status)> error;  // 503 when a write could not be made durable
  std::function<void()> reload;               // SIGHUP
  // Calls done(ok) once the write with this ticket is durable (see Response::write_ticket).
  std::function<void(std::uint64_t ticket, std::function<void(bool ok)> done)> durable;
};

class Server {
 public:
  Server(ServerConfig config, ServerCallbacks callbacks);
  ~Server();
  // Binds and listens; returns "http://ADDRESS:PORT". Throws std::runtime_error on failure.
  std::string listen();
  // Serves until SIGINT or SIGTERM, then stops accepting, lets requests in flight finish and
  // returns (within kShutdownGrace).
  void run();

  // What the server makes of one request's bytes, without a socket: Beast's parser with the
  // limits above, the checks the server adds to Beast's, then the conversion to the Request
  // handlers see; the same steps a connection takes, for tests and fuzzing. Bytes that end
  // before the request does are refused with 400 (a connection would wait for more); bytes
  // after the first request are ignored (a connection would read them as the next one).
  static std::variant<Request, RefusedRequest> parse(std::string_view bytes,
                                                     const std::string& remote);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace certhub
