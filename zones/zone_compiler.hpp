#pragma once
// Turns a zone's records into a Zone with every answer pre-rendered in wire form (STYLE rule
// 2), from scratch: RRsets grouped by name and type (node_renderer), empty non-terminals
// created for every ancestor of an owner.
#include <string>
#include <vector>

#include "zones/record.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

struct ZoneSource {
  std::string apex;  ///< absolute, lower case
  bool reverse = false;
  Record soa;                         ///< the apex SOA
  std::vector<Record> records;        ///< everything else served (owners inside the zone)
  std::vector<std::string> ents;      ///< names that exist without records
  std::vector<Record> transfer;       ///< export order, SOA excluded
  std::vector<std::string> fleeting;  ///< missing names answered NXDOMAIN uncached
};

/// Pure; records whose owner lies outside the apex are dropped.
Zone compile_zone(ZoneSource source);

/// The zone fields every build fills the same way: apex, SOA and its wire form; no names.
Zone zone_frame(const std::string& apex, bool reverse, const Record& soa);
/// The frame of Zone::uncached: zone_frame with the SOA's TTL and MINIMUM set to 0.
std::shared_ptr<const Zone> uncached_frame(const std::string& apex, bool reverse,
                                           const Record& soa);

}  // namespace ordinal::zones
