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

/// NOTAUTH for a request whose TSIG did not check out: unsigned for BADKEY and BADSIG (we
/// cannot or must not sign with the key it names), signed for BADTIME (RFC 8945 §5.2).
std::vector<std::string> tsig_error_reply(std::span<const std::uint8_t> packet,
                                          const TsigRecord& tsig, const TsigVerdict& verdict,
                                          std::uint64_t now) {
  ParsedQuery query;
  (void)parse_query(packet, query);  // only the ID and flags are echoed, set for any header
  std::string out;
  encode_error(query, static_cast<Rcode>(kRcodeNotAuth), out);
  if (verdict.error == TsigError::BadTime) {
    TsigSigner(*verdict.key, tsig, now).sign_bad_time(out);
  } else {
    append_unsigned_tsig(out, tsig, verdict.error);
  }
  return {std::move(out)};
}

/// `packet` without its closing TSIG record, which ARCOUNT then no longer counts.
std::vector<std::uint8_t> without_tsig(std::span<const std::uint8_t> packet,
                                       const TsigRecord& tsig) {
  std::vector<std::uint8_t> out(packet.begin(),
                                packet.begin() + static_cast<std::ptrdiff_t>(tsig.start));
  const auto count = static_cast<std::uint16_t>(((out[10] << 8) | out[11]) - 1);
  out[10] = static_cast<std::uint8_t>(count >> 8);
  out[11] = static_cast<std::uint8_t>(count & 0xFF);
  return out;
}

}  // namespace

std::optional<std::vector<std::string>> answer_signed_query(
    std::span<const std::uint8_t> packet, const zones::ZoneSnapshot* snapshot,
    const boost::asio::ip::address& client, Transport transport, const QueryLimits& limits,
    const TransferPolicy& policy, std::uint64_t now) {
  TsigRecord tsig;
  const TsigPresence presence = find_tsig(packet, tsig);
  if (presence == TsigPresence::Absent) return std::nullopt;
  if (presence == TsigPresence::Malformed) {
    ParsedQuery query;
    (void)parse_query(packet, query);
    return error_reply(query, Rcode::FormErr);
  }
  const TsigVerdict verdict = verify_tsig(packet, tsig, policy.keys, now);
  if (verdict.error != TsigError::None) return tsig_error_reply(packet, tsig, verdict, now);
  const std::vector<std::uint8_t> request = without_tsig(packet, tsig);
  std::vector<std::string> messages(1);
  switch (handle_query(request, snapshot, transport, limits, messages[0])) {
    case QueryAction::Drop:
      return std::vector<std::string>{};
    case QueryAction::Forward:
      // A relayed answer could not carry our signature.
      messages[0] = refused_reply(request);
      break;
    case QueryAction::Transfer:
      messages = answer_transfer(request, snapshot, client, policy, true);
      break;
    case QueryAction::Reply:
      break;
  }
  TsigSigner signer(*verdict.key, tsig, now);
  for (std::string& message : messages) signer.sign(message);
  return messages;
}

std::vector<std::string> answer_transfer(std::span<const std::uint8_t> packet,
                                         const zones::ZoneSnapshot* snapshot,
                                         const boost::asio::ip::address& client,
                                         const TransferPolicy& policy, bool authenticated) {
  ParsedQuery query;
  if (parse_query(packet, query)) return error_reply(query, Rcode::FormErr);
  // As Knot's `acl { address; key; }`: with keys, the address alone is not enough.
  if (!policy.allowed.allows(client) || (!policy.keys.empty() && !authenticated)) {
    return error_reply(query, Rcode::Refused);
  }
  if (snapshot == nullptr) return error_reply(query, Rcode::ServFail);
  const zones::Zone* zone = zone_at_apex(*snapshot, query);
  if (zone == nullptr || query.qclass != zones::kClassIn) {
    return error_reply(query, Rcode::Refused);
  }
  if (query.qtype == zones::rr_type::kIxfr) return answer_ixfr(packet, query, *zone, policy);
  return render_axfr(packet, query, *zone);
}

}  // namespace ordinal::dns
