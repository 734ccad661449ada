#include "dns/query_parser.hpp"

#include <cstring>

#include "dns/message.hpp"

namespace ordinal::dns {
namespace {

constexpr std::uint16_t kOptType = 41;
constexpr std::size_t kMaxName = 255;
constexpr std::size_t kFixedRr = 10;  // type, class, TTL, RDLENGTH

/// Lower-cases ASCII letters in place, eight octets at a time (the hottest loop of a query).
/// Label length octets are at most 63, below 'A', so a whole wire name can go through.
void lower_case(char* text, std::size_t size) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text + i, 8);
    const std::uint64_t low7 = word & ~kHigh;
    const std::uint64_t at_least_a = low7 + (0x80 - 'A') * kOnes;  // high bit: >= 'A'
    const std::uint64_t above_z = low7 + (0x7F - 'Z') * kOnes;     // high bit: > 'Z'
    const std::uint64_t upper = at_least_a & ~above_z & ~word & kHigh;
    word |= upper >> 2;  // 0x80 >> 2 == 'a' - 'A'
    std::memcpy(text + i, &word, 8);
  }
  for (; i < size; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c - unsigned{'A'} < 26U) text[i] = static_cast<char>(c + ('a' - 'A'));
  }
}

/// Reads the uncompressed question name at `at` into out.qname and, lower-cased, out.lower;
/// returns the offset after it.
std::optional<std::size_t> read_question_name(std::span<const std::uint8_t> p, std::size_t at,
                                              ParsedQuery& out) {
  const std::size_t start = at;
  for (;;) {
    if (at >= p.size()) return std::nullopt;
    const std::uint8_t length = p[at];
    if (length > 63) return std::nullopt;  // pointers and extended label types
    if (at - start + 1U + length > kMaxName || at + 1U + length > p.size()) return std::nullopt;
    at += 1U + length;
    if (length == 0) break;
  }
  const std::size_t size = at - start;
  std::memcpy(out.lower, p.data() + start, size);
  lower_case(out.lower, size);
  out.lower_size = size;
  out.qname = {reinterpret_cast<const char*>(p.data()) + start, size};
  return at;
}

/// Skips a possibly compressed name; returns the offset after it and whether it was the root.
std::optional<std::size_t> skip_name(std::span<const std::uint8_t> p, std::size_t at, bool& root) {
  root = at < p.size() && p[at] == 0;
  std::optional<std::size_t> end;
  std::size_t limit = at;  // pointers must go strictly backwards: no loops
  for (int hops = 0; hops < 128; ++hops) {
    if (at >= p.size()) return std::nullopt;
    const std::uint8_t length = p[at];
    if ((length & 0xC0) == 0xC0) {
      if (at + 1 >= p.size()) return std::nullopt;
      const std::size_t target = static_cast<std::size_t>((length & 0x3F) << 8) | p[at + 1];
      if (!end) end = at + 2;
      if (target >= limit) return std::nullopt;
      limit = target;
      at = target;
      continue;
    }
    if (length > 63) return std::nullopt;
    at += 1U + length;
    if (length == 0) return end ? end : at;
  }
  return std::nullopt;
}

std::error_code read_opt(std::span<const std::uint8_t> p, std::size_t at, bool root,
                         ParsedQuery& out) {
  if (!root || out.edns) return QueryError::BadOpt;
  EdnsInfo edns;
  edns.udp_size = read_u16(p, at + 2);
  edns.version = p[at + 5];
  edns.dnssec_ok = (p[at + 6] & 0x80) != 0;
  out.edns = edns;
  return {};
}

std::error_code skip_records(std::span<const std::uint8_t> p, std::size_t& at, std::size_t count,
                             bool additional, ParsedQuery& out) {
  for (std::size_t i = 0; i < count; ++i) {
    bool root = false;
    const auto after_name = skip_name(p, at, root);
    if (!after_name || *after_name + kFixedRr > p.size()) return QueryError::Truncated;
    at = *after_name;
    const std::size_t rdlength = read_u16(p, at + 8);
    if (at + kFixedRr + rdlength > p.size()) return QueryError::Truncated;
    if (additional && read_u16(p, at) == kOptType) {
      if (auto error = read_opt(p, at, root, out)) return error;
    }
    at += kFixedRr + rdlength;
  }
  return {};
}

}  // namespace

std::optional<std::size_t> skip_name(std::span<const std::uint8_t> packet, std::size_t at) {
  bool root = false;
  return skip_name(packet, at, root);
}

std::error_code parse_query(std::span<const std::uint8_t> packet, ParsedQuery& out) {
  // Field by field rather than `out = ParsedQuery{}`, which would also clear the 255-octet
  // name buffer that read_question_name overwrites anyway.
  out.id = 0;
  out.flags = 0;
  out.qname = {};
  out.lower_size = 0;
  out.qtype = 0;
  out.qclass = 0;
  out.question_end = 0;
  out.edns.reset();
  if (packet.size() < kHeaderSize) return QueryError::TooShort;
  out.id = read_u16(packet, 0);
  out.flags = read_u16(packet, 2);
  if ((out.flags & flag::kQr) != 0) return QueryError::NotAQuery;
  if ((out.flags & flag::kOpcodeMask) != 0) return QueryError::BadOpcode;
  if (read_u16(packet, 4) != 1) return QueryError::BadQuestionCount;
  const auto after_name = read_question_name(packet, kHeaderSize, out);
  if (!after_name) return QueryError::BadName;
  if (*after_name + 4 > packet.size()) return QueryError::Truncated;
  out.qtype = read_u16(packet, *after_name);
  out.qclass = read_u16(packet, *after_name + 2);
  out.question_end = *after_name + 4;
  std::size_t at = out.question_end;
  const std::size_t records = std::size_t{read_u16(packet, 6)} + read_u16(packet, 8);
  if (auto error = skip_records(packet, at, records, false, out)) return error;
  if (auto error = skip_records(packet, at, read_u16(packet, 10), true, out)) return error;
  if (at != packet.size()) return QueryError::TrailingData;
  return {};
}

}  // namespace ordinal::dns
