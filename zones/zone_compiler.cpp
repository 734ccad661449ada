#include "zones/zone_compiler.hpp"

#include <map>

#include "zones/dns_name.hpp"
#include "zones/node_renderer.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::zones {
namespace {

using Owners = std::map<std::string, RRsets>;

class OwnersLookup final : public RRsetLookup {
 public:
  explicit OwnersLookup(const Owners& owners) : owners_(owners) {}
  const std::vector<Record>* rrset(const std::string& owner, std::uint16_t type) const override {
    const auto node = owners_.find(owner);
    if (node == owners_.end()) return nullptr;
    const auto set = node->second.find(type);
    return set == node->second.end() ? nullptr : &set->second;
  }

 private:
  const Owners& owners_;
};

Owners group(std::vector<Record>& records, const std::string& apex) {
  std::map<std::string, std::vector<const Record*>> by_owner;
  for (auto& record : records) {
    record.owner = to_lower(record.owner);
    if (inside_zone(record.owner, apex)) by_owner[record.owner].push_back(&record);
  }
  Owners owners;
  for (const auto& [owner, list] : by_owner) owners.emplace(owner, canonical_rrsets(list));
  return owners;
}

void add_with_ancestors(Zone& zone, const std::string& name) {
  std::string current = name;
  while (inside_zone(current, zone.apex)) {
    const auto wire = name_to_wire(current);
    if (!wire) return;
    if (zone.nodes.find(*wire) == nullptr) zone.nodes.put(*wire, empty_node());
    if (current == zone.apex) return;
    current = current.substr(current.find('.') + 1);
  }
}

std::string soa_rdata_wire(const SoaData& soa) {
  std::string out = name_to_wire(soa.mname).value_or(std::string(1, '\0'));
  out += name_to_wire(soa.rname).value_or(std::string(1, '\0'));
  for (auto v : {soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum}) append_u32(out, v);
  return out;
}

}  // namespace

Zone zone_frame(const std::string& apex, bool reverse, const Record& soa) {
  Zone zone;
  zone.apex = to_lower(apex);
  zone.apex_wire = name_to_wire(zone.apex).value_or(std::string(1, '\0'));
  zone.reverse = reverse;
  zone.soa = std::get<SoaData>(soa.data);
  zone.soa_ttl = soa.ttl;
  zone.soa_rdata_wire = soa_rdata_wire(zone.soa);
  return zone;
}

std::shared_ptr<const Zone> uncached_frame(const std::string& apex, bool reverse,
                                           const Record& soa) {
  Record zero = soa;
  zero.ttl = 0;
  std::get<SoaData>(zero.data).minimum = 0;
  return std::make_shared<const Zone>(zone_frame(apex, reverse, zero));
}

Zone compile_zone(ZoneSource source) {
  Zone zone = zone_frame(source.apex, source.reverse, source.soa);
  zone.transfer.push_back(std::make_shared<const std::vector<RecordBlock>>(
      1, std::make_shared<const std::vector<Record>>(std::move(source.transfer))));
  source.records.push_back(source.soa);
  const Owners owners = group(source.records, zone.apex);
  const OwnersLookup lookup(owners);
  for (const auto& [owner, sets] : owners) {
    const auto wire = name_to_wire(owner);
    if (!wire) continue;  // a label over 63 octets cannot be asked for
    add_with_ancestors(zone, owner);
    zone.nodes.put(*wire, std::make_shared<const Node>(render_node(owner, sets, lookup)));
  }
  for (const auto& name : source.ents) add_with_ancestors(zone, to_lower(name));
  for (const auto& name : source.fleeting) {
    const auto wire = name_to_wire(to_lower(name));
    if (wire && inside_zone(to_lower(name), zone.apex)) zone.fleeting.put(*wire, empty_node());
  }
  if (zone.fleeting.size() != 0)
    zone.uncached = uncached_frame(zone.apex, zone.reverse, source.soa);
  return zone;
}

}  // namespace ordinal::zones
