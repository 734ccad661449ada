#pragma once
// Kubernetes resource quantities as used for storage sizes ("1Gi", "500Mi", "10G", "1000",
// "1.5Gi", "1e3"), held as a whole number of bytes. PVC <-> PV binding compares capacities with
// these; objects keep the quantity text as written, so a Quantity is only built to compare or to
// print a canonical form.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// IntOrString is the other scalar value type of the model; callers that compare quantities
// usually resolve `maxUnavailable`/`targetPort` too.
#include "identity/int_or_string.hpp"

namespace ordinal::identity {

class Quantity {
 public:
  /// How the text was written; the canonical form keeps it, as Kubernetes does.
  enum class Format { BinarySI, DecimalSI, DecimalExponent };

  /// Zero bytes, printed "0".
  Quantity() = default;
  /// `bytes` printed with the suffixes of `format`.
  explicit Quantity(std::int64_t bytes, Format format = Format::BinarySI)
      : bytes_(bytes), format_(format) {}

  /// Parses `[+-]digits[.digits][suffix]` where suffix is one of Ki Mi Gi Ti Pi Ei, n u m k M G
  /// T P E, or e/E followed by a signed exponent. A fraction of a byte rounds up, away from
  /// zero (as Kubernetes' Quantity.Value()). nullopt, with a one-line reason in `error` when
  /// given, for malformed text or a value that does not fit in 64 bits.
  static std::optional<Quantity> parse(std::string_view text, std::string* error = nullptr);

  [[nodiscard]] std::int64_t bytes() const { return bytes_; }
  [[nodiscard]] Format format() const { return format_; }
  /// Canonical text: the largest suffix of the format that divides the value exactly
  /// ("1536Mi" for 1.5Gi, "1k" for 1000, "10G"); binary values below 1Ki print as plain
  /// decimals, as Kubernetes does.
  [[nodiscard]] std::string to_string() const;

  /// Quantities compare by amount only; the format does not matter ("1Gi" > "1G").
  friend bool operator==(const Quantity& a, const Quantity& b) { return a.bytes_ == b.bytes_; }
  friend std::strong_ordering operator<=>(const Quantity& a, const Quantity& b) {
    return a.bytes_ <=> b.bytes_;
  }

 private:
  std::int64_t bytes_ = 0;
  Format format_ = Format::DecimalSI;
};

}  // namespace ordinal::identity
