#include "identity/quantity.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

namespace ordinal::identity {
namespace {

constexpr std::uint64_t kMaxMagnitude = std::numeric_limits<std::int64_t>::max();

struct Number {
  bool negative = false;
  std::uint64_t digits = 0;  ///< every significant digit, the decimal point removed
  int scale10 = 0;           ///< value = digits * 10^scale10 (before the suffix)
};

struct Suffix {
  int shift2 = 0;   ///< binary suffixes: times 2^shift2
  int scale10 = 0;  ///< decimal suffixes and exponents: times 10^scale10
  Quantity::Format format = Quantity::Format::DecimalSI;
};

bool fail(std::string* error, std::string reason) {
  if (error != nullptr) *error = std::move(reason);
  return false;
}

// Reads sign, digits and fraction from the front of `text`, leaving the suffix.
bool parse_number(std::string_view& text, Number& out, std::string* error) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    out.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  bool seen_digit = false;
  bool in_fraction = false;
  while (!text.empty() && (std::isdigit(static_cast<unsigned char>(text.front())) != 0 ||
                           (text.front() == '.' && !in_fraction))) {
    const char c = text.front();
    text.remove_prefix(1);
    if (c == '.') {
      in_fraction = true;
      continue;
    }
    seen_digit = true;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (out.digits > (kMaxMagnitude - digit) / 10) {
      // Digits beyond 64 bits: only zeros after the point can be dropped without loss.
      if (!in_fraction || digit != 0) return fail(error, "quantity too large or too precise");
      continue;
    }
    out.digits = out.digits * 10 + digit;
    if (in_fraction) --out.scale10;
  }
  if (!seen_digit) return fail(error, "quantity has no digits");
  return true;
}

bool parse_suffix(std::string_view text, Suffix& out, std::string* error) {
  static constexpr std::array<std::pair<std::string_view, int>, 6> kBinary{
      {{"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}, {"Pi", 50}, {"Ei", 60}}};
  static constexpr std::array<std::pair<std::string_view, int>, 10> kDecimal{{{"", 0},
                                                                              {"n", -9},
                                                                              {"u", -6},
                                                                              {"m", -3},
                                                                              {"k", 3},
                                                                              {"M", 6},
                                                                              {"G", 9},
                                                                              {"T", 12},
                                                                              {"P", 15},
                                                                              {"E", 18}}};
  for (const auto& [name, shift] : kBinary)
    if (text == name) {
      out = Suffix{shift, 0, Quantity::Format::BinarySI};
      return true;
    }
  for (const auto& [name, scale] : kDecimal)
    if (text == name) {
      out = Suffix{0, scale, Quantity::Format::DecimalSI};
      return true;
    }
  if (text.size() >= 2 && (text.front() == 'e' || text.front() == 'E')) {
    text.remove_prefix(1);
    if (text.front() == '+') text.remove_prefix(1);
    int exponent = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), exponent);
    if (ec == std::errc() && end == text.data() + text.size() && exponent > -100 &&
        exponent < 100) {
      out = Suffix{0, exponent, Quantity::Format::DecimalExponent};
      return true;
    }
  }
  return fail(error, "unknown quantity suffix \"" + std::string(text) + "\"");
}

// Wide enough for every digit string times 2^60 and for 10^38, so parsing never overflows
// before the final range check.
__extension__ using Wide = unsigned __int128;

Wide wide_power_of_ten(int exponent) {
  Wide out = 1;
  for (int i = 0; i < exponent; ++i) out *= 10;
  return out;
}

std::uint64_t power_of_ten(int exponent) {
  return static_cast<std::uint64_t>(wide_power_of_ten(exponent));
}

// digits * 2^shift2 * 10^scale10, a fraction of a byte rounded up; nullopt beyond int64.
std::optional<std::uint64_t> scale(std::uint64_t digits, int shift2, int scale10) {
  Wide value = static_cast<Wide>(digits) << shift2;
  if (value == 0) return 0;
  if (scale10 >= 0) {
    for (int i = 0; i < scale10 && value <= kMaxMagnitude; ++i) value *= 10;
  } else if (-scale10 > 38) {
    value = 1;
  } else {
    const Wide unit = wide_power_of_ten(-scale10);
    value = value / unit + (value % unit != 0 ? 1 : 0);
  }
  if (value > kMaxMagnitude) return std::nullopt;
  return static_cast<std::uint64_t>(value);
}

}  // namespace

std::optional<Quantity> Quantity::parse(std::string_view text, std::string* error) {
  const std::string_view whole = text;
  Number number;
  Suffix suffix;
  if (!parse_number(text, number, error) || !parse_suffix(text, suffix, error)) {
    if (error != nullptr) *error += " in \"" + std::string(whole) + "\"";
    return std::nullopt;
  }
  const std::optional<std::uint64_t> value =
      scale(number.digits, suffix.shift2, number.scale10 + suffix.scale10);
  if (!value) {
    fail(error, "quantity \"" + std::string(whole) + "\" does not fit in 64 bits");
    return std::nullopt;
  }
  const auto magnitude = static_cast<std::int64_t>(*value);
  return Quantity(number.negative ? -magnitude : magnitude, suffix.format);
}

std::string Quantity::to_string() const {
  const std::uint64_t magnitude =
      bytes_ < 0 ? 0 - static_cast<std::uint64_t>(bytes_) : static_cast<std::uint64_t>(bytes_);
  const std::string sign = bytes_ < 0 ? "-" : "";
  if (magnitude == 0) return "0";
  if (format_ == Format::BinarySI) {
    static constexpr std::array<std::string_view, 6> kNames{"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      const auto shift = static_cast<unsigned>(60 - 10 * i);
      if (magnitude >= 1024 && magnitude % (std::uint64_t{1} << shift) == 0)
        return sign + std::to_string(magnitude >> shift) + std::string(kNames[i]);
    }
    return sign + std::to_string(magnitude);
  }
  static constexpr std::array<std::string_view, 6> kNames{"E", "P", "T", "G", "M", "k"};
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    const int exponent = static_cast<int>(18 - 3 * i);
    const std::uint64_t unit = power_of_ten(exponent);
    if (magnitude % unit != 0) continue;
    const std::string count = sign + std::to_string(magnitude / unit);
    if (format_ == Format::DecimalExponent) return count + "e" + std::to_string(exponent);
    return count + std::string(kNames[i]);
  }
  return sign + std::to_string(magnitude);
}

}  // namespace ordinal::identity
