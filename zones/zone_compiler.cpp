#include "zones/zone_compiler.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "identity/parallel_ranges.hpp"
#include "zones/dns_name.hpp"
#include "zones/node_renderer.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::zones {
namespace {

/// Every owner's RRsets, sorted by owner.
using Owners = std::vector<std::pair<std::string, RRsets>>;

/// Fewer names than twice this are grouped or rendered on one thread: starting a thread costs
/// more.
constexpr std::size_t kChunk = 4096;

class OwnersLookup final : public RRsetLookup {
 public:
  explicit OwnersLookup(const Owners& owners) : owners_(owners) {}
  const std::vector<Record>* rrset(const std::string& owner, std::uint16_t type) const override {
    const auto node = std::lower_bound(owners_.begin(), owners_.end(), owner,
                                       [](const Owners::value_type& entry,
                                          const std::string& name) { return entry.first < name; });
    if (node == owners_.end() || node->first != owner) return nullptr;
    const auto set = node->second.find(type);
    return set == node->second.end() ? nullptr : &set->second;
  }

 private:
  const Owners& owners_;
};

/// ASCII lower case in place; most owners are lower case already and are left untouched.
void lower_in_place(std::string& name) {
  if (std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return;
  name = to_lower(name);
}

/// A record to sort by owner, the owner's first eight octets in front as a number that orders
/// as they do: most comparisons end there without reading the name, where a sort of bare
/// pointers read two scattered names per comparison (at 600,000 records, most of the sort).
struct ByOwner {
  std::uint64_t leading;
  Record* record;
};

std::uint64_t leading_octets(const std::string& name) {
  std::uint64_t out = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    out = (out << 8) | (i < name.size() ? static_cast<unsigned char>(name[i]) : 0U);
  }
  return out;
}

/// Orders records by owner: the leading octets, then the whole name on a tie.
bool owner_before(const ByOwner& a, const ByOwner& b) {
  if (a.leading != b.leading) return a.leading < b.leading;
  return a.record->owner < b.record->owner;
}

bool same_owner(const ByOwner& a, const ByOwner& b) {
  return a.leading == b.leading && a.record->owner == b.record->owner;
}

/// A stable sort by owner: large inputs as two halves sorted side by side, then merged (the
/// merge is stable too, taking from the first half on ties).
void sort_by_owner(std::vector<ByOwner>& keyed) {
  if (keyed.size() < 2 * kChunk) {
    std::stable_sort(keyed.begin(), keyed.end(), owner_before);
    return;
  }
  const auto middle = keyed.begin() + static_cast<std::ptrdiff_t>(keyed.size() / 2);
  identity::for_ranges(2, 1, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t half = begin; half < end; ++half) {
      if (half == 0) std::stable_sort(keyed.begin(), middle, owner_before);
      if (half == 1) std::stable_sort(middle, keyed.end(), owner_before);
    }
  });
  std::inplace_merge(keyed.begin(), middle, keyed.end(), owner_before);
}

/// The records inside the zone and its SOA grouped by owner (lower-cased in place; an owner's
/// only record is moved out), each owner's in canonical order. A sort of pointers rather than
/// a tree of names: a large cluster's zone has hundreds of thousands of owners; the sort, the
/// search for where each owner starts and the canonical ordering run on every core.
Owners group(std::vector<Record>& records, Record& soa, const std::string& apex) {
  std::vector<ByOwner> keyed;
  keyed.reserve(records.size() + 1);
  const auto consider = [&](Record& record) {
    lower_in_place(record.owner);
    if (inside_zone(record.owner, apex)) keyed.push_back({leading_octets(record.owner), &record});
  };
  for (auto& record : records) consider(record);
  consider(soa);  // last, and not appended to `records`: that could move every record
  // Stable: canonical_rrsets keeps the first of duplicate records.
  sort_by_owner(keyed);
  std::vector<char> first_of_owner(keyed.size());
  identity::for_ranges(keyed.size(), kChunk, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      first_of_owner[i] = i == 0 || !same_owner(keyed[i], keyed[i - 1]) ? 1 : 0;
    }
  });
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    if (first_of_owner[i] != 0) starts.push_back(i);
  }
  starts.push_back(keyed.size());
  Owners owners(starts.size() - 1);
  identity::for_ranges(owners.size(), kChunk, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (starts[i + 1] - starts[i] == 1) {
        // An owner's only record is canonical as it is (canonical_rrsets would copy it): moved.
        Record& record = *keyed[starts[i]].record;
        owners[i].first = record.owner;
        owners[i].second[record.type].push_back(std::move(record));
        continue;
      }
      std::vector<const Record*> group;
      group.reserve(starts[i + 1] - starts[i]);
      for (std::size_t k = starts[i]; k < starts[i + 1]; ++k) group.push_back(keyed[k].record);
      owners[i] = {group.front()->owner, canonical_rrsets(group)};
    }
  });
  return owners;
}

