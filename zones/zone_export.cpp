#include "zones/zone_export.hpp"

namespace ordinal::zones {
namespace {

void append_zone(const Zone& zone, std::string& out) {
  out += "$ORIGIN " + zone.apex + "\n";
  out += record_to_text(Record{zone.apex, rr_type::kSoa, zone.soa_ttl, zone.soa}) + "\n";
  for (const auto& run : zone.transfer) {
    for (const auto& block : *run) {
      for (const auto& record : *block) out += record_to_text(record) + "\n";
    }
  }
}

}  // namespace

std::string export_zone_text(const ZoneSnapshot& snapshot, bool reverse) {
  std::string out;
  for (const Zone& zone : snapshot.zones()) {
    if (zone.reverse != reverse) continue;
    if (!out.empty()) out += "; ---- next zone ----\n";
    out += "; zone " + zone.apex + " serial " + std::to_string(snapshot.serial()) + "\n";
    append_zone(zone, out);
  }
  return out;
}

}  // namespace ordinal::zones
