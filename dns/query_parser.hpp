#pragma once
// Decodes the question and the EDNS OPT record of a query packet, without allocating. The
// first pipeline stage: everything after it works on a ParsedQuery.
//
// Accepted: QR=0, opcode QUERY, exactly one question whose name is uncompressed (labels of
// 1–63 octets, at most 255 octets in all), then any Answer/Authority/Additional records the
// counts announce (names there may be compressed; loops and forward jumps are rejected), at
// most one OPT and only at the root, and nothing after the last record.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>

#include "dns/message.hpp"

namespace ordinal::dns {

struct EdnsInfo {
  std::uint16_t udp_size = 512;
  std::uint8_t version = 0;
  bool dnssec_ok = false;
};

struct ParsedQuery {
  std::uint16_t id = 0;
  std::uint16_t flags = 0;
  /// The question name as received (case kept), a view into the packet.
  std::string_view qname;
  /// The question name in lower case, uncompressed wire form: the first `lower_size` octets
  /// (room for one more eight-octet word, which the parser writes whole). Left uninitialised:
  /// clearing it would cost more per query than the rest of the parse. (parse_query resets
  /// every other field: a new field must be reset there too.)
  char lower[256 + 8];
  std::size_t lower_size = 0;
  /// zones::WireNameHash of the lower-case name, computed while it was lower-cased.
  std::uint64_t lower_hash = 0;
  /// Bit i is set when a label starts at octet i of the name (0 is always set): a zone apex
  /// is a suffix of the name only where a label starts.
  std::uint64_t label_starts[4] = {};
  std::uint16_t qtype = 0;
  std::uint16_t qclass = 0;
  std::size_t question_end = 0;  ///< offset of the first octet after the question
  std::optional<EdnsInfo> edns;

  [[nodiscard]] std::string_view lower_name() const { return {lower, lower_size}; }
  /// Whether a label of the name starts at octet `offset` (< 256).
  [[nodiscard]] bool label_starts_at(std::size_t offset) const {
    return ((label_starts[offset >> 6] >> (offset & 63)) & 1U) != 0;
  }
};

/// Parses `packet` into `out`. On failure returns the reason; `out.id` and `out.flags` are set
/// whenever the header was complete, so an error reply can echo them.
std::error_code parse_query(std::span<const std::uint8_t> packet, ParsedQuery& out);
/// The same, with the reason as the enum and nullopt for success: the packet path's form, since
/// even an empty std::error_code costs a library call to build.
std::optional<QueryError> parse_question(std::span<const std::uint8_t> packet, ParsedQuery& out);

/// The offset just after the possibly compressed name at `at` in `packet`, or nullopt when it
/// is malformed (runs past the end, a label over 63 octets, a pointer that does not go strictly
/// backwards). For the records after the question, e.g. the SOA of an IXFR query.
std::optional<std::size_t> skip_name(std::span<const std::uint8_t> packet, std::size_t at);

}  // namespace ordinal::dns
