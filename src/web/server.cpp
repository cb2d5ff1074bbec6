#include "web/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace certhub {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

// One connection's state the shutdown path may touch. Only the connection's strand reads or
// writes `busy`, so the flag needs no lock.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // a request is being handled: let it finish
};

struct Server::Impl {
  ServerConfig config;
  ServerCallbacks callbacks;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM, SIGHUP};
  std::atomic<bool> stopping{false};
  std::mutex connections_mutex;
  std::list<std::weak_ptr<Connection>> connections;
  // Ends the io_context if draining takes longer than the grace period.
  std::thread watchdog;
  std::mutex done_mutex;
  std::condition_variable done_cv;
  bool done = false;

  Impl(ServerConfig c, ServerCallbacks cb)
      : config(std::move(c)), callbacks(std::move(cb)), ioc(config.threads) {}

  template <class Body>
  static void set_head(http::response<Body>& res, const Response& r, bool keep_alive) {
    res.set(http::field::server, "certhub");
    if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) res.insert(name, value);
    res.keep_alive(keep_alive);
  }

  http::response<http::string_body> to_beast(Response r, unsigned version, bool keep_alive,
                                             bool head) {
    http::response<http::string_body> res{static_cast<http::status>(r.status), version};
    set_head(res, r, keep_alive);
    if (head) {
      res.content_length(r.body.size());  // HEAD: the GET's length, no body
    } else {
      res.body() = std::move(r.body);
      res.prepare_payload();
    }
    return res;
  }

  // Writes a response; false when the connection must close. A shared body (a cached page) is
  // sent from the cache's own bytes, which `r` keeps alive until the write is done.
  net::awaitable<bool> write(beast::tcp_stream& stream, Response r, unsigned version,
                             bool keep_alive, bool head) {
    stream.expires_after(ServerLimits::kWriteTimeout);
    if (!r.shared_body) {
      auto res = to_beast(std::move(r), version, keep_alive, head);
      auto [ec, n] = co_await http::async_write(stream, res, use_tuple);
      co_return !ec && res.keep_alive();
    }
    http::response<http::span_body<const char>> res{static_cast<http::status>(r.status), version};
    set_head(res, r, keep_alive);
    const auto& bytes = *r.shared_body;
    if (head) {
      res.content_length(bytes.size());
    } else {
      res.body() = {bytes.data(), bytes.size()};
      res.prepare_payload();
    }
    auto [ec, n] = co_await http::async_write(stream, res, use_tuple);
    co_return !ec && res.keep_alive();
  }

  // What RFC 9112 requires of a request's header beyond what Beast checks: HTTP/1.1 names
  // exactly one Host (section 3.2); a Transfer-Encoding ends in chunked, or the body's length
  // is unknown and the bytes after it would run as a second request (section 6.3). (A field
  // folded over lines, obs-fold, Beast joins with a space, as section 5.2 allows.)
  static bool acceptable_header(const http::request_header<>& header) {
    auto hosts = header.count(http::field::host);
    if (header.version() >= 11 && hosts != 1) return false;
    if (hosts > 1) return false;
    // The last coding of the last Transfer-Encoding line (several lines form one list).
    std::string_view last;
    bool has_codings = false;
    for (const auto& field :
         boost::make_iterator_range(header.equal_range(http::field::transfer_encoding))) {
      has_codings = true;
      std::string_view codings = field.value();
      last = trim_ows(codings.substr(codings.rfind(',') + 1));  // npos + 1 is 0: the whole list
    }
    if (has_codings && !beast::iequals(last, "chunked")) return false;
    return true;
  }

  static Request to_request(http::request<http::string_body>& req, const std::string& remote) {
    Request out;
    out.method = std::string(req.method_string());
    out.target = std::string(req.target());
    auto parsed = boost::urls::parse_origin_form(req.target());
    if (parsed) {
      out.path = parsed->path();  // percent-decoded
      out.query = parsed->encoded_query();
    } else {
      out.path.clear();  // the app answers 400 for an unparsable target
    }
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    out.body = std::move(req.body());
    out.remote = remote;
    return out;
  }

  // Suspends the connection's coroutine, not its thread, until the store says the write with
  // this ticket is on disk; meanwhile the thread serves other connections.
  net::awaitable<bool> durable(std::uint64_t ticket) {
    co_return co_await net::async_initiate<decltype(net::use_awaitable), void(bool)>(
        [this, ticket](auto handler) {
          auto work = net::make_work_guard(net::get_associated_executor(handler, ioc));
          auto shared = std::make_shared<decltype(handler)>(std::move(handler));
          callbacks.durable(ticket, [shared, work](bool ok) mutable {
            auto ex = work.get_executor();
            net::post(ex, [shared, ok] { std::move (*shared)(ok); });
            work.reset();
          });
        },
        net::use_awaitable);
  }

  net::awaitable<void> write_error(beast::tcp_stream& stream, const RefusedRequest& refused,
                                   unsigned version) {
    auto res = to_beast(callbacks.refused(refused), version, false, false);
    stream.expires_after(ServerLimits::kWriteTimeout);
    co_await http::async_write(stream, res, use_tuple);
  }

  net::awaitable<void> session(std::shared_ptr<Connection> conn) {
    auto& stream = conn->stream;
    beast::error_code ec;
    auto endpoint = stream.socket().remote_endpoint(ec);
    std::string remote = ec ? "-" : endpoint.address().to_string();
    beast::flat_buffer buffer;
    while (!stopping) {
      // A fresh parser per request: limits and state must not carry over.
      http::request_parser<http::string_body> parser;
      parser.header_limit(ServerLimits::kHeaderBytes);
      parser.body_limit(ServerLimits::kBodyBytes);
      stream.expires_after(ServerLimits::kIdleTimeout);
      auto [read_ec, n] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
      RefusedRequest refused{400, remote, {}, {}};
      if (parser.got_some() && read_ec != http::error::header_limit) {
        refused.method = std::string(parser.get().method_string());
        refused.target = std::string(parser.get().target());
      }
      if (read_ec == http::error::header_limit) {
        refused.status = 431;
        co_await write_error(stream, refused, 11);
        break;
      }
      // Beast compares a declared Content-Length with the body limit while parsing headers.
      if (read_ec == http::error::body_limit) {
        refused.status = 413;
        co_await write_error(stream, refused, 11);
        break;
      }
      if (read_ec == http::error::end_of_stream || read_ec == beast::error::timeout ||
          read_ec == net::error::operation_aborted || read_ec == net::error::connection_reset)
        break;
      if (read_ec || !acceptable_header(parser.get())) {
        co_await write_error(stream, refused, 11);
        break;
      }
      conn->busy = true;
      unsigned version = parser.get().version();
      // Refuse a declared oversized body before reading it, and before routing.
      if (auto length = parser.content_length(); length && *length > ServerLimits::kBodyBytes) {
        refused.status = 413;
        co_await write_error(stream, refused, version);
        break;
      }
      if (!parser.is_done()) {
        // The body has kReadTimeout. Not the stream's own expiry: that closes the socket, and
        // the client would never see the 408.
        stream.expires_never();
        auto timed_out = std::make_shared<bool>(false);
        net::steady_timer timer(stream.get_executor(), ServerLimits::kReadTimeout);
        timer.async_wait([timed_out, conn](const beast::error_code& wait_ec) {
          if (wait_ec) return;  // cancelled: the body arrived in time
          *timed_out = true;
          beast::error_code ignored;
          conn->stream.socket().cancel(ignored);
        });
        auto [body_ec, m] = co_await http::async_read(stream, buffer, parser, use_tuple);
        timer.cancel();
        if (*timed_out) refused.status = 408;
        if (body_ec == http::error::body_limit) refused.status = 413;
        if (body_ec) {
          stream.expires_after(ServerLimits::kWriteTimeout);
          co_await write_error(stream, refused, version);
          break;
        }
      }
      auto req = parser.release();
      bool keep_alive = req.keep_alive() && !stopping;
      bool head = req.method() == http::verb::head;
      auto request = to_request(req, remote);
      Response response = callbacks.handle(request);
      if (response.write_ticket && callbacks.durable && !co_await durable(response.write_ticket))
        response = callbacks.error(503);
      bool more =
          co_await write(stream, std::move(response), version, keep_alive && !stopping, head);
      conn->busy = false;
      if (!more) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.close();
  }

  net::awaitable<void> accept_loop() {
    while (!stopping) {
      auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), use_tuple);
      if (ec) {
        if (stopping || ec == net::error::operation_aborted) break;
        continue;  // e.g. too many open files: keep serving the connections we have
      }
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(connections_mutex);
        connections.remove_if([](const auto& weak) { return weak.expired(); });
        connections.push_back(conn);
      }
      auto executor = conn->stream.get_executor();
      net::co_spawn(executor, session(std::move(conn)), net::detached);
    }
  }

  void wait_signal() {
    signals.async_wait([this](const beast::error_code& ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        if (callbacks.reload) callbacks.reload();
        wait_signal();
        return;
      }
      shutdown();
    });
  }

  // Stop accepting, close idle keep-alive connections, let busy ones finish their request.
  void shutdown() {
    stopping = true;
    beast::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::lock_guard lock(connections_mutex);
    for (auto& weak : connections)
      if (auto conn = weak.lock())
        net::post(conn->stream.get_executor(), [conn] {
          if (!conn->busy) conn->stream.cancel();
        });
    // Whatever is still running at the end of the grace period is cut off.
    watchdog = std::thread([this] {
      std::unique_lock done_lock(done_mutex);
      if (!done_cv.wait_for(done_lock, ServerLimits::kShutdownGrace, [this] { return done; }))
        ioc.stop();
    });
  }
};

