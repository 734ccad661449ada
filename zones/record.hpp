#pragma once
// Resource records as the zone builder produces them: owner, type, TTL and typed RDATA. Names
// are absolute, lower case, dotted text ("web-0.nginx.test.svc.cluster.local.").
#include <array>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ordinal::zones {

/// RR type and class numbers used by the zone (RFC 1035, 3596, 2782, 6891).
namespace rr_type {
inline constexpr std::uint16_t kA = 1;
inline constexpr std::uint16_t kNs = 2;
inline constexpr std::uint16_t kCname = 5;
inline constexpr std::uint16_t kSoa = 6;
inline constexpr std::uint16_t kPtr = 12;
inline constexpr std::uint16_t kTxt = 16;
inline constexpr std::uint16_t kAaaa = 28;
inline constexpr std::uint16_t kSrv = 33;
inline constexpr std::uint16_t kOpt = 41;
inline constexpr std::uint16_t kIxfr = 251;
inline constexpr std::uint16_t kAxfr = 252;
inline constexpr std::uint16_t kAny = 255;
}  // namespace rr_type
inline constexpr std::uint16_t kClassIn = 1;

// Equality compares every field; the incremental builder uses it to skip unchanged names.
struct Ipv4Data {
  std::array<std::uint8_t, 4> bytes{};
  bool operator==(const Ipv4Data&) const = default;
};
struct Ipv6Data {
  std::array<std::uint8_t, 16> bytes{};
  bool operator==(const Ipv6Data&) const = default;
};
/// CNAME, PTR and NS: one target name.
struct NameData {
  std::string target;
  bool operator==(const NameData&) const = default;
};
struct SrvData {
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::uint16_t port = 0;
  std::string target;
  bool operator==(const SrvData&) const = default;
};
struct SoaData {
  std::string mname;
  std::string rname;
  std::uint32_t serial = 0;
  std::uint32_t refresh = 7200;
  std::uint32_t retry = 1800;
  std::uint32_t expire = 86400;
  std::uint32_t minimum = 5;
  bool operator==(const SoaData&) const = default;
};
struct TxtData {
  std::vector<std::string> strings;
  bool operator==(const TxtData&) const = default;
};
using RData = std::variant<Ipv4Data, Ipv6Data, NameData, SrvData, SoaData, TxtData>;

struct Record {
  std::string owner;
  std::uint16_t type = 0;
  std::uint32_t ttl = 0;
  RData data;
  bool operator==(const Record&) const = default;
};

/// RFC 1035 presentation of the RDATA ("10.0.0.1", "0 50 80 web-0.nginx...").
std::string rdata_to_text(const RData& data);
/// Mnemonic of a type ("A", "SRV"); "TYPEnn" for others (RFC 3597).
std::string type_to_text(std::uint16_t type);
/// One master-file line: "<owner> <ttl> IN <TYPE> <rdata>".
std::string record_to_text(const Record& record);

}  // namespace ordinal::zones
