#pragma once
// Response-rate limiting for UDP (`serve --rrl N`), after BIND's and Knot's RRL: an exposed
// authoritative server can be made to reflect answers at a spoofed victim, and a reply is larger
// than the query. Responses are counted per second per client prefix (IPv4 /24, IPv6 /56) and
// per response class: one class per question for answers and NODATA, one for every NXDOMAIN (so
// random names do not each get a budget of their own) and one for errors. Beyond N per second a
// response is dropped, except every `slip`-th, which goes out as an empty truncated reply so a
// real client behind that prefix retries over TCP, which cannot be spoofed. TCP is never limited.
//
// Buckets are one 64-bit atomic each (second and count) in a fixed table, shared by the UDP
// threads without locks; two keys that share a bucket share its budget, which errs towards
// limiting (as Knot's table does).
#include <sys/socket.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace ordinal::dns {

struct RateLimitOptions {
  std::uint32_t responses_per_second = 0;  ///< 0: off
  /// Every slip-th limited response is sent truncated; 0 drops them all, 1 truncates them all.
  std::uint32_t slip = 2;
  std::size_t table_size = 1u << 16;  ///< buckets; rounded up to a power of two
};

class ResponseRateLimiter {
 public:
  enum class Verdict { Send, Slip, Drop };

  explicit ResponseRateLimiter(RateLimitOptions options);

  /// Counts `reply` (a complete response) to `client` in second `now_seconds` (any clock that
  /// counts seconds). Any thread.
  Verdict check(const sockaddr* client, const std::string& reply, std::uint32_t now_seconds);
  /// Responses dropped or slipped so far.
  [[nodiscard]] std::uint64_t limited() const { return limited_.load(std::memory_order_relaxed); }

 private:
  const RateLimitOptions options_;
  const std::size_t mask_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<std::uint64_t> limited_{0};
};

/// Turns `reply` into what a slipped response is: its header and question only, TC set, no
/// records (an OPT record included). A reply too short to have a question is left as it is.
void truncate_to_question(std::string& reply);

}  // namespace ordinal::dns
