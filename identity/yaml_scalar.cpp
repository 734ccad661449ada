// YAML 1.2 core-schema typing of plain scalars.
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "identity/yaml_to_json.hpp"

namespace ordinal::identity {
namespace {

bool all_of(std::string_view s, int (*pred)(int)) {
  if (s.empty()) return false;
  for (char c : s)
    if (pred(static_cast<unsigned char>(c)) == 0) return false;
  return true;
}

int is_octal(int c) {
  return c >= '0' && c <= '7' ? 1 : 0;
}

// YAML 1.2 core schema: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool is_core_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i, ++int_digits;
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// A float, or the text itself when it does not fit a double (JSON has no infinity).
Json finite_float(const std::string& text) {
  const double d = std::strtod(text.c_str(), nullptr);
  return std::isfinite(d) ? Json(d) : Json(text);
}

// `text` is the whole scalar, returned as a string if it overflows in base 8 or 16.
Json integer_or_float(std::string_view digits, int base, bool negative, const std::string& text) {
  std::uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec == std::errc() && end == digits.data() + digits.size()) {
    if (!negative && magnitude <= static_cast<std::uint64_t>(INT64_MAX))
      return static_cast<std::int64_t>(magnitude);
    if (negative && magnitude <= static_cast<std::uint64_t>(INT64_MAX))
      return -static_cast<std::int64_t>(magnitude);
    if (!negative) return magnitude;
  }
  return base == 10 ? finite_float(text) : Json(text);
}

}  // namespace

Json yaml_plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::string_view v(s);
  bool negative = false;
  if (v.front() == '-' || v.front() == '+') {
    negative = v.front() == '-';
    v.remove_prefix(1);
  }
  if (all_of(v, [](int c) { return std::isdigit(c); })) return integer_or_float(v, 10, negative, s);
  if (v.size() > 2 && v.substr(0, 2) == "0o" && s[0] != '-' && s[0] != '+' &&
      all_of(v.substr(2), is_octal))
    return integer_or_float(v.substr(2), 8, false, s);
  if (v.size() > 2 && v.substr(0, 2) == "0x" && s[0] != '-' && s[0] != '+' &&
      all_of(v.substr(2), [](int c) { return std::isxdigit(c); }))
    return integer_or_float(v.substr(2), 16, false, s);
  if (is_core_float(s)) return finite_float(s);
  return s;
}

}  // namespace ordinal::identity
