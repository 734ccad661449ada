// The HTTP/1.1 front of ApiHandler: Boost.Beast with C++20 coroutines, one coroutine per
// connection on its own strand, over plain TCP or TLS (http_stream.cpp). Requests pass the
// Authenticator first; then plain ones go to ApiHandler::handle() on the HandlerPool's threads
// (handler_pool.cpp) and watches to serve_watch() (watch_session.cpp).
#include "tools/api/api_server.hpp"

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp needs it under GCC 12
// clang-format on

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>
#include <mutex>
#include <stdexcept>

#include "tools/api/api_response.hpp"
#include "tools/api/handler_pool.hpp"
#include "tools/api/http_session.hpp"

namespace ordinal::api {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kIdleTimeout = 60s;  // waiting for the next request on a kept-alive connection
// From a request's first byte to the end of its header (a TLS handshake included): a client
// trickling the header (slowloris) holds its connection this long at most.
constexpr auto kHeaderTimeout = 10s;
constexpr auto kBodyTimeout = 60s;
constexpr std::uint64_t kBodyLimit = 3 * 1024 * 1024;
constexpr std::uint32_t kHeaderLimit = 64 * 1024;

// What the acceptor and the sessions share; outlives both (held by shared_ptr).
struct ServerState {
  ServerState(net::io_context& context, ApiHandler& h, ServerSecurity s)
      : io(context),
        acceptor(net::make_strand(context)),
        handler(h),
        pool(h),
        security(std::move(s)) {}

  net::io_context& io;
  tcp::acceptor acceptor;
  ApiHandler& handler;
  HandlerPool pool;  // runs plain requests, so a write waiting for its sync blocks no I/O thread
  const ServerSecurity security;
  std::string url;
  std::atomic<bool> stopped{false};
  std::mutex mu;  // guards sessions
  std::map<Session*, std::weak_ptr<Session>> sessions;
};

}  // namespace

struct ApiServer::Impl : ServerState {
  using ServerState::ServerState;
};

namespace {

ApiRequest to_api_request(http::request<http::string_body>& request) {
  ApiRequest api;
  api.method = std::string(request.method_string());
  api.target = std::string(request.target());
  for (const auto& field : request) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = api.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  api.body = std::move(request.body());
  return api;
}

}  // namespace

net::awaitable<void> write_response(Session& session, ApiResponse response, unsigned version,
                                    bool keep_alive) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "ordinal");
  message.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) message.insert(name, value);
  message.keep_alive(keep_alive);
  message.body() = std::move(response.body);
  message.prepare_payload();
  session.stream->tcp().expires_after(kWriteTimeout);
  co_await session.stream->write(message);
}

net::awaitable<void> write_chunk(Session& session, const std::string& data) {
  session.stream->tcp().expires_after(kWriteTimeout);
  co_await session.stream->write_chunk(data);
}

namespace {

// The answer to a request over a size limit (the connection is closed after it).
ApiResponse too_large(const beast::error_code& ec) {
  identity::ApiError error;
  if (ec == http::error::header_limit) {
    error.code = 431;
    error.reason = "RequestHeaderFieldsTooLarge";
    error.message = "the request header is larger than the limit of 64 KiB";
  } else {
    error.code = 413;
    error.reason = "RequestEntityTooLarge";
    error.message = "the request body is larger than the limit of 3 MiB";
  }
  return error_response(error);
}

// Reads one request. False: the connection is to be closed (EOF, timeout, or a 413/431
// answered).
net::awaitable<bool> read_request(Session& session,
                                  http::request_parser<http::string_body>& parser) {
  if (session.buffer.size() == 0) {
    session.stream->tcp().expires_after(kIdleTimeout);
    std::size_t n = co_await session.stream->read_some(session.buffer.prepare(8192));
    session.buffer.commit(n);
  }
  session.busy = true;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kBodyLimit);
  session.stream->tcp().expires_after(kHeaderTimeout);
  beast::error_code ec = co_await session.stream->read_header(session.buffer, parser);
  if (!ec && !parser.is_done()) {
    if (parser.get()[http::field::expect] == "100-continue") {
      http::response<http::empty_body> go_on{http::status::continue_, parser.get().version()};
      co_await session.stream->write(go_on);
    }
    session.stream->tcp().expires_after(kBodyTimeout);
    ec = co_await session.stream->read_body(session.buffer, parser);
  }
  if (ec == http::error::body_limit || ec == http::error::header_limit) {
    const unsigned version = parser.get().version() != 0 ? parser.get().version() : 11;
    co_await write_response(session, too_large(ec), version, false);
    co_return false;
  }
  if (ec) throw beast::system_error(ec);
  co_return true;
}

