#pragma once
// Builds a complete, immutable snapshot (the cluster zone and the reverse zones) from the
// inputs. This increment always rebuilds everything; the cost is linear in the number of
// records.
#include <chrono>
#include <cstdint>
#include <memory>

#include "zones/zone_config.hpp"
#include "zones/zone_inputs.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// Pure function of its arguments. `serial` goes into every SOA; a TTL above 3600 is served
/// as 3600.
std::shared_ptr<const ZoneSnapshot> build_snapshot(const ZoneInputs& inputs,
                                                   const ZoneConfig& config, std::uint32_t serial);

/// dns.md §5 [OURS]: Unix time in seconds cut to 32 bits, forced strictly above `previous`.
std::uint32_t next_serial(std::uint32_t previous, std::chrono::system_clock::time_point now);

}  // namespace ordinal::zones
