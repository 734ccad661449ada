#include "zones/dns_name.hpp"

#include <arpa/inet.h>

#include <cstdio>

namespace ordinal::zones {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string absolute_name(std::string_view text) {
  while (!text.empty() && text.back() == '.') text.remove_suffix(1);
  return std::string(text) + ".";
}

std::optional<std::string> name_to_wire(std::string_view dotted) {
  while (!dotted.empty() && dotted.back() == '.') dotted.remove_suffix(1);
  std::string wire;
  while (!dotted.empty()) {
    const auto dot = dotted.find('.');
    const auto label = dotted.substr(0, dot);
    if (label.empty() || label.size() > 63) return std::nullopt;
    wire.push_back(static_cast<char>(label.size()));
    wire.append(label);
    dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
  }
  wire.push_back('\0');
  if (wire.size() > 255) return std::nullopt;
  return wire;
}

std::string wire_to_name(std::string_view wire) {
  std::string out;
  std::size_t at = 0;
  while (at < wire.size() && wire[at] != '\0') {
    const auto length = static_cast<std::uint8_t>(wire[at]);
    out.append(wire.substr(at + 1, length));
    out.push_back('.');
    at += 1U + length;
  }
  return out.empty() ? "." : out;
}

std::optional<Ipv4Data> parse_ipv4(const std::string& text) {
  Ipv4Data data;
  if (inet_pton(AF_INET, text.c_str(), data.bytes.data()) != 1) return std::nullopt;
  return data;
}

std::optional<Ipv6Data> parse_ipv6(const std::string& text) {
  Ipv6Data data;
  if (inet_pton(AF_INET6, text.c_str(), data.bytes.data()) != 1) return std::nullopt;
  return data;
}

bool is_ip_literal(const std::string& text) {
  return parse_ipv4(text).has_value() || parse_ipv6(text).has_value();
}

std::string dashed_address(const std::string& address) {
  std::string out = address;
  for (char& c : out) {
    if (c == '.' || c == ':') c = '-';
  }
  if (!out.empty() && out.back() == '-') out.push_back('0');
  return out;
}

std::optional<std::string> reverse_name(const std::string& address) {
  if (const auto v4 = parse_ipv4(address)) {
    const auto& b = v4->bytes;
    return std::to_string(b[3]) + "." + std::to_string(b[2]) + "." + std::to_string(b[1]) + "." +
           std::to_string(b[0]) + ".in-addr.arpa.";
  }
  if (const auto v6 = parse_ipv6(address)) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (auto it = v6->bytes.rbegin(); it != v6->bytes.rend(); ++it) {
      out.push_back(kHex[*it & 0x0F]);
      out.push_back('.');
      out.push_back(kHex[*it >> 4]);
      out.push_back('.');
    }
    return out + "ip6.arpa.";
  }
  return std::nullopt;
}

}  // namespace ordinal::zones
