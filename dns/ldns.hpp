#pragma once
// The one door to ldns (STYLE rule 11). ldns's headers redefine bool/true/false in C++ unless
// <stdbool.h> comes first, so nothing else includes <ldns/ldns.h>. Each ldns object is owned by
// a unique_ptr with its free function. Used for zone text, for `ordinal peers`'s resolver and for
// checking answers in tests; never on the query path.
#include <stdbool.h>  // NOLINT(modernize-deprecated-headers): must precede ldns
// clang-format off
#include <ldns/ldns.h>
// clang-format on

#include <memory>
#include <string>
#include <string_view>

namespace ordinal::dns::ldns {

struct PacketFree {
  void operator()(ldns_pkt* p) const { ldns_pkt_free(p); }
};
struct RrFree {
  void operator()(ldns_rr* rr) const { ldns_rr_free(rr); }
};
struct RrListFree {
  void operator()(ldns_rr_list* list) const { ldns_rr_list_deep_free(list); }
};
struct ZoneFree {
  void operator()(ldns_zone* zone) const { ldns_zone_deep_free(zone); }
};
struct ResolverFree {
  void operator()(ldns_resolver* resolver) const { ldns_resolver_deep_free(resolver); }
};
struct RdfFree {
  void operator()(ldns_rdf* rdf) const { ldns_rdf_deep_free(rdf); }
};
using PacketPtr = std::unique_ptr<ldns_pkt, PacketFree>;
using RrPtr = std::unique_ptr<ldns_rr, RrFree>;
using RrListPtr = std::unique_ptr<ldns_rr_list, RrListFree>;
using ZonePtr = std::unique_ptr<ldns_zone, ZoneFree>;
using ResolverPtr = std::unique_ptr<ldns_resolver, ResolverFree>;
using RdfPtr = std::unique_ptr<ldns_rdf, RdfFree>;

/// Decodes a DNS message; null when ldns rejects it.
PacketPtr packet_from_wire(std::string_view wire);
/// Parses one record in master-file syntax ("a.b. 5 IN A 10.0.0.1"); null on error.
RrPtr rr_from_text(const std::string& text);
/// Master-file text of one record, without the trailing newline.
std::string rr_to_text(const ldns_rr* rr);
/// Parses a whole zone file; null on error and `error` names the line and ldns's reason.
ZonePtr zone_from_text(const std::string& text, std::string* error = nullptr);

}  // namespace ordinal::dns::ldns
