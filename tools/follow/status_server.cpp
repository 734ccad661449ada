// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp needs it under GCC 12
// clang-format on

#include "tools/follow/status_server.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <stdexcept>

#include "identity/json.hpp"

namespace ordinal::follow {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

// A client idle this long between requests (or slow to send one) is dropped.
constexpr std::chrono::seconds kIdleTimeout{30};

http::response<http::string_body> respond(const http::request<http::string_body>& request,
                                          const StatusServer::Answer& answer) {
  StatusReply reply = request.method() == http::verb::get || request.method() == http::verb::head
                          ? answer(std::string(request.target()))
                          : answer("/");  // anything but GET gets the follower's 404 Status
  http::response<http::string_body> response{static_cast<http::status>(reply.status),
                                             request.version()};
  response.set(http::field::server, "ordinal");
  response.set(http::field::content_type, reply.content_type);
  response.keep_alive(request.keep_alive());
  if (request.method() != http::verb::head) response.body() = std::move(reply.body);
  response.prepare_payload();
  return response;
}

net::awaitable<void> serve_connection(tcp::socket socket, StatusServer::Answer answer) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  try {
    for (;;) {
      http::request<http::string_body> request;
      stream.expires_after(kIdleTimeout);
      co_await http::async_read(stream, buffer, request, net::use_awaitable);
      auto response = respond(request, answer);
      stream.expires_after(kIdleTimeout);
      co_await http::async_write(stream, response, net::use_awaitable);
      if (!response.keep_alive()) break;
    }
  } catch (const std::exception&) {
    // The client left, sent garbage or timed out: nothing to answer.
  }
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

net::awaitable<void> accept_loop(std::shared_ptr<void> keep_alive, tcp::acceptor& acceptor,
                                 StatusServer::Answer answer) {
  (void)keep_alive;  // owns `acceptor` for as long as this coroutine runs
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;
    net::co_spawn(acceptor.get_executor(), serve_connection(std::move(socket), answer),
                  net::detached);
  }
}

}  // namespace

struct StatusServer::Impl {
  Impl(net::io_context& context, Answer handler)
      : io(context), acceptor(context), answer(std::move(handler)) {}
  net::io_context& io;
  tcp::acceptor acceptor;
  Answer answer;
};

StatusServer::StatusServer(net::io_context& io, const std::string& address, std::uint16_t port,
                           Answer answer)
    : impl_(std::make_shared<Impl>(io, std::move(answer))) {
  const std::string where = address + ":" + std::to_string(port);
  try {
    const tcp::endpoint endpoint(
        net::ip::make_address(address == "localhost" ? "127.0.0.1" : address), port);
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen();
  } catch (const std::exception& error) {
    throw std::runtime_error("--api-listen " + where + ": " + error.what());
  }
}

StatusServer::~StatusServer() {
  beast::error_code ec;
  impl_->acceptor.close(ec);
}

void StatusServer::start() {
  net::co_spawn(impl_->io, accept_loop(impl_, impl_->acceptor, impl_->answer), net::detached);
}

std::string StatusServer::url() const {
  const auto endpoint = impl_->acceptor.local_endpoint();
  const auto address = endpoint.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return "http://" + host + ":" + std::to_string(endpoint.port());
}

}  // namespace ordinal::follow
