#pragma once
// What every listener shares (ListenerContext) and the TCP serving loops: one coroutine per
// acceptor and one per connection (STYLE rule 10, the connection itself in tcp_session.hpp),
// each on the io_context of its socket; exceptions stop at the coroutine's top and end only
// that loop or connection. UDP sockets have threads of their own (udp_loop.hpp).
#include <utility>  // Boost 1.74's awaitable.hpp needs it first under GCC 12
// clang-format off
#include <boost/asio/awaitable.hpp>
// clang-format on
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <memory>
#include <vector>

#include "dns/query_handler.hpp"
#include "dns/response_rate_limiter.hpp"
#include "dns/transfer_handler.hpp"
#include "zones/snapshot_holder.hpp"

namespace ordinal::dns {

struct ListenerContext {
  const zones::SnapshotHolder* snapshots = nullptr;
  QueryLimits limits;
  std::chrono::milliseconds tcp_idle_timeout{10000};
  /// Open TCP connections per listening address; at the cap a new one closes the least
  /// recently active (tcp_connections.hpp says why).
  std::size_t max_tcp_connections = 1024;
  /// Where names outside our zones go (limits.forward_outside is set when non-empty).
  std::vector<boost::asio::ip::udp::endpoint> upstreams;
  std::chrono::milliseconds upstream_timeout{2000};
  /// Queries being forwarded right now, over every listener; beyond max_forwards a query is
  /// REFUSED at once, as CoreDNS's forward `max_concurrent` does, so a slow upstream cannot
  /// make us hold unbounded memory and sockets.
  std::shared_ptr<std::atomic<std::size_t>> forwards_in_flight =
      std::make_shared<std::atomic<std::size_t>>(0);
  std::size_t max_forwards = 256;
  /// Who may transfer the zones over TCP (limits.transfers is set when anyone may).
  TransferPolicy transfers;
  /// UDP responses per client prefix and class (`--rrl`); null when off.
  std::shared_ptr<ResponseRateLimiter> rate_limiter;
};

/// One of the context's forwarding slots, held for as long as the forward lasts; false when
/// max_forwards are in use already. Any thread.
class ForwardSlot {
 public:
  explicit ForwardSlot(const ListenerContext& context);
  ~ForwardSlot();
  ForwardSlot(const ForwardSlot&) = delete;
  ForwardSlot& operator=(const ForwardSlot&) = delete;
  explicit operator bool() const { return counter_ != nullptr; }

 private:
  std::shared_ptr<std::atomic<std::size_t>> counter_;
};

/// Accepts connections until the acceptor is closed and serves each in its own coroutine
/// (serve_tcp_session): length-prefixed queries (RFC 1035 §4.2.2, RFC 7766), pipelined, closed
/// after the idle timeout; at most context.max_tcp_connections at once.
boost::asio::awaitable<void> serve_tcp(boost::asio::ip::tcp::acceptor& acceptor,
                                       const ListenerContext& context);

}  // namespace ordinal::dns
