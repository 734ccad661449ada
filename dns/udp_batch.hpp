#pragma once
// Batched datagram I/O (Linux recvmmsg/sendmmsg): one system call receives up to kSize queries
// and one sends their replies. Owned by a single UDP loop (udp_loop.hpp); not thread-safe.
#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ordinal::dns {

class UdpBatch {
 public:
  static constexpr std::size_t kSize = 32;
  /// Queries longer than this arrive cut (and are answered FORMERR); real queries are far
  /// smaller.
  static constexpr std::size_t kBufferSize = 4096;

  UdpBatch();
  UdpBatch(const UdpBatch&) = delete;
  UdpBatch& operator=(const UdpBatch&) = delete;

  enum class Wait {
    Never,     ///< take what is queued, or nothing
    ForFirst,  ///< block until one datagram arrives, then take what else is queued
  };
  /// Receives up to kSize datagrams from `fd`. Returns how many arrived (0 when none, on error,
  /// or when the socket was shut down).
  std::size_t receive(int fd, Wait wait);
  /// Datagram `i` of the last receive().
  [[nodiscard]] std::span<const std::uint8_t> packet(std::size_t i) const;
  /// The sender of datagram `i` and the length of its address.
  [[nodiscard]] const sockaddr* sender(std::size_t i) const {
    return reinterpret_cast<const sockaddr*>(&from_[i]);
  }
  [[nodiscard]] socklen_t sender_size(std::size_t i) const { return in_[i].msg_hdr.msg_namelen; }
  /// Where the reply to datagram `i` goes; an empty string sends nothing.
  std::string& reply(std::size_t i) { return replies_[i]; }
  /// Every reply slot, in datagram order.
  std::span<std::string> replies() { return replies_; }
  /// Sends every non-empty reply of the last `count` datagrams back to its sender. Replies the
  /// socket cannot take right now are dropped, as UDP allows.
  void send(int fd, std::size_t count);

 private:
  std::vector<std::uint8_t> buffers_;
  std::size_t received_ = 0;  ///< datagrams the last receive() took
  std::array<mmsghdr, kSize> in_{};
  std::array<iovec, kSize> in_iov_{};
  std::array<sockaddr_storage, kSize> from_{};
  std::array<std::string, kSize> replies_;
  std::array<mmsghdr, kSize> out_{};
  std::array<iovec, kSize> out_iov_{};
};

}  // namespace ordinal::dns
