#pragma once
// An immutable zone snapshot: every served zone with its names, and for each name the answers
// pre-rendered in wire form (STYLE rules 1 and 2). Built by zone_builder (from scratch) or
// zone_updater (sharing unchanged names with the previous snapshot), then shared read-only by
// any number of query threads.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zones/node_table.hpp"
#include "zones/record.hpp"

namespace ordinal::zones {

/// The sections that follow the question of one positive answer, pre-rendered with name
/// compression against a question at offset 12 whose name has the length of the owner.
struct RenderedAnswer {
  /// A point where the body may be cut without splitting a record; cuts never split an
  /// Answer RRset.
  struct Cut {
    std::uint32_t end = 0;  ///< octets of `body` kept
    std::uint16_t answer = 0;
    std::uint16_t additional = 0;
  };
  std::uint16_t qtype = 0;
  std::string body;
  std::uint16_t answer_count = 0;
  std::uint16_t additional_count = 0;
  std::vector<Cut> cuts;  ///< increasing; the first is empty, the last is the whole body

  /// The longest cut whose body fits in `limit` octets.
  [[nodiscard]] const Cut& fit(std::size_t limit) const;
};

/// One existing name. A name without answers is an empty non-terminal (NODATA for all types).
struct Node {
  std::vector<RenderedAnswer> answers;
  int fallback = -1;  ///< answer for types without their own (the CNAME of an alias), or -1
  int any = -1;       ///< minimal answer to ANY (RFC 8482), or -1

  /// The answer for `qtype`, or nullptr (NODATA).
  [[nodiscard]] const RenderedAnswer* find(std::uint16_t qtype) const;
};

/// Records in transfer order; immutable once published, shared between snapshots.
using RecordBlock = std::shared_ptr<const std::vector<Record>>;
/// A run of blocks in transfer order; immutable once published, shared between snapshots.
using BlockRun = std::shared_ptr<const std::vector<RecordBlock>>;

struct Zone {
  std::string apex;       ///< "cluster.local.", lower case
  std::string apex_wire;  ///< lower-case wire form
  bool reverse = false;
  std::uint32_t soa_ttl = 5;
  SoaData soa;
  /// SOA RDATA in uncompressed wire form, ready to copy into negative answers.
  std::string soa_rdata_wire;
  /// Existing names by lower-case wire form.
  NodeTable nodes;
  /// The zone as transferred/exported (dns.md §6.9), in order, SOA first and last excluded:
  /// the records of each block of each run in turn.
  std::vector<BlockRun> transfer;
  /// Names that do not exist but are expected to soon (peer_records.hpp): their NXDOMAIN
  /// carries the SOA of `uncached` instead, whose TTL and MINIMUM are 0.
  NodeTable fleeting;
  /// This zone's frame (apex and SOA, no names) with SOA TTL and MINIMUM 0; null when the zone
  /// has no fleeting names.
  std::shared_ptr<const Zone> uncached;

  /// The node named `lower_wire`, or nullptr when the name does not exist.
  [[nodiscard]] const Node* find(std::string_view lower_wire) const;
  /// The zone whose SOA goes into the NXDOMAIN answer for the missing name `lower_wire`:
  /// `*uncached` for a fleeting name, else this zone. Lock-free.
  [[nodiscard]] const Zone& negative_for(std::string_view lower_wire) const;
};

class ZoneSnapshot {
 public:
  ZoneSnapshot(std::vector<Zone> zones, std::uint32_t serial);

  /// The zone containing the lower-case wire name, the most specific first; sets
  /// `apex_offset` to where the apex starts inside the name. nullptr when outside every zone.
  [[nodiscard]] const Zone* find_zone(std::string_view lower_wire, std::size_t& apex_offset) const;
  [[nodiscard]] const std::vector<Zone>& zones() const { return zones_; }
  [[nodiscard]] std::uint32_t serial() const { return serial_; }

 private:
  std::vector<Zone> zones_;
  std::uint32_t serial_;
};

}  // namespace ordinal::zones
