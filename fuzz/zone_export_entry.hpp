#pragma once
// Fuzz entry for `ordinal zone export`: a cluster decoded from the input, its snapshot
// exported as zone text, parsed back with ldns, and compared record by record with the
// snapshot's own records rendered through the DNS wire encoder (a path independent of the
// text exporter).
#include <cstdint>
#include <span>

namespace ordinal::fuzz {

/// Builds ZoneInputs from `input` (names from the alphabet Kubernetes validation allows,
/// IPv4 and IPv6 addresses, ports, Service kinds, StatefulSets), then checks that the forward
/// and the reverse export each load with ldns and hold exactly the snapshot's records.
void fuzz_zone_export(std::span<const std::uint8_t> input);

}  // namespace ordinal::fuzz