/// Makes the name `wire` (lower-case wire form, inside the zone) and each of its ancestors up
/// to the apex exist, as empty non-terminals where nothing is there yet. Walks the wire form's
/// suffixes and stops at the first name that exists: its ancestors were added with it.
void add_with_ancestors(Zone& zone, std::string_view wire) {
  while (zone.nodes.find(wire) == nullptr) {
    zone.nodes.put(wire, empty_node());
    if (wire.size() <= zone.apex_wire.size()) return;
    wire.remove_prefix(1 + static_cast<unsigned char>(wire.front()));
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
  Record soa = source.soa;
  Owners owners = group(source.records, soa, zone.apex);
  const OwnersLookup lookup(owners);
  // Rendering a name only reads `owners`, so the names are rendered on every core (a large
  // cluster's zone is hundreds of thousands of names), and so is the table filled.
  std::vector<std::pair<std::string, NodeTable::NodePtr>> rendered(owners.size());
  identity::for_ranges(owners.size(), kChunk, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const auto& [owner, sets] = owners[i];
      auto wire = name_to_wire(owner);
      if (!wire) continue;  // a label over 63 octets cannot be asked for
      rendered[i] = {std::move(*wire),
                     std::make_shared<const Node>(render_node(owner, sets, lookup))};
    }
  });
  zone.nodes = NodeTable::build(rendered);
  // Every ancestor of a name up to the apex exists, as an empty non-terminal where it owns
  // nothing (RFC 8020). The missing ones are found on every core by lookups alone, then added
  // here; most names' parents own records, and names side by side often share a missing one.
  std::array<std::vector<std::string_view>, identity::kMaxRangeParts> missing;
  identity::for_ranges(rendered.size(), kChunk,
                       [&](std::size_t part, std::size_t begin, std::size_t end) {
                         for (std::size_t i = begin; i < end; ++i) {
                           if (!rendered[i].second) continue;
                           std::string_view wire = rendered[i].first;
                           while (wire.size() > zone.apex_wire.size()) {
                             wire.remove_prefix(1 + static_cast<unsigned char>(wire.front()));
                             if (zone.nodes.find(wire) != nullptr) break;
                             if (missing[part].empty() || missing[part].back() != wire) {
                               missing[part].push_back(wire);
                             }
                           }
                         }
                       });
  for (const auto& part : missing) {
    for (const std::string_view wire : part) add_with_ancestors(zone, wire);
  }
  // Freeing the records and names read on the way is a tenth of a large build: on every core.
  identity::for_ranges(owners.size(), kChunk, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      owners[i] = {};
      rendered[i] = {};
    }
  });
  for (const auto& name : source.ents) {
    const std::string lower = to_lower(name);
    if (!inside_zone(lower, zone.apex)) continue;
    if (const auto wire = name_to_wire(lower)) add_with_ancestors(zone, *wire);
  }
  for (const auto& name : source.fleeting) {
    const std::string lower = to_lower(name);
    if (!inside_zone(lower, zone.apex)) continue;
    if (const auto wire = name_to_wire(lower)) zone.fleeting.put(*wire, empty_node());
  }
  if (zone.fleeting.size() != 0)
    zone.uncached = uncached_frame(zone.apex, zone.reverse, source.soa);
  return zone;
}

}  // namespace ordinal::zones
