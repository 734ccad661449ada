#pragma once
// The UDP load loop: one connected non-blocking socket, queries sent with sendmmsg and replies
// read with recvmmsg in batches, each reply matched to its query by ID and question.
// Saturating mode keeps `window` queries in flight; rate mode sends `rate` queries a second in
// small batches on a schedule. Single-threaded; meant to run pinned to its own core.
#include <poll.h>
#include <sys/socket.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/tools/loadgen/in_flight.hpp"
#include "bench/tools/loadgen/query_wire.hpp"
#include "bench/tools/loadgen/run_result.hpp"

namespace ordinal::bench {

struct LoadOptions {
  double seconds = 10;
  std::size_t window = 200;  ///< most queries in flight (both modes)
  double rate = 0;           ///< queries per second; 0 saturates
  std::size_t batch = 32;    ///< most queries per sendmmsg and replies per recvmmsg
  double timeout = 1.0;      ///< a query unanswered this long (s) counts lost
};

inline std::uint64_t monotonic_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ULL +
         static_cast<std::uint64_t>(ts.tv_nsec);
}

class UdpLoad {
 public:
  static constexpr std::size_t kMaxBatch = 128;
  static constexpr std::size_t kBufferSize = 4096;

  /// `fd`: a connected, non-blocking UDP socket (not owned). `queries` must outlive the load.
  UdpLoad(int fd, const std::vector<WireQuery>& queries, const LoadOptions& options)
      : fd_(fd),
        queries_(queries),
        options_(options),
        batch_(std::clamp<std::size_t>(options.batch, 1, kMaxBatch)),
        out_buffers_(batch_ * kBufferSize),
        in_buffers_(batch_ * kBufferSize) {
    if (options_.window == 0 || options_.window >= InFlight::kIds)
      throw std::invalid_argument("window must be in 1..65535");
    for (std::size_t i = 0; i < batch_; ++i) {
      in_iov_[i] = {&in_buffers_[i * kBufferSize], kBufferSize};
      in_[i].msg_hdr.msg_iov = &in_iov_[i];
      in_[i].msg_hdr.msg_iovlen = 1;
    }
  }

  /// Runs for options.seconds, then waits up to the timeout for the queries still in flight.
  /// Throws std::runtime_error when the socket fails with anything but EAGAIN/ECONNREFUSED.
  RunResult run() {
    result_ = RunResult{};
    result_.mode = options_.rate > 0 ? "rate" : "saturate";
    result_.timeout = options_.timeout;
    result_.latencies_ns.reserve(1U << 20);
    const auto timeout_ns = static_cast<std::uint64_t>(options_.timeout * 1e9);
    start_ns_ = monotonic_ns();
    end_ns_ = start_ns_ + static_cast<std::uint64_t>(options_.seconds * 1e9);
    for (std::uint64_t now = start_ns_; now < end_ns_; now = monotonic_ns()) {
      const std::uint64_t wake = send_due(now);
      const std::size_t got = receive();
      result_.lost += in_flight_.expire(now > timeout_ns ? now - timeout_ns : 0);
      if (got == 0) wait(std::min(wake, end_ns_));
    }
    result_.seconds = static_cast<double>(end_ns_ - start_ns_) / 1e9;
    // Drain: the replies to what is still in flight count as answered, not toward QPS.
    for (std::uint64_t now = monotonic_ns(); in_flight_.size() > 0; now = monotonic_ns()) {
      if (receive() == 0) {
        const std::uint64_t oldest = in_flight_.oldest_ns();
        if (oldest != 0 && now >= oldest + timeout_ns) {
          result_.lost += in_flight_.expire(now - timeout_ns + 1);
          continue;
        }
        wait(oldest + timeout_ns);
      }
    }
    return std::move(result_);
  }

 private:
  /// Sends what the mode allows now; returns when to look again (ns, monotonic).
  std::uint64_t send_due(std::uint64_t now) {
    if (options_.rate <= 0) {
      while (in_flight_.size() < options_.window) {
        const std::size_t want = std::min(batch_, options_.window - in_flight_.size());
        if (send_batch(want, now) < want) break;
      }
      return now + 1000000;  // replies wake us sooner
    }
    const auto due =
        static_cast<std::uint64_t>(static_cast<double>(now - start_ns_) * 1e-9 * options_.rate) + 1;
    while (scheduled_ < due) {
      const std::uint64_t at =
          start_ns_ +
          static_cast<std::uint64_t>(static_cast<double>(scheduled_) / options_.rate * 1e9);
      const std::uint64_t lag_ns = now > at ? now - at : 0;
      result_.max_send_lag = std::max(result_.max_send_lag, static_cast<double>(lag_ns) / 1e9);
      const std::size_t room = options_.window - std::min(options_.window, in_flight_.size());
      const std::size_t want =
          static_cast<std::size_t>(std::min<std::uint64_t>(due - scheduled_, batch_));
      if (room == 0) {
        // Keep the schedule: a query that cannot go now is not sent late.
        result_.behind += want;
        scheduled_ += want;
        continue;
      }
      const std::size_t sent = send_batch(std::min(want, room), now);
      scheduled_ += sent;
      if (sent < std::min(want, room)) break;
    }
    return start_ns_ +
           static_cast<std::uint64_t>(static_cast<double>(scheduled_) / options_.rate * 1e9);
  }