Server::Server(ServerConfig config, ServerCallbacks callbacks)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(callbacks))) {}

Server::~Server() = default;

std::string Server::listen() {
  auto& a = impl_->acceptor;
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->config.bind, ec);
  if (ec) throw std::runtime_error("invalid bind address '" + impl_->config.bind + "'");
  tcp::endpoint endpoint{address, impl_->config.port};
  a.open(endpoint.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(endpoint, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + impl_->config.bind + ":" +
                             std::to_string(impl_->config.port) + ": " + ec.message());
  a.listen(net::socket_base::max_listen_connections);
  auto bound = a.local_endpoint();
  std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                             : bound.address().to_string();
  return "http://" + host + ":" + std::to_string(bound.port());
}

std::variant<Request, RefusedRequest> Server::parse(std::string_view bytes,
                                                    const std::string& remote) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(ServerLimits::kHeaderBytes);
  parser.body_limit(ServerLimits::kBodyBytes);
  RefusedRequest refused{400, remote, {}, {}};
  beast::error_code ec;
  while (!parser.is_done()) {  // the header, then the body (a chunk at a time)
    auto used = parser.put(net::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    if (ec == http::error::need_more) ec = {};
    if (ec || used == 0) break;
  }
  if (!ec && !parser.is_done()) {  // the bytes ended first
    if (parser.got_some())
      parser.put_eof(ec);  // partial_message
    else
      ec = http::error::end_of_stream;  // nothing at all (put_eof asserts there was something)
  }
  if (parser.got_some() && ec != http::error::header_limit) {
    refused.method = std::string(parser.get().method_string());
    refused.target = std::string(parser.get().target());
  }
  if (ec == http::error::header_limit) refused.status = 431;
  if (ec == http::error::body_limit) refused.status = 413;
  if (ec || !parser.is_header_done() || !Impl::acceptable_header(parser.get())) return refused;
  if (auto length = parser.content_length(); length && *length > ServerLimits::kBodyBytes) {
    refused.status = 413;
    return refused;
  }
  if (!parser.is_done()) return refused;
  auto req = parser.release();
  return Impl::to_request(req, remote);
}

void Server::run() {
  impl_->wait_signal();
  net::co_spawn(impl_->ioc, impl_->accept_loop(), net::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->config.threads; ++i)
    threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  {
    std::lock_guard lock(impl_->done_mutex);
    impl_->done = true;
  }
  impl_->done_cv.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
}

}  // namespace certhub
