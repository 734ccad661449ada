#include "dns/listen_address.hpp"

#include <stdexcept>

namespace ordinal::dns {

ListenAddress parse_listen_address(const std::string& text) {
  const auto bad = [&] {
    return std::invalid_argument("invalid listen address \"" + text + "\": want ADDR:PORT");
  };
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) throw bad();
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string port_text = text.substr(colon + 1);
  if (port_text.find_first_not_of("0123456789") != std::string::npos || port_text.size() > 5) {
    throw bad();
  }
  const unsigned long port = std::stoul(port_text);
  if (port > 65535) throw bad();
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(host, error);
  if (error) throw bad();
  return {address, static_cast<std::uint16_t>(port)};
}

std::string format_address(const boost::asio::ip::address& address, std::uint16_t port) {
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(port);
}

}  // namespace ordinal::dns
