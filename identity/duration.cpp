#include "identity/duration.hpp"

#include <cctype>
#include <stdexcept>

namespace ordinal::identity {

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

}  // namespace ordinal::identity
