#include "dns/response_encoder.hpp"

#include "zones/record.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::dns {
namespace {

using zones::append_u16;
using zones::append_u32;

struct Counts {
  std::uint16_t answer = 0;
  std::uint16_t authority = 0;
  std::uint16_t additional = 0;
};

void write_header(const ParsedQuery& query, std::uint16_t flags, std::uint16_t questions,
                  const Counts& counts, std::string& out) {
  out.clear();
  append_u16(out, query.id);
  append_u16(out, flags);
  append_u16(out, questions);
  append_u16(out, counts.answer);
  append_u16(out, counts.authority);
  append_u16(out, counts.additional);
}

std::uint16_t reply_flags(const ParsedQuery& query, Rcode rcode, bool authoritative) {
  auto flags =
      static_cast<std::uint16_t>(flag::kQr | (query.flags & (flag::kOpcodeMask | flag::kRd)));
  if (authoritative) flags |= flag::kAa;
  return static_cast<std::uint16_t>(flags | (static_cast<std::uint16_t>(rcode) & 0x0F));
}

void append_negative_soa(const AnswerPlan& plan, std::string& out) {
  const zones::Zone& zone = *plan.negative_zone;
  append_u16(out, static_cast<std::uint16_t>(0xC000 | (kHeaderSize + plan.apex_offset)));
  append_u16(out, zones::rr_type::kSoa);
  append_u16(out, zones::kClassIn);
  append_u32(out, zone.soa_ttl);
  append_u16(out, static_cast<std::uint16_t>(zone.soa_rdata_wire.size()));
  out += zone.soa_rdata_wire;
}

void append_opt(const ParsedQuery& query, Rcode rcode, std::uint16_t edns_size, std::string& out) {
  out.push_back('\0');
  append_u16(out, zones::rr_type::kOpt);
  append_u16(out, edns_size);
  const auto extended = static_cast<std::uint32_t>(static_cast<std::uint16_t>(rcode) >> 4);
  append_u32(out, (extended << 24) | (query.edns->dnssec_ok ? 0x8000U : 0U));
  append_u16(out, 0);
}

}  // namespace

void encode_reply(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                  const AnswerPlan& plan, std::size_t max_size, std::uint16_t edns_size,
                  std::string& out) {
  const std::size_t fixed = query.question_end + (query.edns ? kOptSize : 0);
  const std::size_t room = max_size > fixed ? max_size - fixed : 0;
  Counts counts;
  bool truncated = false;
  std::string_view body;
  if (plan.answer != nullptr) {
    const auto& cut = plan.answer->fit(room);
    truncated = cut.answer < plan.answer->answer_count;
    counts.answer = cut.answer;
    counts.additional = cut.additional;
    body = std::string_view(plan.answer->body).substr(0, cut.end);
  } else if (plan.negative_zone != nullptr) {
    const std::size_t soa_size = 2 + 10 + plan.negative_zone->soa_rdata_wire.size();
    truncated = soa_size > room;
    counts.authority = truncated ? 0 : 1;
  }
  if (query.edns) ++counts.additional;
  auto flags = reply_flags(query, plan.rcode, plan.authoritative);
  if (truncated) flags |= flag::kTc;
  write_header(query, flags, 1, counts, out);
  const auto* question = reinterpret_cast<const char*>(packet.data()) + kHeaderSize;
  out.append(question, query.question_end - kHeaderSize);
  out.append(body);
  if (counts.authority != 0) append_negative_soa(plan, out);
  if (query.edns) append_opt(query, plan.rcode, edns_size, out);
}

void encode_error(const ParsedQuery& query, Rcode rcode, std::string& out) {
  write_header(query, reply_flags(query, rcode, false), 0, Counts{}, out);
}

}  // namespace ordinal::dns
