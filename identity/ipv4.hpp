#pragma once
// IPv4 addresses and networks as the command line and Kubernetes objects write them
// ("10.244.0.5", "10.96.0.0/12"): shared by the pod address allocator and Service cluster IPs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ordinal::identity {

/// An IPv4 network such as 10.244.0.0/16.
struct Ipv4Cidr {
  std::uint32_t network = 0;  ///< host order, host bits cleared
  int prefix = 0;             ///< 0..32

  /// Parses "A.B.C.D/N". Host bits are cleared, as Go's net.ParseCIDR does for Kubernetes'
  /// own CIDR flags. Throws std::invalid_argument naming the text and what was expected.
  static Ipv4Cidr parse(std::string_view text);
  /// "10.244.0.0/16".
  [[nodiscard]] std::string to_string() const;
  /// The addresses a pod may get: the network without its network and broadcast addresses.
  [[nodiscard]] std::uint32_t first_host() const { return network + 1; }
  [[nodiscard]] std::uint32_t last_host() const;
  [[nodiscard]] bool contains(std::uint32_t address) const;
};

/// Dotted-quad parsing; nullopt for anything else (leading zeros, missing octets, > 255).
[[nodiscard]] std::optional<std::uint32_t> parse_ipv4(std::string_view text);
/// Dotted-quad of a host-order address.
[[nodiscard]] std::string format_ipv4(std::uint32_t address);

}  // namespace ordinal::identity
