// udp_echo: the floor any UDP server is measured against in `make bench` (issue 7). One
// thread receives datagrams with recvmmsg (blocking for the first, then whatever else is
// queued) and sends each straight back with sendmmsg, setting the DNS QR bit and nothing else.
//
//   udp_echo [--listen 127.0.0.1:0] [--batch 32]
//
// Prints `udp ADDR:PORT` once bound, then `ready`; runs until killed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr std::size_t kMaxBatch = 128;
constexpr std::size_t kBufferSize = 4096;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "udp_echo: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

/// A UDP socket bound to `listen` ("ADDR:PORT", IPv4), with a large receive buffer.
int bind_udp(const std::string& listen) {
  const auto colon = listen.rfind(':');
  sockaddr_in address{};
  address.sin_family = AF_INET;
  if (colon == std::string::npos ||
      inet_pton(AF_INET, listen.substr(0, colon).c_str(), &address.sin_addr) != 1) {
    errno = EINVAL;
    fail("bad --listen " + listen);
  }
  address.sin_port = htons(static_cast<std::uint16_t>(std::atoi(listen.c_str() + colon + 1)));
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) fail("bind");
  const int size = 8 << 20;
  if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:0";
  std::size_t batch = 32;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--listen")
      listen = argv[i + 1];
    else if (flag == "--batch")
      batch = static_cast<std::size_t>(std::atoi(argv[i + 1]));
    else {
      std::fprintf(stderr, "usage: udp_echo [--listen ADDR:PORT] [--batch N]\n");
      return 2;
    }
  }
  if (batch < 1 || batch > kMaxBatch) batch = 32;
  const int fd = bind_udp(listen);
  sockaddr_in bound{};
  socklen_t bound_size = sizeof bound;
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_size);
  char text[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &bound.sin_addr, text, sizeof text);
  std::printf("udp %s:%u\nready\n", text, ntohs(bound.sin_port));
  std::fflush(stdout);

  std::vector<std::uint8_t> buffers(batch * kBufferSize);
  std::array<mmsghdr, kMaxBatch> messages{};
  std::array<iovec, kMaxBatch> iov{};
  std::array<sockaddr_in6, kMaxBatch> peers{};
  for (;;) {
    for (std::size_t i = 0; i < batch; ++i) {
      iov[i] = {&buffers[i * kBufferSize], kBufferSize};
      messages[i].msg_hdr = msghdr{};
      messages[i].msg_hdr.msg_iov = &iov[i];
      messages[i].msg_hdr.msg_iovlen = 1;
      messages[i].msg_hdr.msg_name = &peers[i];
      messages[i].msg_hdr.msg_namelen = sizeof peers[i];
    }
    const int got =
        recvmmsg(fd, messages.data(), static_cast<unsigned>(batch), MSG_WAITFORONE, nullptr);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail("recvmmsg");
    }
    for (std::size_t i = 0; i < static_cast<std::size_t>(got); ++i) {
      iov[i].iov_len = messages[i].msg_len;  // send back exactly what came
      if (messages[i].msg_len > 2) buffers[i * kBufferSize + 2] |= 0x80;
    }
    // Replies the socket cannot take are dropped, as a DNS server under load does.
    sendmmsg(fd, messages.data(), static_cast<unsigned>(got), MSG_DONTWAIT);
  }
}
