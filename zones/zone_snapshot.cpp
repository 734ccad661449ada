#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

const RenderedAnswer::Cut& RenderedAnswer::fit(std::size_t limit) const {
  const Cut* best = &cuts.front();
  for (const Cut& cut : cuts) {
    if (cut.end > limit) break;
    best = &cut;
  }
  return *best;
}

const RenderedAnswer* Node::find(std::uint16_t qtype) const {
  if (qtype == rr_type::kAny) {
    return any >= 0 ? &answers[static_cast<std::size_t>(any)] : nullptr;
  }
  for (const auto& answer : answers) {
    if (answer.qtype == qtype) return &answer;
  }
  return fallback >= 0 ? &answers[static_cast<std::size_t>(fallback)] : nullptr;
}

const Node* Zone::find(std::string_view lower_wire) const {
  return nodes.find(lower_wire);
}

const Zone& Zone::negative_for(std::string_view lower_wire) const {
  if (uncached && fleeting.find(lower_wire) != nullptr) return *uncached;
  return *this;
}

ZoneSnapshot::ZoneSnapshot(std::vector<Zone> zones, std::uint32_t serial)
    : zones_(std::move(zones)), serial_(serial) {}

const Zone* ZoneSnapshot::find_zone(std::string_view lower_wire, std::size_t& apex_offset) const {
  // Walk label boundaries from the left: the first suffix that is an apex is the longest.
  std::size_t at = 0;
  while (at < lower_wire.size()) {
    const std::string_view suffix = lower_wire.substr(at);
    for (const Zone& zone : zones_) {
      if (suffix == zone.apex_wire) {
        apex_offset = at;
        return &zone;
      }
    }
    if (lower_wire[at] == '\0') break;
    at += 1U + static_cast<std::uint8_t>(lower_wire[at]);
  }
  return nullptr;
}

}  // namespace ordinal::zones
