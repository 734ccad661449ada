#pragma once
// ClusterIP allocation for Services, as kube-apiserver does it at create (and when a Service
// stops being ExternalName): an address from `--service-cidr` (ApiOptions::service_cidr) that
// no other Service holds. The lowest free address is taken, starting above the range's first
// host address, which stays reserved as Kubernetes reserves it for the `kubernetes` Service.
// Headless Services (`clusterIP: None`) and ExternalName Services get none.
//
// Which addresses are taken is read from the registry's Services: there is no separate
// allocation table to drift from the objects.
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "identity/api_error.hpp"
#include "identity/ipv4.hpp"
#include "identity/json.hpp"
#include "identity/registry.hpp"
#include "tools/api/api_types.hpp"

namespace ordinal::api {

using identity::format_ipv4;
using identity::parse_ipv4;

/// An IPv4 Service range. Value type; thread-safe to share.
class ServiceCidr {
 public:
  /// Parses "10.96.0.0/12" (host bits are masked off, as Go's ParseCIDR does). Throws
  /// std::invalid_argument naming the text when it is not an IPv4 CIDR, or when the prefix is
  /// shorter than /12 (kube-apiserver's limit) or longer than /30 (no address to hand out).
  static ServiceCidr parse(std::string_view text);

  /// Inside the range and neither its network nor its broadcast address.
  [[nodiscard]] bool contains(std::uint32_t address) const;
  /// The first address handed out automatically (network + 2).
  [[nodiscard]] std::uint32_t first_dynamic() const { return network_ + 2; }
  /// The last usable address (broadcast - 1).
  [[nodiscard]] std::uint32_t last() const { return broadcast_ - 1; }
  /// "10.96.0.0/12": the network and prefix.
  [[nodiscard]] std::string to_string() const;

 private:
  std::uint32_t network_ = 0;
  std::uint32_t broadcast_ = 0;
  int prefix_ = 0;
};

/// The IPv4 cluster IPs held by Services in `registry`, except the Service `ns`/`name` (the one
/// being updated; an empty name excludes none).
std::set<std::uint32_t> allocated_cluster_ips(const identity::Registry& registry,
                                              const std::string& ns, const std::string& name);

/// Gives an admitted Service its cluster IP, given the addresses other Services hold. Pure.
///   - ExternalName or `None`: nothing to do;
///   - an address already stored for this Service (`stored`, an update): kept;
///   - unset or "": the lowest free address from first_dynamic(); a full range is 500
///     `Internal error occurred: failed to allocate a serviceIP: range is full`;
///   - an explicit address: must lie in the range and be free, else 422 on spec.clusterIPs
///     (`failed to allocate IP X: provided IP is not in the valid range. The range of valid
///     IPs is C` / `... provided IP is already allocated`).
/// On success sets spec.clusterIP, spec.clusterIPs, ipFamilies ["IPv4"] and ipFamilyPolicy
/// SingleStack. `service` must be a Service; `stored` is null on create.
std::optional<identity::ApiError> assign_cluster_ip(identity::Json& service,
                                                    const identity::Json* stored,
                                                    const ServiceCidr& range,
                                                    const std::set<std::uint32_t>& in_use);

/// The cluster IP step of a write, between admission and the registry write. Holds a
/// process-wide lock from the read of the addresses in use until it is destroyed, so two
/// concurrent creates cannot take the same address: keep it alive until the object is written.
class ClusterIpAllocation {
 public:
  /// For a Service: assigns its cluster IP (assign_cluster_ip against the registry's Services
  /// and `options.service_cidr`). Any other kind: nothing, no lock. Throws
  /// std::invalid_argument when `options.service_cidr` does not parse (it is checked at start).
  static identity::Result<ClusterIpAllocation> run(const identity::Registry& registry,
                                                   const ApiOptions& options,
                                                   identity::Json& object,
                                                   const identity::Json* stored);

 private:
  ClusterIpAllocation() = default;
  explicit ClusterIpAllocation(std::unique_lock<std::mutex> lock) : lock_(std::move(lock)) {}
  std::unique_lock<std::mutex> lock_;
};

}  // namespace ordinal::api
