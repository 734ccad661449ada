#include "zones/node_renderer.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "zones/dns_name.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::zones {
namespace {

constexpr int kMaxChain = 10;

std::string target_of(const Record& record) {
  if (const auto* srv = std::get_if<SrvData>(&record.data)) return srv->target;
  if (const auto* name = std::get_if<NameData>(&record.data)) return name->target;
  return {};
}

/// A and AAAA records of the targets of SRV and NS records (dns.md §6.2.3, §6.6).
std::vector<Record> glue_for(const std::vector<Record>& set, const RRsetLookup& others) {
  std::vector<Record> glue;
  std::set<std::string> seen;
  for (const auto& record : set) {
    const std::string target = to_lower(target_of(record));
    if (!seen.insert(target).second) continue;
    for (auto type : {rr_type::kA, rr_type::kAaaa}) {
      if (const auto* addresses = others.rrset(target, type)) {
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
RenderedAnswer render_alias(const std::string& owner, const std::vector<Record>& cname,
                            std::uint16_t qtype, const RRsetLookup& others) {
  std::vector<const std::vector<Record>*> answer{&cname};
  std::set<std::string> visited{owner};
  std::string target = to_lower(target_of(cname.front()));
  for (int step = 0; step < kMaxChain && qtype != rr_type::kCname; ++step) {
    if (!visited.insert(target).second) break;
    if (const auto* next = others.rrset(target, rr_type::kCname)) {
      answer.push_back(next);
      target = to_lower(target_of(next->front()));
      continue;
    }
    if (const auto* records = others.rrset(target, qtype)) answer.push_back(records);
    break;
  }
  return render(owner, qtype, answer, {});
}

}  // namespace

bool inside_zone(const std::string& name, const std::string& apex) {
  return name == apex || (name.size() > apex.size() &&
                          name.compare(name.size() - apex.size(), apex.size(), apex) == 0 &&
                          name[name.size() - apex.size() - 1] == '.');
}

RRsets canonical_rrsets(const std::vector<const Record*>& records) {
  // Most owners (a pod's name, a PTR) have one record, canonical as it is: no text to make.
  if (records.size() == 1) return {{records.front()->type, {*records.front()}}};
  // Each record's text once, as the key that orders and deduplicates it: converting in a sort's
  // comparator cost two conversions per comparison (thousands per render of a large SRV set).
  std::map<std::uint16_t, std::map<std::string, const Record*>> by_type;
  for (const Record* record : records) {
    by_type[record->type].emplace(rdata_to_text(record->data), record);  // the first one stays
  }
  RRsets sets;
  for (const auto& [type, by_text] : by_type) {
    auto& set = sets[type];
    set.reserve(by_text.size());
    for (const auto& [text, record] : by_text) set.push_back(*record);
  }
  return sets;
}

Node render_node(const std::string& owner, const RRsets& sets, const RRsetLookup& others) {
  Node node;
  if (const auto cname = sets.find(rr_type::kCname); cname != sets.end()) {
    for (auto qtype : {rr_type::kCname, rr_type::kA, rr_type::kAaaa}) {
      node.answers.push_back(render_alias(owner, cname->second, qtype, others));
    }
    node.fallback = 0;
    node.any = 0;
    return node;
  }
  for (const auto& [type, set] : sets) {
    const bool glued = type == rr_type::kSrv || type == rr_type::kNs;
    node.answers.push_back(
        render(owner, type, {&set}, glued ? glue_for(set, others) : std::vector<Record>{}));
  }
  if (!node.answers.empty()) node.any = 0;
  return node;
}

}  // namespace ordinal::zones
