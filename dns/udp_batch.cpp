#include "dns/udp_batch.hpp"

#include <algorithm>
#include <cerrno>

namespace ordinal::dns {

UdpBatch::UdpBatch() : buffers_(kSize * kBufferSize) {
  for (std::size_t i = 0; i < kSize; ++i) {
    in_iov_[i] = {buffers_.data() + i * kBufferSize, kBufferSize};
    in_[i].msg_hdr.msg_iov = &in_iov_[i];
    in_[i].msg_hdr.msg_iovlen = 1;
    in_[i].msg_hdr.msg_name = &from_[i];
    in_[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
  }
}

std::size_t UdpBatch::receive(int fd, Wait wait) {
  // The kernel rewrites only the address length (and the lengths and flags it reports) of the
  // headers it filled: reset those, not the whole batch, before each call.
  for (std::size_t i = 0; i < received_; ++i) {
    in_[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
  }
  const int flags = wait == Wait::ForFirst ? MSG_WAITFORONE : MSG_DONTWAIT;
  const int received = ::recvmmsg(fd, in_.data(), kSize, flags, nullptr);
  received_ = received > 0 ? static_cast<std::size_t>(received) : 0;
  return received_;
}

std::span<const std::uint8_t> UdpBatch::packet(std::size_t i) const {
  const std::size_t size = std::min<std::size_t>(in_[i].msg_len, kBufferSize);
  return {buffers_.data() + i * kBufferSize, size};
}

void UdpBatch::send(int fd, std::size_t count) {
  std::size_t pending = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (replies_[i].empty()) continue;
    out_iov_[pending] = {replies_[i].data(), replies_[i].size()};
    out_[pending] = {};
    out_[pending].msg_hdr.msg_iov = &out_iov_[pending];
    out_[pending].msg_hdr.msg_iovlen = 1;
    out_[pending].msg_hdr.msg_name = &from_[i];
    out_[pending].msg_hdr.msg_namelen = in_[i].msg_hdr.msg_namelen;
    ++pending;
  }
  std::size_t sent = 0;
  while (sent < pending) {
    const int n =
        ::sendmmsg(fd, out_.data() + sent, static_cast<unsigned>(pending - sent), MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      // The first unsent datagram failed (full buffer, unreachable sender): skip it.
      ++sent;
    }
  }
}

}  // namespace ordinal::dns
