#include "dns/listeners.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "dns/tcp_connections.hpp"
#include "dns/tcp_session.hpp"

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

}  // namespace

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
