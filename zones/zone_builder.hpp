#pragma once
// Builds a complete, immutable snapshot (the cluster zone and the reverse zones) from the
// inputs, from scratch; the cost is linear in the number of records. The feed keeps the zone
// current with zone_updater instead, which rebuilds only what a change touches; this builder
// stays as the reference it is tested against, and for one-off snapshots.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "zones/zone_config.hpp"
#include "zones/zone_inputs.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// Pure function of its arguments. `serial` goes into every SOA; a TTL above 3600 is served
/// as 3600.
std::shared_ptr<const ZoneSnapshot> build_snapshot(const ZoneInputs& inputs,
                                                   const ZoneConfig& config, std::uint32_t serial);

/// The SOA of the zone `apex` served for the cluster domain `forward` (both absolute, lower
/// case) with `serial` (dns.md §5). Pure.
Record zone_soa(const std::string& apex, const std::string& forward, const ZoneConfig& config,
                std::uint32_t serial);
/// `config` as served: the TTL capped at 3600 (dns.md §5).
ZoneConfig served_config(const ZoneConfig& config);

/// dns.md §5 [OURS]: Unix time in seconds cut to 32 bits, forced strictly above `previous`.
std::uint32_t next_serial(std::uint32_t previous, std::chrono::system_clock::time_point now);

}  // namespace ordinal::zones
