#include "zones/record.hpp"

#include <arpa/inet.h>

#include <string>

#include "identity/overloaded.hpp"

namespace ordinal::zones {
namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

template <std::size_t N>
std::string address_text(int family, const std::array<std::uint8_t, N>& bytes) {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(family, bytes.data(), text, sizeof text);
  return text;
}

}  // namespace

std::string rdata_to_text(const RData& data) {
  return std::visit(Overloaded{
                        [](const Ipv4Data& d) { return address_text(AF_INET, d.bytes); },
                        [](const Ipv6Data& d) { return address_text(AF_INET6, d.bytes); },
                        [](const NameData& d) { return d.target; },
                        [](const SrvData& d) {
                          return std::to_string(d.priority) + " " + std::to_string(d.weight) + " " +
                                 std::to_string(d.port) + " " + d.target;
                        },
                        [](const SoaData& d) {
                          return d.mname + " " + d.rname + " " + std::to_string(d.serial) + " " +
                                 std::to_string(d.refresh) + " " + std::to_string(d.retry) + " " +
                                 std::to_string(d.expire) + " " + std::to_string(d.minimum);
                        },
                        [](const TxtData& d) {
                          std::string out;
                          for (const auto& s : d.strings)
                            out += (out.empty() ? "" : " ") + quoted(s);
                          return out;
                        },
                    },
                    data);
}

std::string type_to_text(std::uint16_t type) {
  switch (type) {
    case rr_type::kA:
      return "A";
    case rr_type::kNs:
      return "NS";
    case rr_type::kCname:
      return "CNAME";
    case rr_type::kSoa:
      return "SOA";
    case rr_type::kPtr:
      return "PTR";
    case rr_type::kTxt:
      return "TXT";
    case rr_type::kAaaa:
      return "AAAA";
    case rr_type::kSrv:
      return "SRV";
    default:
      return "TYPE" + std::to_string(type);
  }
}

std::string record_to_text(const Record& record) {
  return record.owner + "\t" + std::to_string(record.ttl) + "\tIN\t" + type_to_text(record.type) +
         "\t" + rdata_to_text(record.data);
}

}  // namespace ordinal::zones
