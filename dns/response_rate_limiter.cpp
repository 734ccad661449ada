#include "dns/response_rate_limiter.hpp"

#include <netinet/in.h>

#include <cstring>
#include <span>

#include "dns/message.hpp"
#include "dns/query_parser.hpp"

namespace ordinal::dns {
namespace {

constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;  // golden-ratio hashing
constexpr std::uint8_t kRcodeNxDomain = 3;

std::uint64_t mix(std::uint64_t hash, std::uint64_t value) {
  hash ^= value + kMultiplier + (hash << 6) + (hash >> 2);
  return hash;
}

// The client's prefix: IPv4 /24, IPv6 /56 (a site, as RRL implementations count it).
std::uint64_t prefix_hash(const sockaddr* client) {
  std::uint64_t hash = client->sa_family;
  if (client->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(client);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(&v4->sin_addr);
    hash = mix(hash, (std::uint64_t{bytes[0]} << 16) | (std::uint64_t{bytes[1]} << 8) | bytes[2]);
  } else if (client->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(client);
    std::uint64_t site = 0;
    std::memcpy(&site, &v6->sin6_addr, 7);
    hash = mix(hash, site);
  }
  return hash;
}

// The end of the question section of our own reply (its name is never compressed), or 0.
std::size_t question_end(const std::string& reply) {
  const std::span<const std::uint8_t> packet(reinterpret_cast<const std::uint8_t*>(reply.data()),
                                             reply.size());
  if (packet.size() < kHeaderSize || packet[4] != 0 || packet[5] != 1) return 0;
  const auto name_end = skip_name(packet, kHeaderSize);
  if (!name_end || *name_end + 4 > packet.size()) return 0;
  return *name_end + 4;
}

// The response class: the question (lower-cased) for answers and NODATA, one class for all
// NXDOMAIN, one for every other rcode.
std::uint64_t class_hash(const std::string& reply) {
  const auto rcode = static_cast<std::uint8_t>(reply[3]) & 0x0F;
  if (rcode == kRcodeNxDomain) return 1;
  if (rcode != 0) return 2;
  const std::size_t end = question_end(reply);
  std::uint64_t hash = 3;
  for (std::size_t i = kHeaderSize; i < end; ++i) {
    auto c = static_cast<std::uint8_t>(reply[i]);
    if (c >= 'A' && c <= 'Z') c = static_cast<std::uint8_t>(c | 0x20);
    hash = hash * 31 + c;
  }
  return hash;
}

std::size_t power_of_two_at_least(std::size_t n) {
  std::size_t size = 1;
  while (size < n) size <<= 1;
  return size;
}

}  // namespace

ResponseRateLimiter::ResponseRateLimiter(RateLimitOptions options)
    : options_(options),
      mask_(power_of_two_at_least(options.table_size) - 1),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(mask_ + 1)) {}

ResponseRateLimiter::Verdict ResponseRateLimiter::check(const sockaddr* client,
                                                        const std::string& reply,
                                                        std::uint32_t now_seconds) {
  if (options_.responses_per_second == 0 || reply.size() < kHeaderSize) return Verdict::Send;
  const std::uint64_t key = mix(prefix_hash(client), class_hash(reply)) * kMultiplier;
  std::atomic<std::uint64_t>& bucket = buckets_[(key >> 32) & mask_];
  // (second << 32) | responses counted in that second; a new second starts from zero.
  std::uint64_t seen = bucket.load(std::memory_order_relaxed);
  std::uint64_t next = 0;
  do {
    const bool same_second = (seen >> 32) == now_seconds;
    const std::uint32_t count = same_second ? static_cast<std::uint32_t>(seen) : 0;
    next = (std::uint64_t{now_seconds} << 32) | (count == UINT32_MAX ? count : count + 1);
  } while (!bucket.compare_exchange_weak(seen, next, std::memory_order_relaxed));
  const auto count = static_cast<std::uint32_t>(next);
  if (count <= options_.responses_per_second) return Verdict::Send;
  limited_.fetch_add(1, std::memory_order_relaxed);
  const std::uint32_t over = count - options_.responses_per_second;
  return options_.slip != 0 && over % options_.slip == 0 ? Verdict::Slip : Verdict::Drop;
}

void truncate_to_question(std::string& reply) {
  const std::size_t end = question_end(reply);
  if (end == 0) return;
  reply.resize(end);
  reply[2] = static_cast<char>(reply[2] | 0x02);               // TC
  for (std::size_t i = 6; i < kHeaderSize; ++i) reply[i] = 0;  // no answer, authority, additional
}

}  // namespace ordinal::dns
