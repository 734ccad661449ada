#include "dns/query_stages.hpp"

#include <array>

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

/// dns.md §11: names outside every served zone go to --upstream when one is configured (the
/// plan says so, the listener relays), otherwise REFUSED without AA.
bool match_zone(const ParsedQuery& query, const zones::ZoneSnapshot& snapshot, AnswerPlan& plan) {
  plan.negative_zone = snapshot.find_zone(query.lower_name(), plan.apex_offset);
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
  const zones::Node* node = plan.negative_zone->find(query.lower_name());
  if (node == nullptr) {
    plan.rcode = Rcode::NxDomain;
    // A declared StatefulSet member that is not answerable yet is denied with a SOA of TTL and
    // MINIMUM 0 (zones/peer_records.hpp), so no resolver caches its absence.
    plan.negative_zone = &plan.negative_zone->negative_for(query.lower_name());
    return true;
  }
  plan.answer = node->find(query.qtype);
  if (plan.answer != nullptr) plan.negative_zone = nullptr;
  return true;
}

constexpr std::array<Stage, 5> kStages = {
    check_edns_version, check_class, refuse_transfer, match_zone, lookup_name,
};

}  // namespace

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
  for (Stage stage : kStages) {
    if (stage(query, *snapshot, plan)) {
      if (plan.rcode != Rcode::NoError) plan.forward = false;
      return plan;
    }
  }
  plan.rcode = Rcode::ServFail;
  return plan;
}

}  // namespace ordinal::dns
