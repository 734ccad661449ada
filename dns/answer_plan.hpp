#pragma once
// What a reply will contain, decided by the query stages before anything is written (STYLE
// rule 4): the rcode, the AA bit and which pre-rendered sections go in. The encoder turns it
// into wire form.
#include <cstddef>

#include "dns/message.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::dns {

struct AnswerPlan {
  Rcode rcode = Rcode::NoError;
  bool authoritative = false;
  /// Positive answer, or nullptr.
  const zones::RenderedAnswer* answer = nullptr;
  /// Negative answer (NODATA/NXDOMAIN): the zone whose SOA goes into Authority, or nullptr.
  const zones::Zone* negative_zone = nullptr;
  /// Where the zone apex starts inside the question name (for the SOA owner pointer).
  std::size_t apex_offset = 0;
  /// The name is outside our zones and an upstream is configured: relay the query.
  bool forward = false;
};

}  // namespace ordinal::dns
