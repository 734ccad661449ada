#include "dns/transfer_handler.hpp"

#include "dns/message.hpp"
#include "dns/query_parser.hpp"
#include "dns/response_encoder.hpp"
#include "dns/zone_transfer.hpp"

namespace ordinal::dns {
namespace {

std::vector<std::string> error_reply(const ParsedQuery& query, Rcode rcode) {
  std::string out;
  encode_error(query, rcode, out);
  return {std::move(out)};
}

/// The zone whose apex is the question name, or nullptr.
const zones::Zone* zone_at_apex(const zones::ZoneSnapshot& snapshot, const ParsedQuery& query) {
  std::size_t apex_offset = 0;
  const zones::Zone* zone = snapshot.find_zone(query.lower_name(), apex_offset);
  return zone != nullptr && apex_offset == 0 ? zone : nullptr;
}

/// The same zone in an older version of the snapshot.
const zones::Zone* same_zone(const zones::ZoneSnapshot& version, const zones::Zone& zone) {
  for (const zones::Zone& candidate : version.zones()) {
    if (candidate.apex == zone.apex) return &candidate;
  }
  return nullptr;
}

std::vector<std::string> answer_ixfr(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                                     const zones::Zone& zone, const TransferPolicy& policy) {
  const auto client_serial = ixfr_client_serial(packet, query);
  if (!client_serial) return error_reply(query, Rcode::FormErr);
  // RFC 1982 serial arithmetic: the client has ours, or one we have not reached (a restarted
  // primary's clock went back) — either way nothing newer to give.
  const auto ahead = static_cast<std::int32_t>(*client_serial - zone.soa.serial);
  if (ahead >= 0) return render_soa_only(packet, query, zone);
  const auto version = policy.journal ? policy.journal->find(*client_serial) : nullptr;
  const zones::Zone* before = version ? same_zone(*version, zone) : nullptr;
  if (before == nullptr) return render_axfr(packet, query, zone);  // RFC 1995 §4
  return render_ixfr(packet, query, zone, before->soa, zone_difference(*before, zone));
}

}  // namespace

std::vector<std::string> answer_transfer(std::span<const std::uint8_t> packet,
                                         const zones::ZoneSnapshot* snapshot,
                                         const boost::asio::ip::address& client,
                                         const TransferPolicy& policy) {
  ParsedQuery query;
  if (parse_query(packet, query)) return error_reply(query, Rcode::FormErr);
  if (!policy.allowed.allows(client)) return error_reply(query, Rcode::Refused);
  if (snapshot == nullptr) return error_reply(query, Rcode::ServFail);
  const zones::Zone* zone = zone_at_apex(*snapshot, query);
  if (zone == nullptr || query.qclass != zones::kClassIn) {
    return error_reply(query, Rcode::Refused);
  }
  if (query.qtype == zones::rr_type::kIxfr) return answer_ixfr(packet, query, *zone, policy);
  return render_axfr(packet, query, *zone);
}

}  // namespace ordinal::dns
