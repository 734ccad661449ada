#pragma once
// One query packet in, one reply packet out: parse -> stages -> encode. Pure function of its
// arguments, used by the UDP and TCP listeners and by the tests without sockets (STYLE rule 10).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "zones/zone_snapshot.hpp"

namespace ordinal::dns {

enum class Transport { Udp, Tcp };

struct QueryLimits {
  /// Our EDNS UDP payload size (announced in OPT, and the cap on what a client may ask for).
  std::uint16_t edns_udp_size = 1232;
  /// An upstream is configured: names outside our zones are forwarded, not REFUSED.
  bool forward_outside = false;
  /// Zone transfers are configured (--allow-transfer): AXFR and IXFR over TCP are answered by
  /// the transfer handler (transfer_handler.hpp) instead of REFUSED.
  bool transfers = false;
};

enum class QueryAction {
  Reply,     ///< send `out`
  Drop,      ///< send nothing (too short for a header, or a response)
  Forward,   ///< relay the packet unchanged to an upstream; `out` untouched
  Transfer,  ///< a zone transfer over TCP: answer with answer_transfer(); `out` untouched
};

/// Answers `packet` from `snapshot` (null: SERVFAIL) into `out`. Malformed queries get
/// FORMERR, opcodes other than QUERY get NOTIMP. Never throws except std::bad_alloc.
QueryAction handle_query(std::span<const std::uint8_t> packet, const zones::ZoneSnapshot* snapshot,
                         Transport transport, const QueryLimits& limits, std::string& out);

/// At most this many packets go to one handle_queries() call.
inline constexpr std::size_t kMaxQueryBatch = 32;

/// Answers `packets` (at most kMaxQueryBatch) as handle_query() answers each in turn:
/// `actions[i]` and `replies[i]` are its action and `out` for `packets[i]`. Every question is
/// parsed, and where its name sits in the zone's table requested from memory, before the
/// first is answered: on a large zone each lookup is a cache miss, and this way those of a
/// batch overlap instead of following one another. Never throws except std::bad_alloc.
void handle_queries(std::span<const std::span<const std::uint8_t>> packets,
                    const zones::ZoneSnapshot* snapshot, Transport transport,
                    const QueryLimits& limits, std::span<std::string> replies,
                    std::span<QueryAction> actions);

/// A header-only SERVFAIL for `packet` (ID, opcode and RD echoed), e.g. when no upstream
/// answered. Empty when `packet` is shorter than a header.
std::string servfail_reply(std::span<const std::uint8_t> packet);
/// The same with REFUSED, e.g. when too many queries are being forwarded already.
std::string refused_reply(std::span<const std::uint8_t> packet);

}  // namespace ordinal::dns
