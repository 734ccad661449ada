#pragma once
// The records one Service contributes to the cluster zone (dns.md §6.1, §6.2, §6.4), and its
// share of the transfer content (§6.9).
//
// Names produced (relative to <zone>; `_<port>._<proto>` labels are lower case):
//   <svc>.<ns>.svc                    A/AAAA (cluster IPs or ready endpoint addresses), bare SRV,
//                                     or CNAME (ExternalName)
//   <ep>.<svc>.<ns>.svc               A/AAAA of the ready endpoints named <ep> (§2.4)
//   _<port>._<proto>.<svc>.<ns>.svc   SRV for named ports
#include <string>
#include <vector>

#include "zones/endpoint_overlay.hpp"
#include "zones/record.hpp"
#include "zones/zone_config.hpp"
#include "zones/zone_inputs.hpp"

namespace ordinal::zones {

/// One ready endpoint address of a Service, with the label it is published under.
struct ReadyAddress {
  std::string address;
  std::string label;  ///< <ep>
  const SliceInfo* slice = nullptr;
  const EndpointInfo* endpoint = nullptr;
};

/// Ready addresses of `service` across `slices` (which all belong to it), in slice order.
/// Readiness is the slice's, overlaid with what `pods` knows (endpoint_overlay.hpp).
std::vector<ReadyAddress> ready_addresses(const ServiceInfo& service,
                                          const std::vector<const SliceInfo*>& slices,
                                          const ZoneConfig& config, const PodIndex& pods);

/// "<svc>.<ns>.svc.<zone>." in lower case; `zone` is absolute.
std::string service_fqdn(const ServiceInfo& service, const std::string& zone);

/// An A or AAAA record for `address`; nullopt when it does not parse.
std::optional<Record> address_record(const std::string& owner, const std::string& address,
                                     std::uint32_t ttl);

/// Appends the served records of one Service to `out`.
void add_service_records(const ServiceInfo& service, const std::vector<ReadyAddress>& ready,
                         const std::string& zone, std::uint32_t ttl, std::vector<Record>& out);

/// Appends the transfer records of one Service (dns.md §6.9 step 3) to `out`.
void add_service_transfer(const ServiceInfo& service, const std::vector<ReadyAddress>& ready,
                          const std::string& zone, std::uint32_t ttl, std::vector<Record>& out);

}  // namespace ordinal::zones
