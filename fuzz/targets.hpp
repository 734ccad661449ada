#pragma once
// The fuzz targets by name: what the libFuzzer executables (fuzz_<name>) and the regression
// test (tests/fuzz/) call, so a stored input runs through exactly the code it crashed.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ordinal::fuzz {

using Entry = void (*)(std::span<const std::uint8_t>);

struct Target {
  std::string_view name;  ///< also the folder of fuzz/corpus/ and fuzz/regressions/
  Entry entry;
};

/// Every target, in a fixed order.
const std::vector<Target>& targets();

/// The target called `name`, or nullptr.
const Target* find_target(std::string_view name);

}  // namespace ordinal::fuzz
