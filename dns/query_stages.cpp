#include "dns/query_stages.hpp"

#include "zones/record.hpp"

namespace ordinal::dns {
namespace {

using Stage = bool (*)(const ParsedQuery&, const zones::ZoneSnapshot&, AnswerPlan&);

/// RFC 6891 §6.1.3: only EDNS version 0 exists.
bool check_edns_version(const ParsedQuery& query, const zones::ZoneSnapshot&, AnswerPlan& plan) {
  if (!query.edns || query.edns->version == 0) return false;
  plan.rcode = Rcode::BadVers;
  return true;
}

/// dns.md §11: classes other than IN are refused.
bool check_class(const ParsedQuery& query, const zones::ZoneSnapshot&, AnswerPlan& plan) {
  if (query.qclass == zones::kClassIn) return false;
  plan.rcode = Rcode::Refused;
  return true;
}

/// dns.md §6.9: zone transfers are refused until implemented.
bool refuse_transfer(const ParsedQuery& query, const zones::ZoneSnapshot&, AnswerPlan& plan) {
  if (query.qtype != zones::rr_type::kAxfr && query.qtype != zones::rr_type::kIxfr) return false;
  plan.rcode = Rcode::Refused;
  return true;
}

/// The most specific zone whose apex is a suffix of the question name starting where a label
/// starts, with that offset; nullptr when none is. The parser noted the label starts, so this
/// compares one suffix per zone instead of walking the name (ZoneSnapshot::find_zone's answer,
/// without its walk).
const zones::Zone* zone_of(const ParsedQuery& query, const zones::ZoneSnapshot& snapshot,
                           std::size_t& apex_offset) {
  const zones::Zone* best = nullptr;
  std::size_t best_size = 0;
  for (const zones::Zone& zone : snapshot.zones()) {
    const std::size_t size = zone.apex_wire.size();
    if (size > query.lower_size || size <= best_size) continue;
    const std::size_t offset = query.lower_size - size;
    if (!query.label_starts_at(offset) ||
        !zones::same_octets(query.lower + offset, zone.apex_wire.data(), size)) {
      continue;
    }
    best = &zone;
    best_size = size;
    apex_offset = offset;
  }
  return best;
}

/// dns.md §11: names outside every served zone go to --upstream when one is configured (the
/// plan says so, the listener relays), otherwise REFUSED without AA.
bool match_zone(const ParsedQuery& query, const zones::ZoneSnapshot& snapshot, AnswerPlan& plan) {
  plan.negative_zone = zone_of(query, snapshot, plan.apex_offset);
  if (plan.negative_zone != nullptr) {
    plan.forward = false;
    return false;
  }
  if (!plan.forward) plan.rcode = Rcode::Refused;
  return true;
}

/// dns.md §7: an existing name answers or gets NODATA; a missing one NXDOMAIN. Both negative
/// forms carry the zone SOA.
bool lookup_name(const ParsedQuery& query, const zones::ZoneSnapshot&, AnswerPlan& plan) {
  plan.authoritative = true;
  const auto hit =
      plan.negative_zone->nodes.find_answer(query.lower_name(), query.lower_hash, query.qtype);
  if (hit.node == nullptr) {
    plan.rcode = Rcode::NxDomain;
    // A declared StatefulSet member that is not answerable yet is denied with a SOA of TTL and
    // MINIMUM 0 (zones/peer_records.hpp), so no resolver caches its absence.
    plan.negative_zone = &plan.negative_zone->negative_for(query.lower_name());
    return true;
  }
  plan.answer = hit.answer;
  if (plan.answer != nullptr) plan.negative_zone = nullptr;
  return true;
}

/// Runs `stages` in order until one finishes the plan; whether one did. A list of template
/// arguments rather than an array of pointers so that the compiler inlines every stage.
template <Stage... stages>
bool run_stages(const ParsedQuery& query, const zones::ZoneSnapshot& snapshot, AnswerPlan& plan) {
  return (stages(query, snapshot, plan) || ...);
}

/// The stages, in order.
constexpr auto kStages =
    run_stages<check_edns_version, check_class, refuse_transfer, match_zone, lookup_name>;

}  // namespace

void prefetch_answer(const ParsedQuery& query, const zones::ZoneSnapshot& snapshot) {
  std::size_t apex_offset = 0;
  if (const zones::Zone* zone = zone_of(query, snapshot, apex_offset)) {
    zone->nodes.prefetch(query.lower_hash);
  }
}

AnswerPlan plan_answer(const ParsedQuery& query, const zones::ZoneSnapshot* snapshot,
                       bool forward_outside) {
  AnswerPlan plan;
  if (snapshot == nullptr) {
    plan.rcode = Rcode::ServFail;
    return plan;
  }
  // match_zone keeps the flag only for names outside our zones; an earlier stage that decided
  // an error (BADVERS, REFUSED) clears it.
  plan.forward = forward_outside;
  if (kStages(query, *snapshot, plan)) {
    if (plan.rcode != Rcode::NoError) plan.forward = false;
    return plan;
  }
  plan.rcode = Rcode::ServFail;
  return plan;
}

}  // namespace ordinal::dns