net::awaitable<void> run_session(std::shared_ptr<Session> session,
                                 std::shared_ptr<ServerState> server) {
  try {
    session->stream->tcp().expires_after(kHeaderTimeout);
    co_await session->stream->handshake();
    const std::string certificate_user = session->stream->client_user();
    while (!session->stopping) {
      session->busy = false;
      http::request_parser<http::string_body> parser;
      if (!co_await read_request(*session, parser)) break;
      auto& request = parser.get();
      const unsigned version = request.version();
      const bool keep_alive = request.keep_alive();
      ApiRequest api = to_api_request(request);
      if (auto refused = server->security.authenticator->refuse(api, certificate_user)) {
        co_await write_response(*session, std::move(*refused), version,
                                keep_alive && !session->stopping);
        if (!keep_alive) break;
        continue;
      }
      if (ApiHandler::is_watch_request(api)) {
        co_await serve_watch(session, api, version);
        break;
      }
      ApiResponse response = co_await server->pool.handle(std::move(api));
      co_await write_response(*session, std::move(response), version,
                              keep_alive && !session->stopping);
      if (!keep_alive) break;
    }
  } catch (const std::exception&) {
    // Timeouts, resets and EOF end the connection; there is no one left to answer.
  }
  beast::error_code ignored;
  session->stream->tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
  session->stream->tcp().socket().close(ignored);
  std::lock_guard lock(server->mu);
  server->sessions.erase(session.get());
}

net::awaitable<void> accept_loop(std::shared_ptr<ServerState> server) {
  for (;;) {
    tcp::socket socket(net::make_strand(server->io));
    beast::error_code ec;
    co_await server->acceptor.async_accept(socket, net::redirect_error(net::use_awaitable, ec));
    if (server->stopped || !server->acceptor.is_open()) co_return;
    if (ec) continue;  // e.g. out of file descriptors: keep serving the others
    {
      // Over the cap: closed at once, before any byte is read or any memory is spent on it.
      std::lock_guard lock(server->mu);
      if (server->sessions.size() >= server->security.max_connections) {
        socket.close(ec);
        continue;
      }
    }
    // Watch events are small writes in a row: without this, Nagle's algorithm holds each one
    // back until the previous is acknowledged, and a delayed ACK makes that 40 ms at a follower.
    socket.set_option(tcp::no_delay(true), ec);
    auto stream = server->security.tls ? make_tls_stream(std::move(socket), *server->security.tls)
                                       : make_plain_stream(std::move(socket));
    auto session = std::make_shared<Session>(std::move(stream), server->handler);
    {
      std::lock_guard lock(server->mu);
      server->sessions.emplace(session.get(), session);
    }
    auto executor = session->executor();
    net::co_spawn(executor, run_session(std::move(session), server), net::detached);
  }
}

}  // namespace

ApiServer::ApiServer(net::io_context& io, const std::string& address, std::uint16_t port,
                     ApiHandler& handler, ServerSecurity security)
    : impl_(std::make_shared<Impl>(io, handler, std::move(security))) {
  const std::string where = address + ":" + std::to_string(port);
  try {
    tcp::endpoint endpoint{net::ip::make_address(address), port};
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(net::socket_base::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen(net::socket_base::max_listen_connections);
    auto bound = impl_->acceptor.local_endpoint();
    std::string host = bound.address().to_string();
    if (bound.address().is_v6()) host = "[" + host + "]";
    impl_->url = std::string(impl_->security.tls ? "https://" : "http://") + host + ":" +
                 std::to_string(bound.port());
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot listen on " + where + " for the API: " + e.what());
  }
}

ApiServer::~ApiServer() {
  stop();
  // Requests still in the pool use the handler, which may go right after the server.
  impl_->pool.join();
}

void ApiServer::start() {
  net::co_spawn(impl_->acceptor.get_executor(), accept_loop(impl_), net::detached);
}

void ApiServer::stop() {
  if (impl_->stopped.exchange(true)) return;
  auto impl = impl_;
  net::post(impl->acceptor.get_executor(), [impl] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  // Each session's watch ends through its own `stopping` flag and wake-up below; the
  // registry's other streams (zone feed, controllers) belong to their owners, who stop them.
  std::lock_guard lock(impl->mu);
  for (auto& [raw, weak] : impl->sessions) {
    auto session = weak.lock();
    if (!session) continue;
    net::post(session->executor(), [session] {
      session->stopping = true;
      session->wake.cancel();
      if (!session->busy) session->stream->tcp().cancel();
    });
  }
}

std::string ApiServer::url() const {
  return impl_->url;
}

}  // namespace ordinal::api