  /// Sends up to `count` queries in one sendmmsg; returns how many left.
  std::size_t send_batch(std::size_t count, std::uint64_t now) {
    std::array<std::uint16_t, kMaxBatch> ids{};
    std::size_t index = next_query_;
    for (std::size_t i = 0; i < count; ++i) {
      const WireQuery& query = queries_[index];
      ids[i] = in_flight_.take(static_cast<std::uint32_t>(index), now);
      std::uint8_t* buffer = &out_buffers_[i * kBufferSize];
      std::memcpy(buffer, query.wire.data(), query.wire.size());
      buffer[0] = static_cast<std::uint8_t>(ids[i] >> 8);
      buffer[1] = static_cast<std::uint8_t>(ids[i]);
      out_iov_[i] = {buffer, query.wire.size()};
      out_[i] = mmsghdr{};
      out_[i].msg_hdr.msg_iov = &out_iov_[i];
      out_[i].msg_hdr.msg_iovlen = 1;
      index = index + 1 == queries_.size() ? 0 : index + 1;
    }
    int sent = sendmmsg(fd_, out_.data(), static_cast<unsigned>(count), 0);
    if (sent < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNREFUSED && errno != ENOBUFS)
        throw std::runtime_error(std::string("sendmmsg: ") + std::strerror(errno));
      sent = 0;
    }
    // Unsent IDs go back newest first, so the send order stays consistent.
    for (std::size_t i = count; i-- > static_cast<std::size_t>(sent);) in_flight_.untake(ids[i]);
    next_query_ = (next_query_ + static_cast<std::size_t>(sent)) % queries_.size();
    const auto ok = static_cast<std::size_t>(sent);
    if (now < end_ns_) result_.sent += ok;
    return ok;
  }

  /// Reads what replies are queued (one recvmmsg); returns how many.
  std::size_t receive() {
    for (std::size_t i = 0; i < batch_; ++i) in_[i].msg_hdr.msg_flags = 0;
    const int got = recvmmsg(fd_, in_.data(), static_cast<unsigned>(batch_), MSG_DONTWAIT, nullptr);
    if (got <= 0) {
      if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNREFUSED)
        throw std::runtime_error(std::string("recvmmsg: ") + std::strerror(errno));
      return 0;
    }
    const std::uint64_t now = monotonic_ns();
    for (std::size_t i = 0; i < static_cast<std::size_t>(got); ++i) {
      match(&in_buffers_[i * kBufferSize], in_[i].msg_len, now);
    }
    return static_cast<std::size_t>(got);
  }

  void match(const std::uint8_t* reply, std::size_t size, std::uint64_t now) {
    if (size < 12) {
      ++result_.malformed;
      return;
    }
    const auto id = static_cast<std::uint16_t>(reply[0] << 8 | reply[1]);
    const InFlight::Slot& slot = in_flight_.slot(id);
    if (!slot.busy) {
      ++result_.late;
      return;
    }
    const WireQuery& query = queries_[slot.query];
    if (size < 12 + query.question_size ||
        std::memcmp(reply + 12, query.wire.data() + 12, query.question_size) != 0) {
      ++result_.mismatched;
      return;
    }
    ++result_.answered;
    if (now <= end_ns_) ++result_.answered_in_time;
    ++result_.rcodes[reply[3] & 0x0F];
    if ((reply[2] & 0x02) != 0) ++result_.truncated;
    result_.latencies_ns.push_back(
        static_cast<std::uint32_t>(std::min<std::uint64_t>(now - slot.sent_ns, UINT32_MAX)));
    in_flight_.release(id);
  }

  /// Sleeps until the socket is readable or `until_ns` (monotonic) passes.
  void wait(std::uint64_t until_ns) {
    const std::uint64_t now = monotonic_ns();
    if (until_ns <= now) return;
    const std::uint64_t delta = until_ns - now;
    timespec ts{static_cast<time_t>(delta / 1000000000ULL),
                static_cast<long>(delta % 1000000000ULL)};
    pollfd pfd{fd_, POLLIN, 0};
    ppoll(&pfd, 1, &ts, nullptr);
  }

  int fd_;
  const std::vector<WireQuery>& queries_;
  LoadOptions options_;
  std::size_t batch_;
  InFlight in_flight_;
  RunResult result_;
  std::size_t next_query_ = 0;
  std::uint64_t scheduled_ = 0;  ///< rate mode: queries whose send time has come
  std::uint64_t start_ns_ = 0;
  std::uint64_t end_ns_ = 0;
  std::vector<std::uint8_t> out_buffers_;
  std::vector<std::uint8_t> in_buffers_;
  std::array<mmsghdr, kMaxBatch> out_{};
  std::array<iovec, kMaxBatch> out_iov_{};
  std::array<mmsghdr, kMaxBatch> in_{};
  std::array<iovec, kMaxBatch> in_iov_{};
};

}  // namespace ordinal::bench
