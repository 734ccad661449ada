#include "dns/response_encoder.hpp"

#include <array>

#include "zones/record.hpp"

namespace ordinal::dns {
namespace {

struct Counts {
  std::uint16_t answer = 0;
  std::uint16_t authority = 0;
  std::uint16_t additional = 0;
};

/// Writes `value` big-endian at `at`. The fixed parts of a reply are laid out in small arrays
/// and appended whole: one append instead of one call per field keeps the encoder's share of
/// a query's instructions small (bench/README.md, instructions per query).
void put_u16(char* at, std::uint16_t value) {
  at[0] = static_cast<char>(value >> 8);
  at[1] = static_cast<char>(value & 0xFF);
}

void put_u32(char* at, std::uint32_t value) {
  put_u16(at, static_cast<std::uint16_t>(value >> 16));
  put_u16(at + 2, static_cast<std::uint16_t>(value & 0xFFFF));
}

void write_header(const ParsedQuery& query, std::uint16_t flags, std::uint16_t questions,
                  const Counts& counts, std::string& out) {
  std::array<char, kHeaderSize> header{};
  put_u16(&header[0], query.id);
  put_u16(&header[2], flags);
  put_u16(&header[4], questions);
  put_u16(&header[6], counts.answer);
  put_u16(&header[8], counts.authority);
  put_u16(&header[10], counts.additional);
  out.assign(header.data(), header.size());
}

std::uint16_t reply_flags(const ParsedQuery& query, Rcode rcode, bool authoritative) {
  auto flags =
      static_cast<std::uint16_t>(flag::kQr | (query.flags & (flag::kOpcodeMask | flag::kRd)));
  if (authoritative) flags |= flag::kAa;
  return static_cast<std::uint16_t>(flags | (static_cast<std::uint16_t>(rcode) & 0x0F));
}

void append_negative_soa(const AnswerPlan& plan, std::string& out) {
  const zones::Zone& zone = *plan.negative_zone;
  // Owner (a pointer to the apex in the question), type, class, TTL, RDLENGTH.
  std::array<char, 12> fixed{};
  put_u16(&fixed[0], static_cast<std::uint16_t>(0xC000 | (kHeaderSize + plan.apex_offset)));
  put_u16(&fixed[2], zones::rr_type::kSoa);
  put_u16(&fixed[4], zones::kClassIn);
  put_u32(&fixed[6], zone.soa_ttl);
  put_u16(&fixed[10], static_cast<std::uint16_t>(zone.soa_rdata_wire.size()));
  out.append(fixed.data(), fixed.size());
  out += zone.soa_rdata_wire;
}

void append_opt(const ParsedQuery& query, Rcode rcode, std::uint16_t edns_size, std::string& out) {
  // Root owner, type OPT, our payload size, extended rcode/version/flags, no options.
  std::array<char, kOptSize> opt{};
  put_u16(&opt[1], zones::rr_type::kOpt);
  put_u16(&opt[3], edns_size);
  const auto extended = static_cast<std::uint32_t>(static_cast<std::uint16_t>(rcode) >> 4);
  put_u32(&opt[5], (extended << 24) | (query.edns->dnssec_ok ? 0x8000U : 0U));
  out.append(opt.data(), opt.size());
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
