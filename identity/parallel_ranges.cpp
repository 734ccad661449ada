#include "identity/parallel_ranges.hpp"

#include <algorithm>
#include <future>
#include <thread>
#include <vector>

namespace ordinal::identity {

void for_ranges(
    std::size_t count, std::size_t min_size,
    const std::function<void(std::size_t part, std::size_t begin, std::size_t end)>& work) {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t parts = std::clamp<std::size_t>(
      std::min(cores, count / std::max<std::size_t>(min_size, 1)), 1, kMaxRangeParts);
  const std::size_t share = (count + parts - 1) / parts;
  std::vector<std::future<void>> others;  // each future's destructor waits for its range
  for (std::size_t part = 1; part < parts; ++part) {
    const std::size_t begin = std::min(count, part * share);
    const std::size_t end = std::min(count, begin + share);
    others.push_back(std::async(std::launch::async, work, part, begin, end));
  }
  work(0, 0, std::min(count, share));
  for (auto& other : others) other.get();
}

}  // namespace ordinal::identity
