#include "identity/int_or_string.hpp"

#include <charconv>
#include <limits>
#include <utility>

namespace ordinal::identity {

IntOrString IntOrString::from_int(std::int32_t value) {
  IntOrString out;
  out.int_ = value;
  return out;
}

IntOrString IntOrString::from_string(std::string value) {
  IntOrString out;
  out.is_string_ = true;
  out.string_ = std::move(value);
  return out;
}

std::optional<IntOrString> IntOrString::from_json(const Json& value) {
  if (value.is_string()) return from_string(value.get<std::string>());
  if (!value.is_number_integer()) return std::nullopt;
  if (value.is_number_unsigned()) {
    const auto raw = value.get<std::uint64_t>();
    if (raw > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max()))
      return std::nullopt;
    return from_int(static_cast<std::int32_t>(raw));
  }
  const auto raw = value.get<std::int64_t>();
  if (raw < std::numeric_limits<std::int32_t>::min() ||
      raw > std::numeric_limits<std::int32_t>::max())
    return std::nullopt;
  return from_int(static_cast<std::int32_t>(raw));
}

Json IntOrString::to_json() const {
  return is_string_ ? Json(string_) : Json(int_);
}

std::string IntOrString::to_string() const {
  return is_string_ ? string_ : std::to_string(int_);
}

std::optional<std::int32_t> IntOrString::scaled_value(std::int32_t total, Rounding rounding) const {
  if (!is_string_) return int_;
  if (string_.size() < 2 || string_.back() != '%') return std::nullopt;
  std::int64_t percent = 0;
  const char* first = string_.data();
  const char* last = string_.data() + string_.size() - 1;
  const auto [end, ec] = std::from_chars(first, last, percent);
  if (ec != std::errc() || end != last || percent < 0 ||
      percent > std::numeric_limits<std::int32_t>::max())
    return std::nullopt;
  // 64-bit intermediate: percent * total overflows 32 bits for large values.
  const std::int64_t product = percent * static_cast<std::int64_t>(total);
  std::int64_t scaled = product / 100;
  if (rounding == Rounding::Up && product % 100 > 0) ++scaled;
  if (scaled > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
  return static_cast<std::int32_t>(scaled);
}

std::optional<std::int32_t> resolve_max_unavailable(const std::optional<IntOrString>& value,
                                                    std::int32_t replicas,
                                                    IntOrString::Rounding rounding) {
  if (!value) return 1;
  const std::optional<std::int32_t> scaled = value->scaled_value(replicas, rounding);
  if (!scaled) return std::nullopt;
  return *scaled < 1 ? 1 : *scaled;
}

}  // namespace ordinal::identity
