#include "zones/zone_compiler.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "zones/dns_name.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::zones {
namespace {

constexpr int kMaxChain = 10;

using RRsets = std::map<std::uint16_t, std::vector<Record>>;
using Owners = std::map<std::string, RRsets>;

bool inside(const std::string& name, const std::string& apex) {
  return name == apex || (name.size() > apex.size() &&
                          name.compare(name.size() - apex.size(), apex.size(), apex) == 0 &&
                          name[name.size() - apex.size() - 1] == '.');
}

Owners group(std::vector<Record> records, const std::string& apex) {
  Owners owners;
  std::set<std::tuple<std::string, std::uint16_t, std::string>> seen;
  for (auto& record : records) {
    record.owner = to_lower(record.owner);
    if (!inside(record.owner, apex)) continue;
    // Duplicates (one address in two slices, one name for two endpoints) collapse.
    if (!seen.emplace(record.owner, record.type, rdata_to_text(record.data)).second) continue;
    owners[record.owner][record.type].push_back(std::move(record));
  }
  for (auto& [owner, sets] : owners) {
    for (auto& [type, set] : sets) {
      std::sort(set.begin(), set.end(), [](const Record& a, const Record& b) {
        return rdata_to_text(a.data) < rdata_to_text(b.data);
      });
    }
  }
  return owners;
}

const std::vector<Record>* rrset(const Owners& owners, const std::string& name,
                                 std::uint16_t type) {
  const auto node = owners.find(name);
  if (node == owners.end()) return nullptr;
  const auto set = node->second.find(type);
  return set == node->second.end() ? nullptr : &set->second;
}

std::string target_of(const Record& record) {
  if (const auto* srv = std::get_if<SrvData>(&record.data)) return srv->target;
  if (const auto* name = std::get_if<NameData>(&record.data)) return name->target;
  return {};
}

/// A and AAAA records of the targets of SRV and NS records (dns.md §6.2.3, §6.6).
std::vector<Record> glue_for(const std::vector<Record>& set, const Owners& owners) {
  std::vector<Record> glue;
  std::set<std::string> seen;
  for (const auto& record : set) {
    const std::string target = to_lower(target_of(record));
    if (!seen.insert(target).second) continue;
    for (auto type : {rr_type::kA, rr_type::kAaaa}) {
      if (const auto* addresses = rrset(owners, target, type)) {
        glue.insert(glue.end(), addresses->begin(), addresses->end());
      }
    }
  }
  return glue;
}

RenderedAnswer render(const std::string& owner, std::uint16_t qtype,
                      const std::vector<const std::vector<Record>*>& answer,
                      const std::vector<Record>& additional) {
  WireWriter writer(name_to_wire(owner).value_or(std::string(1, '\0')));
  RenderedAnswer out;
  out.qtype = qtype;
  const auto cut = [&] {
    out.cuts.push_back({static_cast<std::uint32_t>(writer.size() - writer.question_end()),
                        out.answer_count, out.additional_count});
  };
  cut();
  for (const auto* set : answer) {
    for (const auto& record : *set) writer.add(record);
    out.answer_count = static_cast<std::uint16_t>(out.answer_count + set->size());
    cut();
  }
  for (const auto& record : additional) {
    writer.add(record);
    ++out.additional_count;
    cut();
  }
  out.body = writer.bytes().substr(writer.question_end());
  return out;
}

/// dns.md §6.4: the CNAME first, then, for A/AAAA, the records of an in-zone target (following
/// further CNAMEs up to kMaxChain steps, loops cut).
RenderedAnswer render_alias(const std::string& owner, std::uint16_t qtype, const Owners& owners) {
  std::vector<const std::vector<Record>*> answer{rrset(owners, owner, rr_type::kCname)};
  std::set<std::string> visited{owner};
  std::string target = to_lower(target_of(answer.back()->front()));
  for (int step = 0; step < kMaxChain && qtype != rr_type::kCname; ++step) {
    if (!visited.insert(target).second) break;
    if (const auto* next = rrset(owners, target, rr_type::kCname)) {
      answer.push_back(next);
      target = to_lower(target_of(next->front()));
      continue;
    }
    if (const auto* records = rrset(owners, target, qtype)) answer.push_back(records);
    break;
  }
  return render(owner, qtype, answer, {});
}

Node render_node(const std::string& owner, const RRsets& sets, const Owners& owners) {
  Node node;
  if (sets.count(rr_type::kCname) != 0) {
    for (auto qtype : {rr_type::kCname, rr_type::kA, rr_type::kAaaa}) {
      node.answers.push_back(render_alias(owner, qtype, owners));
    }
    node.fallback = 0;
    node.any = 0;
    return node;
  }
  for (const auto& [type, set] : sets) {
    const bool glued = type == rr_type::kSrv || type == rr_type::kNs;
    node.answers.push_back(
        render(owner, type, {&set}, glued ? glue_for(set, owners) : std::vector<Record>{}));
  }
  if (!node.answers.empty()) node.any = 0;
  return node;
}

void add_with_ancestors(Zone& zone, const std::string& name) {
  std::string current = name;
  while (inside(current, zone.apex)) {
    const auto wire = name_to_wire(current);
    if (!wire) return;
    zone.nodes.try_emplace(*wire);
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

Zone compile_zone(ZoneSource source) {
  Zone zone;
  zone.apex = to_lower(source.apex);
  zone.apex_wire = name_to_wire(zone.apex).value_or(std::string(1, '\0'));
  zone.reverse = source.reverse;
  zone.soa = std::get<SoaData>(source.soa.data);
  zone.soa_ttl = source.soa.ttl;
  zone.soa_rdata_wire = soa_rdata_wire(zone.soa);
  zone.transfer = std::move(source.transfer);
  source.records.push_back(source.soa);
  const Owners owners = group(std::move(source.records), zone.apex);
  for (const auto& [owner, sets] : owners) {
    const auto wire = name_to_wire(owner);
    if (!wire) continue;  // a label over 63 octets cannot be asked for
    add_with_ancestors(zone, owner);
    zone.nodes[*wire] = render_node(owner, sets, owners);
  }
  for (const auto& name : source.ents) add_with_ancestors(zone, to_lower(name));
  return zone;
}

}  // namespace ordinal::zones
