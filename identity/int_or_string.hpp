#pragma once
// IntOrString: a field that holds either an integer or a string, such as a Service port's
// `targetPort` (80 or "http") and a StatefulSet's `maxUnavailable` (2 or "50%").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "identity/json.hpp"

namespace ordinal::identity {

class IntOrString {
 public:
  /// How a percentage of a total becomes a count.
  enum class Rounding { Down, Up };

  /// The integer 0.
  IntOrString() = default;
  static IntOrString from_int(std::int32_t value);
  static IntOrString from_string(std::string value);
  /// From a JSON integer (must fit in 32 bits) or string; nullopt for any other value.
  static std::optional<IntOrString> from_json(const Json& value);

  [[nodiscard]] bool is_string() const { return is_string_; }
  [[nodiscard]] std::int32_t int_value() const { return int_; }
  [[nodiscard]] const std::string& string_value() const { return string_; }
  /// A JSON integer or string, as it was read.
  [[nodiscard]] Json to_json() const;
  /// "80" or "http": how kubectl prints the value.
  [[nodiscard]] std::string to_string() const;

  /// The value scaled against `total`: an integer as is; "N%" as N% of `total`, rounded as
  /// asked (Kubernetes' GetScaledValueFromIntOrPercent). nullopt for a string that is not a
  /// whole, non-negative percentage ("http", "1.5%", "%").
  [[nodiscard]] std::optional<std::int32_t> scaled_value(std::int32_t total,
                                                         Rounding rounding) const;

  friend bool operator==(const IntOrString&, const IntOrString&) = default;

 private:
  bool is_string_ = false;
  std::int32_t int_ = 0;
  std::string string_;
};

/// The effective `maxUnavailable` of a rolling update over `replicas` pods (SS-1.9, SS-11.12,
/// 16.3): unset means 1; a percentage rounds down by default; the result is at least 1.
/// nullopt when the value is a malformed string (validation rejects those at admission).
std::optional<std::int32_t> resolve_max_unavailable(
    const std::optional<IntOrString>& value, std::int32_t replicas,
    IntOrString::Rounding rounding = IntOrString::Rounding::Down);

}  // namespace ordinal::identity
