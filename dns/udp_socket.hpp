#pragma once
// A bound UDP socket owned as a plain descriptor. The UDP fast path (udp_loop.hpp) reads it
// from a thread of its own, so no io_context may know it: Asio registers every socket it opens
// with its reactor, whose thread would then wake for every arriving datagram and do nothing.
#include <boost/asio/ip/udp.hpp>
#include <cstdint>

namespace ordinal::dns {

class UdpSocket {
 public:
  /// A blocking socket bound to `at`, with SO_REUSEPORT (several sockets share a port, the
  /// kernel spreading datagrams between them) and a receive buffer of about `receive_buffer`
  /// octets (the kernel may cap it). Throws boost::system::system_error when it cannot bind.
  UdpSocket(const boost::asio::ip::udp::endpoint& at, int receive_buffer);
  ~UdpSocket();
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  /// The port bound (the kernel's choice when `at` named port 0).
  [[nodiscard]] std::uint16_t port() const;

 private:
  int fd_ = -1;
};

}  // namespace ordinal::dns
