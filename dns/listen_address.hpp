#pragma once
// "ADDR:PORT" as given to --dns-listen and --upstream.
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>

namespace ordinal::dns {

struct ListenAddress {
  boost::asio::ip::address address;
  std::uint16_t port = 0;
};

/// Parses "127.0.0.1:53", "[::1]:53" or "::1:53"-free forms; throws std::invalid_argument
/// naming the text when it is not an IP literal with a port in 0–65535 (no host names).
ListenAddress parse_listen_address(const std::string& text);
/// "127.0.0.1:53" or "[::1]:53".
std::string format_address(const boost::asio::ip::address& address, std::uint16_t port);

}  // namespace ordinal::dns
