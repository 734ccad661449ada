#pragma once
// Turns a zone's records into a Zone with every answer pre-rendered in wire form (STYLE rule
// 2): RRsets grouped by name and type, SRV and NS glue attached, CNAME chains inside the zone
// followed, empty non-terminals created for every ancestor of an owner.
#include <string>
#include <vector>

#include "zones/record.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

struct ZoneSource {
  std::string apex;  ///< absolute, lower case
  bool reverse = false;
  Record soa;                     ///< the apex SOA
  std::vector<Record> records;    ///< everything else served (owners inside the zone)
  std::vector<std::string> ents;  ///< names that exist without records
  std::vector<Record> transfer;   ///< export order, SOA excluded
};

/// Pure; records whose owner lies outside the apex are dropped.
Zone compile_zone(ZoneSource source);

}  // namespace ordinal::zones
