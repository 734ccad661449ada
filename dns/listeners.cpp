#include "dns/listeners.hpp"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "dns/udp_batch.hpp"
#include "dns/upstream_forwarder.hpp"

namespace ordinal::dns {
namespace {

namespace asio = boost::asio;
using asio::use_awaitable;

struct TcpConnection {
  explicit TcpConnection(asio::ip::tcp::socket s)
      : socket(std::move(s)), timer(socket.get_executor()) {}
  asio::ip::tcp::socket socket;
  asio::steady_timer timer;
};

/// The idle timeout closes the socket, which ends the pending read.
void arm_timeout(const std::shared_ptr<TcpConnection>& connection, std::chrono::milliseconds idle) {
  connection->timer.expires_after(idle);
  connection->timer.async_wait([weak = std::weak_ptr(connection)](boost::system::error_code error) {
    auto alive = weak.lock();
    if (error || !alive) return;
    boost::system::error_code ignored;
    alive->socket.close(ignored);
  });
}

/// One of the context's forwarding slots, held for as long as the forward lasts; empty when
/// max_forwards are in use already.
class ForwardSlot {
 public:
  explicit ForwardSlot(const ListenerContext& context) : counter_(context.forwards_in_flight) {
    if (counter_->fetch_add(1) >= context.max_forwards) {
      counter_->fetch_sub(1);
      counter_.reset();
    }
  }
  ~ForwardSlot() {
    if (counter_) counter_->fetch_sub(1);
  }
  ForwardSlot(const ForwardSlot&) = delete;
  ForwardSlot& operator=(const ForwardSlot&) = delete;
  explicit operator bool() const { return counter_ != nullptr; }

 private:
  std::shared_ptr<std::atomic<std::size_t>> counter_;
};

asio::awaitable<void> serve_connection(std::shared_ptr<TcpConnection> connection,
                                       const ListenerContext& context) {
  zones::SnapshotHolder::Reader reader(*context.snapshots);
  std::vector<std::uint8_t> query;
  std::string reply;
  try {
    for (;;) {
      arm_timeout(connection, context.tcp_idle_timeout);
      std::array<std::uint8_t, 2> prefix{};
      co_await asio::async_read(connection->socket, asio::buffer(prefix), use_awaitable);
      query.resize(static_cast<std::size_t>((prefix[0] << 8) | prefix[1]));
      co_await asio::async_read(connection->socket, asio::buffer(query), use_awaitable);
      connection->timer.cancel();
      const auto action =
          handle_query(std::span(query), reader.get(), Transport::Tcp, context.limits, reply);
      if (action == QueryAction::Drop) break;
      if (action == QueryAction::Forward) {
        const ForwardSlot slot(context);
        if (!slot) {
          reply = refused_reply(std::span(query));
        } else {
          auto relayed = co_await forward_query(
              connection->socket.get_executor(), std::string(query.begin(), query.end()),
              context.upstreams, Transport::Tcp, context.upstream_timeout);
          reply = relayed ? std::move(*relayed) : servfail_reply(std::span(query));
        }
      }
      prefix = {static_cast<std::uint8_t>(reply.size() >> 8),
                static_cast<std::uint8_t>(reply.size() & 0xFF)};
      const std::array<asio::const_buffer, 2> buffers{asio::buffer(prefix), asio::buffer(reply)};
      co_await asio::async_write(connection->socket, buffers, use_awaitable);
    }
  } catch (const std::exception&) {
    // End of stream, reset, timeout or shutdown: the connection is simply over.
  }
  connection->timer.cancel();
  boost::system::error_code ignored;
  connection->socket.close(ignored);
}

/// Forwards one datagram and sends the upstream's reply (or SERVFAIL) to the client, while the
/// UDP loop goes on serving.
asio::awaitable<void> relay_udp(asio::ip::udp::socket& socket, std::string query,
                                asio::ip::udp::endpoint client, const ListenerContext& context) {
  const std::span<const std::uint8_t> packet{reinterpret_cast<const std::uint8_t*>(query.data()),
                                             query.size()};
  std::string reply;
  if (const ForwardSlot slot(context); !slot) {
    reply = refused_reply(packet);
  } else {
    auto relayed = co_await forward_query(socket.get_executor(), query, context.upstreams,
                                          Transport::Udp, context.upstream_timeout);
    reply = relayed ? std::move(*relayed) : servfail_reply(packet);
  }
  boost::system::error_code error;
  co_await socket.async_send_to(asio::buffer(reply), client,
                                asio::redirect_error(use_awaitable, error));
}

}  // namespace

asio::awaitable<void> serve_udp(asio::ip::udp::socket& socket, const ListenerContext& context) {
  zones::SnapshotHolder::Reader reader(*context.snapshots);
  auto batch = std::make_unique<UdpBatch>();
  socket.non_blocking(true);
  boost::system::error_code error;
  while (socket.is_open()) {
    co_await socket.async_wait(asio::ip::udp::socket::wait_read,
                               asio::redirect_error(use_awaitable, error));
    if (error == asio::error::operation_aborted || !socket.is_open()) co_return;
    // Drain the socket in batches: one system call per kSize queries each way.
    for (;;) {
      const std::size_t count = batch->receive(socket.native_handle());
      const zones::ZoneSnapshot* snapshot = reader.get();
      for (std::size_t i = 0; i < count; ++i) {
        std::string& reply = batch->reply(i);
        const auto action =
            handle_query(batch->packet(i), snapshot, Transport::Udp, context.limits, reply);
        if (action == QueryAction::Reply) continue;
        reply.clear();
        if (action == QueryAction::Forward) {
          asio::ip::udp::endpoint client;
          std::memcpy(client.data(), batch->sender(i), batch->sender_size(i));
          client.resize(batch->sender_size(i));
          const auto packet = batch->packet(i);
          asio::co_spawn(
              socket.get_executor(),
              relay_udp(socket, std::string(packet.begin(), packet.end()), client, context),
              asio::detached);
        }
      }
      batch->send(socket.native_handle(), count);
      if (count < UdpBatch::kSize) break;
    }
  }
}

asio::awaitable<void> serve_tcp(asio::ip::tcp::acceptor& acceptor, const ListenerContext& context) {
  boost::system::error_code error;
  while (acceptor.is_open()) {
    auto socket = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, error));
    if (error == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (error) continue;
    auto connection = std::make_shared<TcpConnection>(std::move(socket));
    asio::co_spawn(acceptor.get_executor(), serve_connection(std::move(connection), context),
                   asio::detached);
  }
}

}  // namespace ordinal::dns
