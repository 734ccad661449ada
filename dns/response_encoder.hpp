#pragma once
// The one writer of replies (STYLE rule 4): header, the question copied from the query (its
// case kept), the pre-rendered sections cut to fit, the negative-answer SOA and the OPT record.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "dns/answer_plan.hpp"
#include "dns/message.hpp"
#include "dns/query_parser.hpp"

namespace ordinal::dns {

/// Replaces `out` with the reply to `query` (parsed from `packet`) following `plan`, at most
/// `max_size` octets. When the Answer (or a negative reply's Authority) does not fit, whole
/// RRsets are left out and TC is set; Additional records that do not fit are dropped silently
/// (dns.md §12). `edns_size` is the UDP size announced in our OPT record.
void encode_reply(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                  const AnswerPlan& plan, std::size_t max_size, std::uint16_t edns_size,
                  std::string& out);

/// Replaces `out` with a header-only reply carrying `rcode` (FORMERR, NOTIMP): ID, opcode and RD
/// echoed from `query`, every count zero.
void encode_error(const ParsedQuery& query, Rcode rcode, std::string& out);

}  // namespace ordinal::dns
