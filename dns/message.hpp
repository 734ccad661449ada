#pragma once
// DNS message constants and the outcome type of the packet path (STYLE rule 8).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <system_error>

namespace ordinal::dns {

inline constexpr std::size_t kHeaderSize = 12;
inline constexpr std::size_t kUdpMinimum = 512;    ///< RFC 1035 §4.2.1
inline constexpr std::size_t kTcpMaximum = 65535;  ///< two-octet length prefix
inline constexpr std::size_t kOptSize = 11;        ///< an OPT record without options

/// Header flag bits in the second 16-bit word.
/// The big-endian 16-bit field at `at` of `packet`, which must hold `at + 2` octets.
inline std::uint16_t read_u16(std::span<const std::uint8_t> packet, std::size_t at) {
  return static_cast<std::uint16_t>((packet[at] << 8) | packet[at + 1]);
}

/// Overwrites the big-endian 16-bit field at `at` of `bytes`, which must hold `at + 2` octets.
inline void write_u16_at(std::string& bytes, std::size_t at, std::uint16_t value) {
  bytes[at] = static_cast<char>(value >> 8);
  bytes[at + 1] = static_cast<char>(value & 0xFF);
}

namespace flag {
inline constexpr std::uint16_t kQr = 0x8000;
inline constexpr std::uint16_t kAa = 0x0400;
inline constexpr std::uint16_t kTc = 0x0200;
inline constexpr std::uint16_t kRd = 0x0100;
inline constexpr std::uint16_t kOpcodeMask = 0x7800;
}  // namespace flag

/// Response codes; values above 15 need the OPT record's extended bits (RFC 6891).
enum class Rcode : std::uint16_t {
  NoError = 0,
  FormErr = 1,
  ServFail = 2,
  NxDomain = 3,
  NotImp = 4,
  Refused = 5,
  BadVers = 16,
};

/// Why a packet was not answered normally. Expected on the packet path; never thrown.
enum class QueryError {
  TooShort = 1,      ///< fewer octets than a header: dropped
  NotAQuery,         ///< QR set: dropped, never answer a response
  BadOpcode,         ///< NOTIMP
  BadQuestionCount,  ///< FORMERR
  BadName,           ///< FORMERR: label too long, pointer in the question, name over 255
  Truncated,         ///< FORMERR: a section ends past the packet
  BadOpt,            ///< FORMERR: second OPT, OPT not at the root
  TrailingData,      ///< FORMERR: octets after the last record the counts announce
};

const std::error_category& query_error_category();
std::error_code make_error_code(QueryError error);

}  // namespace ordinal::dns

template <>
struct std::is_error_code_enum<ordinal::dns::QueryError> : std::true_type {};
