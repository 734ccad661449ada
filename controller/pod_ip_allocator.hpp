#pragma once
// Pod addresses of the simulated runtime (`serve --pod-cidr`): a round-robin allocator. As with
// Kubernetes' host-local IPAM, every new pod object gets a fresh address, and the one a deleted pod
// held is handed out again only when the range has wrapped, so a stale DNS answer or client
// connection does not silently reach the new pod.
//
// Thread-safety: used by one thread at a time.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/ipv4.hpp"

namespace ordinal::controller {

using identity::format_ipv4;
using identity::Ipv4Cidr;
using identity::parse_ipv4;

class PodIpAllocator {
 public:
  /// Throws std::invalid_argument for a malformed CIDR or one with no room for pods (a prefix
  /// longer than /30 leaves no address between the network and broadcast addresses).
  explicit PodIpAllocator(std::string_view cidr);

  /// The next free address after the last one handed out, wrapping at the end of the range.
  /// `in_use` are the addresses existing pods hold (others are ignored). On the first call the
  /// starting point is the highest address in `in_use`, so a restarted server continues where
  /// the previous one stopped instead of re-using a recently freed address. Fails with 503
  /// ServiceUnavailable naming the range when every address is in use.
  identity::Result<std::string> allocate(const std::vector<std::string>& in_use);
  /// The same with the addresses in use given as a test (`in_use`) and, called only on the
  /// first allocation, the highest address in use inside the range (`highest_in_use`), so a
  /// caller with an index never builds the whole list.
  identity::Result<std::string> allocate(
      const std::function<bool(std::uint32_t)>& in_use,
      const std::function<std::optional<std::uint32_t>()>& highest_in_use);

  [[nodiscard]] const Ipv4Cidr& cidr() const { return cidr_; }

 private:
  Ipv4Cidr cidr_;
  std::optional<std::uint32_t> last_;  ///< the last address handed out (or seen at start-up)
};

}  // namespace ordinal::controller
