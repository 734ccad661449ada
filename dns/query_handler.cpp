#include "dns/query_handler.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "dns/message.hpp"
#include "dns/query_parser.hpp"
#include "dns/query_stages.hpp"
#include "dns/response_encoder.hpp"
#include "zones/record.hpp"

namespace ordinal::dns {
namespace {

std::size_t reply_limit(const ParsedQuery& query, Transport transport, const QueryLimits& limits) {
  if (transport == Transport::Tcp) return kTcpMaximum;
  if (!query.edns) return kUdpMinimum;
  const std::size_t ours = std::max<std::size_t>(limits.edns_udp_size, kUdpMinimum);
  return std::clamp<std::size_t>(query.edns->udp_size, kUdpMinimum, ours);
}

/// handle_query() after the parse: `error` is what parse_question() returned for `query`.
QueryAction answer_parsed(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                          std::optional<QueryError> error, const zones::ZoneSnapshot* snapshot,
                          Transport transport, const QueryLimits& limits, std::string& out) {
  // Bad packets become FORMERR or a drop here, and only here (STYLE rule 8).
  if (error) {
    switch (*error) {
      case QueryError::TooShort:
      case QueryError::NotAQuery:
        return QueryAction::Drop;
      case QueryError::BadOpcode:
        encode_error(query, Rcode::NotImp, out);
        return QueryAction::Reply;
      default:
        encode_error(query, Rcode::FormErr, out);
        return QueryAction::Reply;
    }
  }
  if (limits.transfers && transport == Transport::Tcp &&
      (query.qtype == zones::rr_type::kAxfr || query.qtype == zones::rr_type::kIxfr)) {
    return QueryAction::Transfer;
  }
  const AnswerPlan plan = plan_answer(query, snapshot, limits.forward_outside);
  if (plan.forward) return QueryAction::Forward;
  encode_reply(packet, query, plan, reply_limit(query, transport, limits), limits.edns_udp_size,
               out);
  return QueryAction::Reply;
}

}  // namespace

QueryAction handle_query(std::span<const std::uint8_t> packet, const zones::ZoneSnapshot* snapshot,
                         Transport transport, const QueryLimits& limits, std::string& out) {
  ParsedQuery query;
  const auto error = parse_question(packet, query);
  return answer_parsed(packet, query, error, snapshot, transport, limits, out);
}

void handle_queries(std::span<const std::span<const std::uint8_t>> packets,
                    const zones::ZoneSnapshot* snapshot, Transport transport,
                    const QueryLimits& limits, std::span<std::string> replies,
                    std::span<QueryAction> actions) {
  const std::size_t count = std::min(packets.size(), kMaxQueryBatch);
  std::array<ParsedQuery, kMaxQueryBatch> queries;
  std::array<std::optional<QueryError>, kMaxQueryBatch> errors;
  for (std::size_t i = 0; i < count; ++i) {
    errors[i] = parse_question(packets[i], queries[i]);
    if (!errors[i] && snapshot != nullptr) prefetch_answer(queries[i], *snapshot);
  }
  for (std::size_t i = 0; i < count; ++i) {
    actions[i] =
        answer_parsed(packets[i], queries[i], errors[i], snapshot, transport, limits, replies[i]);
  }
}

namespace {

std::string header_only_reply(std::span<const std::uint8_t> packet, Rcode rcode) {
  std::string out;
  if (packet.size() < kHeaderSize) return out;
  ParsedQuery header;
  header.id = static_cast<std::uint16_t>((packet[0] << 8) | packet[1]);
  header.flags = static_cast<std::uint16_t>((packet[2] << 8) | packet[3]);
  encode_error(header, rcode, out);
  return out;
}

}  // namespace

std::string servfail_reply(std::span<const std::uint8_t> packet) {
  return header_only_reply(packet, Rcode::ServFail);
}

std::string refused_reply(std::span<const std::uint8_t> packet) {
  return header_only_reply(packet, Rcode::Refused);
}

}  // namespace ordinal::dns
