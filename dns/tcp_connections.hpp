#pragma once
// The open DNS-over-TCP connections of one listener, least recently active first. One timer
// serves the idle timeout of all of them (no timer per connection or per query), and the same
// order picks whom to close when the connection cap is reached.
#include <utility>  // Boost 1.74's awaitable.hpp needs it first under GCC 12
// clang-format off
#include <boost/asio/awaitable.hpp>
// clang-format on
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <list>

namespace ordinal::dns {

/// Single-threaded: every call, and sweep(), must run on the listener's io_context thread, the
/// thread its connections run on. Holds raw pointers to the connections' sockets: a connection
/// must remove() itself before its socket is destroyed.
///
/// At the cap, a new connection closes the least recently active one (RFC 7766 §6.2.2 lets a
/// server reclaim connections under resource limits) rather than being refused: a client that
/// opens connections and leaves them idle cannot lock the others out, it only loses its own
/// oldest connections first.
class TcpConnections {
 public:
  using Clock = std::chrono::steady_clock;

  struct Entry {
    boost::asio::ip::tcp::socket* socket = nullptr;
    Clock::time_point last_active;
    /// Waiting for an upstream: not idle, whatever the clock says (the forward has its own
    /// timeout).
    bool busy = false;
    bool closed = false;
  };
  using Handle = std::list<Entry>::iterator;

  /// `idle`: how long a connection may go without a complete query before it is closed.
  /// `max_connections` (at least 1): how many may be open at once.
  TcpConnections(const boost::asio::any_io_executor& executor, std::chrono::milliseconds idle,
                 std::size_t max_connections);

  /// Registers a newly accepted connection as the most recently active, first closing the
  /// least recently active one when the cap is reached.
  Handle add(boost::asio::ip::tcp::socket& socket);
  /// The connection finished a query: it goes to the back of the idle order.
  void touch(Handle handle);
  /// Marks the connection as waiting (or no longer waiting) for an upstream.
  void set_busy(Handle handle, bool busy);
  /// Forgets the connection; call once, before its socket goes away.
  void remove(Handle handle);
  /// Connections open now (not counting those closed and not yet removed).
  [[nodiscard]] std::size_t open() const { return open_.size(); }

  /// Closes connections idle past the timeout until stop(). Run it once, on the listener's
  /// executor, keeping this object alive (the caller owns it through a shared_ptr).
  boost::asio::awaitable<void> sweep();
  /// Ends sweep(); the open connections are left as they are.
  void stop();

 private:
  /// Closes the socket, so the connection's pending read ends and it removes itself.
  void close(Handle handle);

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds idle_;
  std::size_t max_connections_;
  bool stopped_ = false;
  /// Least recently active first.
  std::list<Entry> open_;
  /// Closed by us, waiting for their coroutine to notice and remove() them.
  std::list<Entry> closed_;
};

}  // namespace ordinal::dns
