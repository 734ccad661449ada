#include "dns/listeners.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "dns/tcp_connections.hpp"
#include "dns/tcp_session.hpp"
#include "dns/udp_batch.hpp"
#include "dns/upstream_forwarder.hpp"

namespace ordinal::dns {

namespace asio = boost::asio;
using asio::use_awaitable;

ForwardSlot::ForwardSlot(const ListenerContext& context) : counter_(context.forwards_in_flight) {
  if (counter_->fetch_add(1) >= context.max_forwards) {
    counter_->fetch_sub(1);
    counter_.reset();
  }
}

ForwardSlot::~ForwardSlot() {
  if (counter_) counter_->fetch_sub(1);
}

namespace {

/// Keeps `connections` alive while it sweeps.
asio::awaitable<void> sweep(std::shared_ptr<TcpConnections> connections) {
  co_await connections->sweep();
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
  // Shared with every connection: whichever of them, the sweeper or this loop ends last frees it.
  auto connections = std::make_shared<TcpConnections>(
      acceptor.get_executor(), context.tcp_idle_timeout, context.max_tcp_connections);
  asio::co_spawn(acceptor.get_executor(), sweep(connections), asio::detached);
  boost::system::error_code error;
  while (acceptor.is_open()) {
    auto socket = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, error));
    if (error == asio::error::operation_aborted || !acceptor.is_open()) break;
    if (error) continue;
    asio::co_spawn(acceptor.get_executor(),
                   serve_tcp_session(std::move(socket), context, connections), asio::detached);
  }
  connections->stop();
}

}  // namespace ordinal::dns
