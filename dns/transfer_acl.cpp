#include "dns/transfer_acl.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

namespace ordinal::dns {
namespace {

namespace ip = boost::asio::ip;

ip::address unmapped(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

/// The address as 16 octets (IPv4 in the first four) and its width in bits.
std::pair<std::array<unsigned char, 16>, unsigned> octets(const ip::address& address) {
  std::array<unsigned char, 16> out{};
  if (address.is_v4()) {
    const auto v4 = address.to_v4().to_bytes();
    std::copy(v4.begin(), v4.end(), out.begin());
    return {out, 32};
  }
  const auto v6 = address.to_v6().to_bytes();
  std::copy(v6.begin(), v6.end(), out.begin());
  return {out, 128};
}

bool same_prefix(const ip::address& a, const ip::address& b, unsigned bits) {
  const auto [x, width_x] = octets(a);
  const auto [y, width_y] = octets(b);
  if (width_x != width_y) return false;
  const unsigned whole = bits / 8;
  for (unsigned i = 0; i < whole; ++i) {
    if (x[i] != y[i]) return false;
  }
  const unsigned rest = bits % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
  return (x[whole] & mask) == (y[whole] & mask);
}

}  // namespace

TransferAcl TransferAcl::parse(const std::vector<std::string>& entries) {
  TransferAcl acl;
  for (const std::string& entry : entries) {
    const auto slash = entry.find('/');
    boost::system::error_code error;
    const auto network = ip::make_address(entry.substr(0, slash), error);
    if (error) {
      throw std::invalid_argument("--allow-transfer " + entry +
                                  ": expected an address or a CIDR prefix like 10.0.0.0/8");
    }
    const unsigned width = network.is_v4() ? 32 : 128;
    unsigned bits = width;
    if (slash != std::string::npos) {
      const std::string digits = entry.substr(slash + 1);
      const auto [end, failed] =
          std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (failed != std::errc{} || end != digits.data() + digits.size() || digits.empty() ||
          bits > width) {
        throw std::invalid_argument("--allow-transfer " + entry + ": prefix length must be 0-" +
                                    std::to_string(width));
      }
    }
    if (network.is_v6() && network.to_v6().is_v4_mapped()) {
      bits = bits > 96 ? bits - 96 : 0;  // ::ffff:a.b.c.d/n names an IPv4 prefix
    }
    acl.prefixes_.push_back({unmapped(network), bits});
  }
  return acl;
}

bool TransferAcl::allows(const boost::asio::ip::address& client) const {
  const ip::address address = unmapped(client);
  for (const Prefix& prefix : prefixes_) {
    if (same_prefix(address, prefix.network, prefix.bits)) return true;
  }
  return false;
}

}  // namespace ordinal::dns
