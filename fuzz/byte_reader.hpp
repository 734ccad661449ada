#pragma once
// Turns fuzz input into structured choices (counts, flags, names), so that the fuzzer steers
// what is built rather than writing a text format. Reads past the end as zeros, so every
// input decodes to something. Header-only; not thread-safe.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ordinal::fuzz {

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> data) : data_(data) {}

  [[nodiscard]] bool empty() const { return at_ >= data_.size(); }

  /// The next octet, or 0 past the end.
  std::uint8_t byte() { return at_ < data_.size() ? data_[at_++] : 0; }

  /// A value in [0, bound) (bound > 0) from one octet.
  std::size_t below(std::size_t bound) { return byte() % bound; }

  bool flag() { return (byte() & 1U) != 0; }

  /// A string of 1..max_size characters, each drawn from `alphabet` (not empty).
  std::string word(std::string_view alphabet, std::size_t max_size) {
    const std::size_t size = 1 + below(max_size);
    std::string out;
    out.reserve(size);
    for (std::size_t i = 0; i < size; ++i) out += alphabet[below(alphabet.size())];
    return out;
  }

  /// The rest of the input as text.
  std::string rest() {
    const std::size_t from = std::min(at_, data_.size());
    at_ = data_.size();
    return {reinterpret_cast<const char*>(data_.data() + from), data_.size() - from};
  }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t at_ = 0;
};

}  // namespace ordinal::fuzz
