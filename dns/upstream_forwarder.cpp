#include "dns/upstream_forwarder.hpp"

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <memory>

namespace ordinal::dns {
namespace {

namespace asio = boost::asio;
using asio::use_awaitable;

/// A socket with a deadline: when the timer fires the socket closes and pending I/O fails.
template <class Socket>
struct Exchange {
  Exchange(const asio::any_io_executor& executor) : socket(executor), timer(executor) {}
  Socket socket;
  asio::steady_timer timer;
};

template <class Socket>
void arm(const std::shared_ptr<Exchange<Socket>>& exchange, std::chrono::milliseconds timeout) {
  exchange->timer.expires_after(timeout);
  exchange->timer.async_wait([weak = std::weak_ptr(exchange)](boost::system::error_code error) {
    if (auto alive = weak.lock(); alive && !error) {
      boost::system::error_code ignored;
      alive->socket.close(ignored);
    }
  });
}

asio::awaitable<std::string> ask_udp(asio::any_io_executor executor, const std::string& query,
                                     asio::ip::udp::endpoint upstream,
                                     std::chrono::milliseconds timeout) {
  auto exchange = std::make_shared<Exchange<asio::ip::udp::socket>>(executor);
  exchange->socket.open(upstream.protocol());
  exchange->socket.connect(upstream);
  arm(exchange, timeout);
  co_await exchange->socket.async_send(asio::buffer(query), use_awaitable);
  std::string reply(65535, '\0');
  const std::size_t size =
      co_await exchange->socket.async_receive(asio::buffer(reply), use_awaitable);
  exchange->timer.cancel();
  reply.resize(size);
  co_return reply;
}

asio::awaitable<std::string> ask_tcp(asio::any_io_executor executor, const std::string& query,
                                     asio::ip::udp::endpoint upstream,
                                     std::chrono::milliseconds timeout) {
  auto exchange = std::make_shared<Exchange<asio::ip::tcp::socket>>(executor);
  arm(exchange, timeout);
  co_await exchange->socket.async_connect({upstream.address(), upstream.port()}, use_awaitable);
  std::array<std::uint8_t, 2> prefix{static_cast<std::uint8_t>(query.size() >> 8),
                                     static_cast<std::uint8_t>(query.size() & 0xFF)};
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(prefix), asio::buffer(query)};
  co_await asio::async_write(exchange->socket, buffers, use_awaitable);
  co_await asio::async_read(exchange->socket, asio::buffer(prefix), use_awaitable);
  std::string reply(static_cast<std::size_t>((prefix[0] << 8) | prefix[1]), '\0');
  co_await asio::async_read(exchange->socket, asio::buffer(reply), use_awaitable);
  exchange->timer.cancel();
  co_return reply;
}

}  // namespace

asio::awaitable<std::optional<std::string>> forward_query(
    asio::any_io_executor executor, std::string query,
    const std::vector<asio::ip::udp::endpoint>& upstreams, Transport transport,
    std::chrono::milliseconds timeout) {
  for (const auto& upstream : upstreams) {
    try {
      // No co_await inside ?: — GCC 12 miscompiles it (double destruction of the result).
      std::string reply;
      if (transport == Transport::Tcp) {
        reply = co_await ask_tcp(executor, query, upstream, timeout);
      } else {
        reply = co_await ask_udp(executor, query, upstream, timeout);
      }
      // A reply must at least carry our query's ID.
      if (reply.size() >= 12 && reply.compare(0, 2, query, 0, 2) == 0) co_return reply;
    } catch (const std::exception&) {
      // Timeout, refused or unreachable: try the next upstream.
    }
  }
  co_return std::nullopt;
}

}  // namespace ordinal::dns
