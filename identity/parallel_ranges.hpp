#pragma once
// Spreading independent work over a range of items across the cores: the start-up and bulk
// paths (parsing the store, reading a relist, writing a large Table) where each item is
// independent and the whole is seconds of one core at 100,000 objects.
#include <cstddef>
#include <functional>

namespace ordinal::identity {

/// Calls work(part, begin, end) for consecutive ranges covering [0, count), one range per
/// thread (this one included), at most kMaxRangeParts and one per core, and each range at least
/// `min_size` items — so fewer than 2 × min_size items run on this thread alone. `part` numbers
/// the ranges in order from 0. Returns once every range is done; an exception from any range
/// reaches the caller after all have ended.
void for_ranges(
    std::size_t count, std::size_t min_size,
    const std::function<void(std::size_t part, std::size_t begin, std::size_t end)>& work);
inline constexpr std::size_t kMaxRangeParts = 4;

}  // namespace ordinal::identity
