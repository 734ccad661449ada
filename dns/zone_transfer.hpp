#pragma once
// Zone transfer replies (AXFR, RFC 5936; IXFR, RFC 1995): a sequence of DNS messages for TCP,
// rendered from immutable snapshots. The records are the zone's transfer content (dns.md §6.9,
// the same as `ordinal zone export`), opened and closed by the SOA.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dns/query_parser.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::dns {

/// Largest message we fill before starting the next; below the 64 KiB a TCP message may hold,
/// so that one more record never overflows it.
inline constexpr std::size_t kTransferMessageSize = 16 * 1024;

/// Records removed and added between two versions of one zone, SOA excluded.
struct ZoneDifference {
  std::vector<zones::Record> removed;
  std::vector<zones::Record> added;
};

/// What changed from `before` to `after` (the same zone at two serials). Blocks of records
/// shared by both versions are skipped without looking inside, so the cost follows the change.
ZoneDifference zone_difference(const zones::Zone& before, const zones::Zone& after);

/// The AXFR reply to `query` (read from `packet`) for `zone`: SOA, every transfer record, SOA,
/// in messages of about kTransferMessageSize octets, each AA with the question copied.
std::vector<std::string> render_axfr(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                                     const zones::Zone& zone);

/// The serial of the SOA a client put in the Authority section of its IXFR query (RFC 1995
/// §3), or nullopt when it is missing or malformed.
std::optional<std::uint32_t> ixfr_client_serial(std::span<const std::uint8_t> packet,
                                                const ParsedQuery& query);

/// The IXFR reply (RFC 1995 §4) bringing a client from `client` to `zone`: one condensed
/// difference (new SOA, old SOA, removed, new SOA, added, new SOA). `difference` is
/// zone_difference(client version, zone).
std::vector<std::string> render_ixfr(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                                     const zones::Zone& zone, const zones::SoaData& client,
                                     const ZoneDifference& difference);

/// The reply to an IXFR from a client that is up to date: our SOA alone.
std::vector<std::string> render_soa_only(std::span<const std::uint8_t> packet,
                                         const ParsedQuery& query, const zones::Zone& zone);

}  // namespace ordinal::dns
