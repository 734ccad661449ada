#pragma once
// Who may transfer our zones (`--allow-transfer CIDR`): a list of address prefixes. Nobody
// when empty, which is the default: a zone transfer hands out every name at once.
#include <boost/asio/ip/address.hpp>
#include <string>
#include <vector>

namespace ordinal::dns {

class TransferAcl {
 public:
  /// Parses "10.0.0.0/8", "::1/128" or a bare address (a host). Throws std::invalid_argument
  /// naming the entry and what was expected.
  static TransferAcl parse(const std::vector<std::string>& entries);

  /// True when `client` falls inside one of the prefixes (an IPv4-mapped IPv6 client counts as
  /// its IPv4 address).
  [[nodiscard]] bool allows(const boost::asio::ip::address& client) const;
  [[nodiscard]] bool empty() const { return prefixes_.empty(); }

 private:
  struct Prefix {
    boost::asio::ip::address network;
    unsigned bits = 0;
  };
  std::vector<Prefix> prefixes_;
};

}  // namespace ordinal::dns
