#include "dns/udp_socket.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/system/system_error.hpp>
#include <cerrno>

namespace ordinal::dns {
namespace {

[[noreturn]] void fail(int fd, const char* what) {
  const int error = errno;
  if (fd >= 0) ::close(fd);
  throw boost::system::system_error(error, boost::system::system_category(), what);
}

}  // namespace

UdpSocket::UdpSocket(const boost::asio::ip::udp::endpoint& at, int receive_buffer) {
  const int fd = ::socket(at.protocol().family(), SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail(fd, "socket");
  const int on = 1;
  if (::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0) fail(fd, "SO_REUSEPORT");
  // A large receive buffer absorbs bursts; the kernel caps it silently.
  (void)::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  if (::bind(fd, at.data(), static_cast<socklen_t>(at.size())) != 0) fail(fd, "bind");
  fd_ = fd;
}

UdpSocket::~UdpSocket() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint16_t UdpSocket::port() const {
  sockaddr_storage address{};
  socklen_t size = sizeof address;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) return 0;
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  }
  return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
}

}  // namespace ordinal::dns
