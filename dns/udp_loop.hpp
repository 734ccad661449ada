#pragma once
// The UDP fast path: each UDP socket is served by a thread of its own that blocks in a batched
// receive (recvmmsg waits for the first datagram, then takes whatever else is queued), answers
// the batch from one snapshot and sends the replies with one sendmmsg. No event loop sits
// between the kernel and the answer: an epoll wake-up, a reactor re-arm and a coroutine resume
// per batch cost as much as answering a few queries (bench/README.md has the figures).
// Forwarded queries are the exception: they run as coroutines on an io_context (relays).
#include <boost/asio/any_io_executor.hpp>
#include <memory>

#include "dns/listeners.hpp"

namespace ordinal::dns {

class UdpLoop {
 public:
  /// Serves the bound, blocking UDP socket `fd` (which must stay open until stop() returns)
  /// with answers from `context`, which must outlive the loop. Forwarded queries run on
  /// `relays`. The thread starts at once.
  UdpLoop(int fd, const ListenerContext& context, boost::asio::any_io_executor relays);
  /// Stops and joins the thread.
  ~UdpLoop();
  UdpLoop(const UdpLoop&) = delete;
  UdpLoop& operator=(const UdpLoop&) = delete;

  /// Wakes the thread and joins it; the socket receives nothing more. Idempotent; not
  /// concurrently with itself.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ordinal::dns
