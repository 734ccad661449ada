#include "controller/pod_ip_allocator.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <unordered_set>

namespace ordinal::controller {

PodIpAllocator::PodIpAllocator(std::string_view cidr) : cidr_(Ipv4Cidr::parse(cidr)) {
  if (cidr_.prefix > 30)
    throw std::invalid_argument("CIDR \"" + std::string(cidr) +
                                "\" has no room for pod addresses: use a prefix of /30 or shorter");
}

identity::Result<std::string> PodIpAllocator::allocate(const std::vector<std::string>& in_use) {
  std::unordered_set<std::uint32_t> taken;
  for (const std::string& text : in_use)
    if (const auto address = parse_ipv4(text); address && cidr_.contains(*address))
      taken.insert(*address);
  return allocate([&taken](std::uint32_t address) { return taken.contains(address); },
                  [&taken]() -> std::optional<std::uint32_t> {
                    if (taken.empty()) return std::nullopt;
                    return *std::max_element(taken.begin(), taken.end());
                  });
}

identity::Result<std::string> PodIpAllocator::allocate(
    const std::function<bool(std::uint32_t)>& in_use,
    const std::function<std::optional<std::uint32_t>()>& highest_in_use) {
  if (!last_) last_ = highest_in_use();

  const std::uint32_t size = cidr_.last_host() - cidr_.first_host() + 1;
  std::uint32_t candidate = last_ && cidr_.contains(*last_) && *last_ != cidr_.last_host()
                                ? *last_ + 1
                                : cidr_.first_host();
  for (std::uint32_t tried = 0; tried < size; ++tried) {
    if (!in_use(candidate)) {
      last_ = candidate;
      return format_ipv4(candidate);
    }
    candidate = candidate == cidr_.last_host() ? cidr_.first_host() : candidate + 1;
  }
  return identity::service_unavailable("no free pod address in " + cidr_.to_string() + ": all " +
                                       std::to_string(size) + " addresses are in use");
}

}  // namespace ordinal::controller
