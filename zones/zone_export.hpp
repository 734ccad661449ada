#pragma once
// `ordinal zone export`: a snapshot as RFC 1035 master-file text.
#include <string>

#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// The forward zone (reverse = false) as a zone file in the record order of dns.md §6.9 (SOA,
/// NS and glue, then Services sorted by name), which Knot and NSD load; or (reverse = true) the
/// reverse zones in-addr.arpa. and ip6.arpa., each opened by its own $ORIGIN and SOA and
/// separated by a comment line (one zone file each when split there). Pure; never throws except
/// std::bad_alloc.
std::string export_zone_text(const ZoneSnapshot& snapshot, bool reverse);

}  // namespace ordinal::zones
