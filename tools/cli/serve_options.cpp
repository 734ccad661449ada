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

std::chrono::milliseconds parse_duration(const std::string& text) {
  if (text == "0") return std::chrono::milliseconds(0);
  std::chrono::milliseconds total(0);
  std::size_t i = 0;
  if (text.empty()) throw std::invalid_argument("empty duration");
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
      ++i;
    if (start == i)
      throw std::invalid_argument("bad duration \"" + text + "\": e.g. 1s, 500ms, 2m");
    double value = std::stod(text.substr(start, i - start));
    std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const std::string unit = text.substr(unit_start, i - unit_start);
    double ms = unit == "ms"  ? 1
                : unit == "s" ? 1000
                : unit == "m" ? 60000
                : unit == "h" ? 3600000
                              : -1;
    if (ms < 0) throw std::invalid_argument("bad duration \"" + text + "\": units are ms, s, m, h");
    total += std::chrono::milliseconds(static_cast<long long>(value * ms));
  }
  return total;
}

}  // namespace ordinal::cli
