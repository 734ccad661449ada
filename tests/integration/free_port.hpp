#pragma once
// Loopback ports for the peers a test starts (unbound, Knot, NSD), which bind by number.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ordinal::testing {

/// A loopback port free for both TCP and UDP right now. Another process may take it before the
/// peer binds it: callers check that the peer came up.
inline int free_port() {
  for (;;) {
    const int tcp = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(tcp, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(tcp, reinterpret_cast<sockaddr*>(&address), &length);
    const int udp = ::socket(AF_INET, SOCK_DGRAM, 0);
    const bool both = ::bind(udp, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(udp);
    ::close(tcp);
    if (both) return ntohs(address.sin_port);
  }
}

}  // namespace ordinal::testing
