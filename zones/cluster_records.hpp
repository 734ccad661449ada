#pragma once
// Every record of the cluster zone and of the reverse zones, derived from the inputs
// (dns.md §3, §5, §6, §9). The SOA is added later, with the serial.
//
// Names produced under <zone> besides those of service_records.hpp:
//   (apex)                 NS ns.dns.<zone>
//   ns.dns                 A/AAAA of the configured name-server addresses (glue)
//   dns-version            TXT "1.1.0", TTL 28800
//   svc, pod, <ns>.svc     empty non-terminals (and <ns>.pod in pod mode Verified)
//   <ip-dashed>.<ns>.pod   A/AAAA of a non-terminating pod's primary IP (pod mode Verified)
// Under in-addr.arpa. / ip6.arpa.: PTR to the Service name for cluster IPs, else to
// <ep>.<svc>.<ns>.svc.<zone> for every ready endpoint address. With peer extensions, the
// records and fleeting names of peer_records.hpp.
#include <string>
#include <vector>

#include "zones/record.hpp"
#include "zones/zone_config.hpp"
#include "zones/zone_inputs.hpp"

namespace ordinal::zones {

struct ZoneContent {
  std::string zone;                       ///< absolute, lower case: "cluster.local."
  std::vector<Record> forward;            ///< served under `zone`
  std::vector<std::string> forward_ents;  ///< names that exist without records of their own
  std::vector<Record> reverse;            ///< PTRs under in-addr.arpa. and ip6.arpa.
  std::vector<Record> transfer;           ///< dns.md §6.9 order, without the SOA
  std::vector<std::string> fleeting;      ///< missing names answered NXDOMAIN uncached
};

/// Pure function of its arguments; deterministic for the same inputs in any order.
ZoneContent cluster_records(const ZoneInputs& inputs, const ZoneConfig& config);

}  // namespace ordinal::zones
