#pragma once
// The recent versions of the zones, by serial, for IXFR (RFC 1995): a client that holds one of
// them gets only what changed since. Versions share their unchanged record blocks, so keeping
// a few dozen costs little more than the changes between them. Older clients get a full AXFR.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

#include "zones/zone_snapshot.hpp"

namespace ordinal::dns {

class TransferJournal {
 public:
  /// Keeps the newest `depth` versions.
  explicit TransferJournal(std::size_t depth = 64) : depth_(depth) {}

  /// Remembers a published snapshot; one with the serial of the newest version kept replaces
  /// it (the same version built again). Any thread.
  void record(std::shared_ptr<const zones::ZoneSnapshot> snapshot);
  /// The version whose serial is `serial`, or null when it is not (or no longer) kept. Any
  /// thread.
  [[nodiscard]] std::shared_ptr<const zones::ZoneSnapshot> find(std::uint32_t serial) const;

 private:
  std::size_t depth_;
  mutable std::mutex mu_;
  std::deque<std::shared_ptr<const zones::ZoneSnapshot>> versions_;
};

}  // namespace ordinal::dns
