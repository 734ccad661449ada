#include "identity/ipv4.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace ordinal::identity {
namespace {

std::uint32_t mask_of(int prefix) {
  return prefix == 0 ? 0U : ~std::uint32_t{0} << (32 - prefix);
}

// A decimal number of 1..max_digits digits without a leading zero, or nullopt.
std::optional<std::uint32_t> parse_decimal(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  if (text.size() > 1 && text.front() == '0') return std::nullopt;
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

[[noreturn]] void bad_cidr(std::string_view text, const std::string& why) {
  throw std::invalid_argument("invalid CIDR \"" + std::string(text) + "\": " + why +
                              " (expected an IPv4 network like 10.244.0.0/16)");
}

}  // namespace

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t address = 0;
  for (int octet = 0; octet < 4; ++octet) {
    const std::size_t dot = octet < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return std::nullopt;
    const auto value = parse_decimal(text.substr(0, dot), 3);
    if (!value || *value > 255) return std::nullopt;
    address = (address << 8) | *value;
    text.remove_prefix(std::min(dot + 1, text.size()));
  }
  return text.empty() ? std::optional<std::uint32_t>(address) : std::nullopt;
}

std::string format_ipv4(std::uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xFFU) + "." +
         std::to_string((address >> 8) & 0xFFU) + "." + std::to_string(address & 0xFFU);
}

Ipv4Cidr Ipv4Cidr::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) bad_cidr(text, "missing the prefix length");
  const auto address = parse_ipv4(text.substr(0, slash));
  if (!address) bad_cidr(text, "\"" + std::string(text.substr(0, slash)) + "\" is not an address");
  const auto prefix = parse_decimal(text.substr(slash + 1), 2);
  if (!prefix || *prefix > 32) bad_cidr(text, "the prefix length must be 0..32");
  Ipv4Cidr cidr;
  cidr.prefix = static_cast<int>(*prefix);
  cidr.network = *address & mask_of(cidr.prefix);
  return cidr;
}

std::string Ipv4Cidr::to_string() const {
  return format_ipv4(network) + "/" + std::to_string(prefix);
}

std::uint32_t Ipv4Cidr::last_host() const {
  return (network | ~mask_of(prefix)) - 1;
}

bool Ipv4Cidr::contains(std::uint32_t address) const {
  return address >= first_host() && address <= last_host();
}

}  // namespace ordinal::identity
