#pragma once
// Peer-discovery records (issue 6: allowed by the DNS specification as long as the required
// records stay as they are) for a headless Service that StatefulSets name as their
// serviceName. Names relative to <zone>:
//   <ep>.<svc>.<ns>.svc  TXT "ordinal=N state=starting|ready|terminating revision=H" for the
//                        endpoint name (hostname) of each member pod with a ready address. The
//                        name exists through that address already; a starting or terminating
//                        member is published only with publishNotReadyAddresses (dns.md §2.3).
//   <svc>.<ns>.svc       TXT "replicas=R ready=K" (spec.replicas, status.readyReplicas) when one
//                        set names the Service; when several do, one string per set in name
//                        order, "set=NAME replicas=R ready=K". Only while the name exists
//                        (dns.md §3.3: a headless Service without ready addresses is NXDOMAIN).
// Names that are not answerable yet but soon will be stay NXDOMAIN, with a SOA whose TTL and
// MINIMUM are 0 (Zone::fleeting) so that no resolver caches the absence: each declared member
// <set>-<i>, i in [ordinals.start, ordinals.start + replicas), without a ready address; and,
// while no address of the Service is ready, the Service name and its named-port SRV names.
// Every other negative answer keeps the configured SOA. TXT records are not transferred
// (dns.md §6.9 lists what is).
#include <cstdint>
#include <string>
#include <vector>

#include "zones/endpoint_overlay.hpp"
#include "zones/record.hpp"
#include "zones/service_records.hpp"
#include "zones/zone_inputs.hpp"

namespace ordinal::zones {

struct PeerRecords {
  std::vector<Record> records;        ///< served, never transferred
  std::vector<std::string> fleeting;  ///< absolute, lower case; NXDOMAIN without caching
};

/// At most this many declared members per set get the uncached NXDOMAIN.
inline constexpr std::int32_t kMaxFleetingMembers = 1024;

/// Pure. `sets`: the StatefulSets of the Service's namespace whose serviceName is its name.
/// Nothing for Services that are not headless, or without sets. `zone` absolute, lower case.
PeerRecords peer_records(const ServiceInfo& service, const std::vector<const SetInfo*>& sets,
                         const std::vector<ReadyAddress>& ready, const PodIndex& pods,
                         const std::string& zone, std::uint32_t ttl);

}  // namespace ordinal::zones
