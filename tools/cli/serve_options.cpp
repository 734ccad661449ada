#include "tools/cli/serve_options.hpp"

#include <cctype>
#include <stdexcept>

namespace ordinal::cli {

HostPort parse_host_port(const std::string& text, const std::string& what) {
  auto bad = [&] {
    return std::invalid_argument(what + " \"" + text + "\": expected ADDRESS:PORT, e.g. " +
                                 "127.0.0.1:1053 or [::1]:1053");
  };
  HostPort hp;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find("]:");
    if (close == std::string::npos) throw bad();
    hp.host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || text.find(':') != colon) throw bad();
    hp.host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (hp.host.empty() || port.empty() || port.size() > 5) throw bad();
  for (char c : port)
    if (!std::isdigit(static_cast<unsigned char>(c))) throw bad();
  unsigned long value = std::stoul(port);
  if (value > 65535) throw bad();
  hp.port = static_cast<std::uint16_t>(value);
  return hp;
}

}  // namespace ordinal::cli
