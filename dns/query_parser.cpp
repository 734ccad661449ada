#include "dns/query_parser.hpp"

#include <bit>
#include <cstring>

#include "dns/message.hpp"
#include "zones/node_table.hpp"

namespace ordinal::dns {
namespace {

constexpr std::uint16_t kOptType = 41;
constexpr std::size_t kMaxName = 255;
constexpr std::size_t kFixedRr = 10;  // type, class, TTL, RDLENGTH

/// Lower-cases the ASCII letters of eight octets at once. Label length octets are at most 63,
/// below 'A', so a whole wire name can go through.
std::uint64_t lower_case(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const std::uint64_t low7 = word & ~kHigh;
  const std::uint64_t at_least_a = low7 + (0x80 - 'A') * kOnes;  // high bit: >= 'A'
  const std::uint64_t above_z = low7 + (0x7F - 'Z') * kOnes;     // high bit: > 'Z'
  const std::uint64_t upper = at_least_a & ~above_z & ~word & kHigh;
  return word | (upper >> 2);  // 0x80 >> 2 == 'a' - 'A'
}

/// The last `left` (1-7) octets before `end` as a word zero-padded as memcpy into a zeroed word
/// would give. Reads the eight octets before `end`, which the header guarantees exist.
std::uint64_t tail_word(const std::uint8_t* end, std::size_t left) {
  std::uint64_t word;
  std::memcpy(&word, end - 8, 8);
  const unsigned shift = 8U * static_cast<unsigned>(8 - left);
  if constexpr (std::endian::native == std::endian::little) return word >> shift;
  return word << shift;
}

/// Reads the uncompressed question name that follows the header: validates its labels and
/// notes where each starts (one walk), then copies it lower-cased into out.lower and hashes it
/// (one pass, eight octets at a time: the hottest loop of a query). Returns the offset after
/// the name.
std::optional<std::size_t> read_question_name(std::span<const std::uint8_t> p, ParsedQuery& out) {
  const std::uint8_t* name = p.data() + kHeaderSize;
  const std::size_t available = p.size() - kHeaderSize;
  std::size_t size = 0;
  for (;;) {
    if (size >= available) return std::nullopt;
    const std::uint8_t length = name[size];
    if (length > 63) return std::nullopt;  // pointers and extended label types
    if (size + 1U + length > kMaxName || size + 1U + length > available) return std::nullopt;
    out.label_starts[size >> 6] |= std::uint64_t{1} << (size & 63);
    size += 1U + length;
    if (length == 0) break;
  }
  std::uint64_t hash = zones::wire_hash::start(size);
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, name + i, 8);
    word = lower_case(word);
    std::memcpy(out.lower + i, &word, 8);
    hash = zones::wire_hash::step(hash, word);
  }
  if (i < size) {
    const std::uint64_t word = lower_case(tail_word(name + size, size - i));
    std::memcpy(out.lower + i, &word, 8);  // i < 255: the buffer has room for the whole word
    hash = zones::wire_hash::step(hash, word);
  }
  out.lower_hash = zones::wire_hash::finish(hash);
  out.lower_size = size;
  out.qname = {reinterpret_cast<const char*>(name), size};
  return kHeaderSize + size;
}

/// Skips a possibly compressed name; returns the offset after it and whether it was the root.
std::optional<std::size_t> skip_name_root(std::span<const std::uint8_t> p, std::size_t at,
                                          bool& root) {
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

std::optional<QueryError> read_opt(std::span<const std::uint8_t> p, std::size_t at, bool root,
                                   ParsedQuery& out) {
  if (!root || out.edns) return QueryError::BadOpt;
  EdnsInfo edns;
  edns.udp_size = read_u16(p, at + 2);
  edns.version = p[at + 5];
  edns.dnssec_ok = (p[at + 6] & 0x80) != 0;
  out.edns = edns;
  return std::nullopt;
}

std::optional<QueryError> skip_records(std::span<const std::uint8_t> p, std::size_t& at,
                                       std::size_t count, bool additional, ParsedQuery& out) {
  for (std::size_t i = 0; i < count; ++i) {
    bool root = false;
    const auto after_name = skip_name_root(p, at, root);
    if (!after_name || *after_name + kFixedRr > p.size()) return QueryError::Truncated;
    at = *after_name;
    const std::size_t rdlength = read_u16(p, at + 8);
    if (at + kFixedRr + rdlength > p.size()) return QueryError::Truncated;
    if (additional && read_u16(p, at) == kOptType) {
      if (auto error = read_opt(p, at, root, out)) return error;
    }
    at += kFixedRr + rdlength;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> skip_name(std::span<const std::uint8_t> packet, std::size_t at) {
  bool root = false;
  return skip_name_root(packet, at, root);
}

std::optional<QueryError> parse_question(std::span<const std::uint8_t> packet, ParsedQuery& out) {
  // Field by field rather than `out = ParsedQuery{}`, which would also clear the name buffer
  // that read_question_name overwrites anyway.
  out.id = 0;
  out.flags = 0;
  out.qname = {};
  out.lower_size = 0;
  out.lower_hash = 0;
  out.label_starts[0] = out.label_starts[1] = out.label_starts[2] = out.label_starts[3] = 0;
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
  const auto after_name = read_question_name(packet, out);
  if (!after_name) return QueryError::BadName;
  if (*after_name + 4 > packet.size()) return QueryError::Truncated;
  out.qtype = read_u16(packet, *after_name);
  out.qclass = read_u16(packet, *after_name + 2);
  out.question_end = *after_name + 4;
  std::size_t at = out.question_end;
  const std::size_t records = std::size_t{read_u16(packet, 6)} + read_u16(packet, 8);
  const std::size_t additional = read_u16(packet, 10);
  if (records + additional == 0) {  // the common query: a bare question
    if (at != packet.size()) return QueryError::TrailingData;
    return std::nullopt;
  }
  if (auto error = skip_records(packet, at, records, false, out)) return error;
  if (auto error = skip_records(packet, at, additional, true, out)) return error;
  if (at != packet.size()) return QueryError::TrailingData;
  return std::nullopt;
}

std::error_code parse_query(std::span<const std::uint8_t> packet, ParsedQuery& out) {
  if (const auto error = parse_question(packet, out)) return *error;
  return {};
}

}  // namespace ordinal::dns
