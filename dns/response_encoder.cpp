#include "dns/response_encoder.hpp"

#include <array>
#include <cstring>

#include "zones/record.hpp"

namespace ordinal::dns {
namespace {

/// An SOA record's octets before its RDATA: owner pointer, type, class, TTL, RDLENGTH.
constexpr std::size_t kSoaFixed = 12;

struct Counts {
  std::uint16_t answer = 0;
  std::uint16_t authority = 0;
  std::uint16_t additional = 0;
};

/// Writes `value` big-endian at `at`. A reply is written into a buffer of its final size, field
/// by field: one resize instead of one append per part keeps the encoder's share of a query's
/// instructions small (bench/README.md, instructions per query).
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

/// The negative answer's SOA record at `at`: owner (a pointer to the apex in the question),
/// type, class, TTL, RDLENGTH, then the pre-rendered RDATA.
void put_negative_soa(const AnswerPlan& plan, char* at) {
  const zones::Zone& zone = *plan.negative_zone;
  put_u16(&at[0], static_cast<std::uint16_t>(0xC000 | (kHeaderSize + plan.apex_offset)));
  put_u16(&at[2], zones::rr_type::kSoa);
  put_u16(&at[4], zones::kClassIn);
  put_u32(&at[6], zone.soa_ttl);
  put_u16(&at[10], static_cast<std::uint16_t>(zone.soa_rdata_wire.size()));
  std::memcpy(at + kSoaFixed, zone.soa_rdata_wire.data(), zone.soa_rdata_wire.size());
}

/// Our OPT record at `at`: root owner, type OPT, our payload size, extended rcode, version 0,
/// the DO bit echoed, no options.
void put_opt(const ParsedQuery& query, Rcode rcode, std::uint16_t edns_size, char* at) {
  at[0] = 0;
  put_u16(&at[1], zones::rr_type::kOpt);
  put_u16(&at[3], edns_size);
  const auto extended = static_cast<std::uint32_t>(static_cast<std::uint16_t>(rcode) >> 4);
  put_u32(&at[5], (extended << 24) | (query.edns->dnssec_ok ? 0x8000U : 0U));
  put_u16(&at[9], 0);
}

}  // namespace

void encode_reply(std::span<const std::uint8_t> packet, const ParsedQuery& query,
                  const AnswerPlan& plan, std::size_t max_size, std::uint16_t edns_size,
                  std::string& out) {
  const std::size_t opt_size = query.edns ? kOptSize : 0;
  const std::size_t fixed = query.question_end + opt_size;
  const std::size_t room = max_size > fixed ? max_size - fixed : 0;
  Counts counts;
  bool truncated = false;
  std::string_view body;
  std::size_t soa_size = 0;
  if (plan.answer != nullptr) {
    const zones::RenderedAnswer& answer = *plan.answer;
    if (answer.body.size() <= room) {
      // Most answers fit whole; the cuts, another cache miss, are read only to cut.
      counts.answer = answer.answer_count;
      counts.additional = answer.additional_count;
      body = answer.body;
    } else {
      const auto& cut = answer.fit(room);
      truncated = cut.answer < answer.answer_count;
      counts.answer = cut.answer;
      counts.additional = cut.additional;
      body = std::string_view(answer.body.data(), cut.end);
    }
  } else if (plan.negative_zone != nullptr) {
    soa_size = kSoaFixed + plan.negative_zone->soa_rdata_wire.size();
    truncated = soa_size > room;
    if (truncated) soa_size = 0;
    counts.authority = truncated ? 0 : 1;
  }
  if (query.edns) ++counts.additional;
  auto flags = reply_flags(query, plan.rcode, plan.authoritative);
  if (truncated) flags |= flag::kTc;
  // One buffer of the final size; the header and the question are the query's own octets (its
  // ID and its case), then the fields that differ are patched.
  out.resize(fixed + body.size() + soa_size);
  char* at = out.data();
  std::memcpy(at, packet.data(), query.question_end);
  put_u16(&at[2], flags);
  put_u16(&at[4], 1);
  put_u16(&at[6], counts.answer);
  put_u16(&at[8], counts.authority);
  put_u16(&at[10], counts.additional);
  at += query.question_end;
  if (!body.empty()) std::memcpy(at, body.data(), body.size());  // an empty view may be null
  at += body.size();
  if (soa_size != 0) put_negative_soa(plan, at);
  at += soa_size;
  if (query.edns) put_opt(query, plan.rcode, edns_size, at);
}

void encode_error(const ParsedQuery& query, Rcode rcode, std::string& out) {
  write_header(query, reply_flags(query, rcode, false), 0, Counts{}, out);
}

}  // namespace ordinal::dns
