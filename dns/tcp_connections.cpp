#include "dns/tcp_connections.hpp"

#include <algorithm>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ordinal::dns {

namespace asio = boost::asio;

TcpConnections::TcpConnections(const asio::any_io_executor& executor,
                               std::chrono::milliseconds idle, std::size_t max_connections)
    : timer_(executor), idle_(idle), max_connections_(std::max<std::size_t>(1, max_connections)) {}

TcpConnections::Handle TcpConnections::add(asio::ip::tcp::socket& socket) {
  while (open_.size() >= max_connections_) close(open_.begin());
  open_.push_back(Entry{&socket, Clock::now(), false, false});
  return std::prev(open_.end());
}

void TcpConnections::touch(Handle handle) {
  if (handle->closed) return;
  handle->last_active = Clock::now();
  // Splicing keeps the list ordered by activity without allocating.
  open_.splice(open_.end(), open_, handle);
}

void TcpConnections::set_busy(Handle handle, bool busy) {
  handle->busy = busy;
  touch(handle);
}

void TcpConnections::remove(Handle handle) {
  if (handle->closed) {
    closed_.erase(handle);
  } else {
    open_.erase(handle);
  }
}

void TcpConnections::close(Handle handle) {
  boost::system::error_code ignored;
  handle->socket->close(ignored);
  handle->closed = true;
  closed_.splice(closed_.end(), open_, handle);
}

asio::awaitable<void> TcpConnections::sweep() {
  boost::system::error_code error;
  while (!stopped_) {
    // Every connection has the same timeout, so the front one expires first; connections
    // added or touched meanwhile expire later and are seen on a later round.
    if (open_.empty()) {
      timer_.expires_after(idle_);
    } else {
      timer_.expires_at(open_.front().last_active + idle_);
    }
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, error));
    if (stopped_) co_return;
    const Clock::time_point now = Clock::now();
    while (!open_.empty() && open_.front().last_active + idle_ <= now) {
      if (open_.front().busy) {
        touch(open_.begin());
      } else {
        close(open_.begin());
      }
    }
  }
}

void TcpConnections::stop() {
  stopped_ = true;
  timer_.cancel();
}

}  // namespace ordinal::dns
