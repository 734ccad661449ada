#pragma once
// Endpoint readiness read from the pods themselves, laid over the EndpointSlices (issue 4: a
// pod that becomes Ready, or is deleted, is in or out of the answers of the next query after
// the write). The EndpointSlice controller rewrites a slice a moment after the pod changes;
// the zone anticipates it with the same rule (dns.md §2.3), so answers never wait for that hop:
//   - the endpoint's pod (targetRef, same namespace) is known: ready = the pod is listable
//     (has an IP, not Succeeded/Failed) and (publishNotReadyAddresses, or Ready and not
//     terminating); an endpoint naming an older incarnation (other uid) is not ready;
//   - the pod was seen deleted (a DeletedPod with a matching or unknown uid): not ready;
//   - a pod the zone has never seen: the slice's word (conditions.ready, or
//     publishNotReadyAddresses).
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "zones/zone_inputs.hpp"

namespace ordinal::zones {

/// The pods the zone knows, live and deleted, by (namespace, name). Plain value; not
/// thread-safe. Used by the full build (from ZoneInputs) and kept by the incremental one.
class PodIndex {
 public:
  PodIndex() = default;
  /// Every pod and deleted pod of `inputs`; a live pod wins over a deleted one of its name.
  explicit PodIndex(const ZoneInputs& inputs);

  /// Adds or replaces a live pod; forgets a deleted pod of that name.
  void put(const PodInfo& pod);
  /// Marks the pod deleted (keeping its uid); nothing when unknown.
  void remove(const std::string& ns, const std::string& name);
  /// Forgets a deleted pod (no slice names it any more); live pods stay.
  void forget_deleted(const std::string& ns, const std::string& name);

  /// The live pod, or nullptr.
  [[nodiscard]] const PodInfo* find(const std::string& ns, const std::string& name) const;
  /// Whether the endpoint counts as ready for `service` (the rules above). `ns` is the
  /// slice's namespace.
  [[nodiscard]] bool endpoint_ready(const EndpointInfo& endpoint, const std::string& ns,
                                    const ServiceInfo& service) const;
  /// The deleted pods kept, in (namespace, name) order.
  [[nodiscard]] std::vector<DeletedPod> deleted() const;

 private:
  using Key = std::pair<std::string, std::string>;
  [[nodiscard]] std::optional<bool> pod_verdict(const EndpointInfo& endpoint, const std::string& ns,
                                                const ServiceInfo& service) const;

  std::map<Key, PodInfo> live_;
  std::map<Key, std::string> deleted_;  ///< -> uid (may be empty)
};

}  // namespace ordinal::zones
