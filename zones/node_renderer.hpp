#pragma once
// Renders the answers of one name in wire form (STYLE rule 2): RRsets grouped by type, SRV and
// NS glue attached, CNAME chains inside the zone followed. Shared by the full build
// (zone_compiler) and the incremental one (incremental_zone), so both produce the same bytes.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "zones/record.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// The RRsets of one owner by type, in canonical order (see canonical_rrsets).
using RRsets = std::map<std::uint16_t, std::vector<Record>>;

/// Read access to the RRsets of other names while one name is rendered (glue, CNAME targets).
class RRsetLookup {
 public:
  virtual ~RRsetLookup() = default;
  /// The records of type `type` owned by `owner` (absolute, lower case), or nullptr.
  [[nodiscard]] virtual const std::vector<Record>* rrset(const std::string& owner,
                                                         std::uint16_t type) const = 0;
};

/// True when `name` is `apex` or below it (both absolute, lower case).
[[nodiscard]] bool inside_zone(const std::string& name, const std::string& apex);

/// Records of one owner in canonical order: duplicates (same type and RDATA text) dropped,
/// the first kept; each RRset sorted by RDATA text. Pure.
RRsets canonical_rrsets(const std::vector<const Record*>& records);

/// The node for `owner` (lower case) with records `sets`; other names are read through
/// `others`. A CNAME owner answers CNAME, A and AAAA with the chain, and every other type with
/// the CNAME (dns.md §6.4). Pure apart from the reads.
Node render_node(const std::string& owner, const RRsets& sets, const RRsetLookup& others);

}  // namespace ordinal::zones
