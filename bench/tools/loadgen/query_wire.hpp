#pragma once
// dnsperf-format query files ("name TYPE" per line, '#' comments) encoded to DNS wire format
// once, so that the tools which send or replay them only copy bytes in their loops.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ordinal::bench {

/// One query as sent, with ID 0 (the sender writes its own into bytes 0-1).
struct WireQuery {
  std::vector<std::uint8_t> wire;
  /// Bytes 12 .. 12 + question_size are the question (QNAME, QTYPE, QCLASS), which a reply
  /// must echo.
  std::size_t question_size = 0;
};

struct EncodeOptions {
  bool recursion_desired = true;  ///< dnsperf sets RD unless told -R
  bool edns = false;              ///< add an OPT record (dnsperf adds one only with -e)
  std::uint16_t edns_size = 1232;
};

/// The RR type code of a mnemonic (A, AAAA, SRV, ..., or TYPEnnn), case-insensitive;
/// nullopt for anything else. Pure.
inline std::optional<std::uint16_t> type_code(std::string_view mnemonic) {
  std::string upper;
  for (const char c : mnemonic)
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static const std::pair<const char*, std::uint16_t> kTypes[] = {
      {"A", 1},    {"NS", 2},    {"CNAME", 5}, {"SOA", 6},    {"PTR", 12},   {"MX", 15},
      {"TXT", 16}, {"AAAA", 28}, {"SRV", 33},  {"NAPTR", 35}, {"AXFR", 252}, {"ANY", 255}};
  for (const auto& [name, code] : kTypes) {
    if (upper == name) return code;
  }
  if (upper.size() > 4 && upper.compare(0, 4, "TYPE") == 0) {
    unsigned long value = 0;
    for (std::size_t i = 4; i < upper.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(upper[i]))) return std::nullopt;
      value = value * 10 + static_cast<unsigned long>(upper[i] - '0');
      if (value > 65535) return std::nullopt;
    }
    return static_cast<std::uint16_t>(value);
  }
  return std::nullopt;
}

/// A query for `name` (absolute or not; always sent absolute) of `type`, class IN, ID 0.
/// Throws std::invalid_argument when a label is empty or longer than 63 bytes, or the name
/// longer than 255.
inline WireQuery encode_query(std::string_view name, std::uint16_t type,
                              const EncodeOptions& options) {
  WireQuery query;
  auto& w = query.wire;
  const std::uint8_t flags_high = options.recursion_desired ? 0x01 : 0x00;
  w = {0, 0, flags_high, 0, 0, 1, 0, 0, 0, 0, 0, options.edns ? std::uint8_t{1} : std::uint8_t{0}};
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::size_t name_size = 1;
  while (!name.empty()) {
    const auto dot = name.find('.');
    const auto label = name.substr(0, dot);
    if (label.empty() || label.size() > 63) throw std::invalid_argument("bad label in name");
    w.push_back(static_cast<std::uint8_t>(label.size()));
    w.insert(w.end(), label.begin(), label.end());
    name_size += label.size() + 1;
    name = dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
  }
  if (name_size > 255) throw std::invalid_argument("name longer than 255 bytes");
  w.push_back(0);
  w.insert(w.end(), {static_cast<std::uint8_t>(type >> 8), static_cast<std::uint8_t>(type), 0, 1});
  query.question_size = w.size() - 12;
  if (options.edns) {
    // Root owner, TYPE OPT (41), CLASS = UDP size, TTL 0 (no DO), RDLENGTH 0.
    w.insert(w.end(), {0, 0, 41, static_cast<std::uint8_t>(options.edns_size >> 8),
                       static_cast<std::uint8_t>(options.edns_size), 0, 0, 0, 0, 0, 0});
  }
  return query;
}

/// Every query of a dnsperf-format file, in order. Blank lines and lines starting with '#'
/// are skipped. Throws std::runtime_error naming the file and line of the first bad one, or
/// when the file cannot be read or holds no query.
inline std::vector<WireQuery> read_query_file(const std::string& path,
                                              const EncodeOptions& options) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::vector<WireQuery> queries;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream fields(line);
    std::string name, type;
    if (!(fields >> name) || name[0] == '#') continue;
    fields >> type;
    const auto code = type_code(type.empty() ? "A" : type);
    if (!code) throw std::runtime_error(path + ":" + std::to_string(number) + ": unknown type");
    try {
      queries.push_back(encode_query(name, *code, options));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  if (queries.empty()) throw std::runtime_error(path + ": no queries");
  return queries;
}

/// The name of an RCODE (0-15) as dig and dnsperf print it.
inline const char* rcode_name(unsigned rcode) {
  static const char* const kNames[16] = {
      "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",  "REFUSED", "YXDOMAIN", "YXRRSET",
      "NXRRSET", "NOTAUTH", "NOTZONE",  "RCODE11",  "RCODE12", "RCODE13", "RCODE14",  "RCODE15"};
  return kNames[rcode & 15U];
}

}  // namespace ordinal::bench
