#pragma once
// Answers AXFR and IXFR queries that arrive over TCP (dns.md §6.9): access control, then the
// whole zone or the difference from the client's version; and, with TSIG keys, queries signed
// with them (RFC 8945). Pure apart from reading the journal.
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dns/query_handler.hpp"
#include "dns/transfer_acl.hpp"
#include "dns/transfer_journal.hpp"
#include "dns/tsig.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::dns {

struct TransferPolicy {
  TransferAcl allowed;                       ///< who may transfer; nobody when empty
  const TransferJournal* journal = nullptr;  ///< versions for IXFR; null: always AXFR
  /// `--tsig-key`s. When any is given, a transfer also needs a valid signature with one.
  std::vector<TsigKey> keys{};
};

/// The messages answering the transfer query `packet` from `client`: REFUSED to clients the
/// policy does not allow and for names that are not the apex of one of our zones, FORMERR for
/// an IXFR without a SOA, SERVFAIL before the first snapshot; otherwise AXFR, or for IXFR our
/// SOA alone (client up to date), the difference (client's version kept) or the whole zone.
/// With keys in the policy, also REFUSED unless `authenticated` (the request's TSIG checked
/// out; `packet` is then the request without its TSIG record).
std::vector<std::string> answer_transfer(std::span<const std::uint8_t> packet,
                                         const zones::ZoneSnapshot* snapshot,
                                         const boost::asio::ip::address& client,
                                         const TransferPolicy& policy, bool authenticated = false);

/// The reply to a query that ends with a TSIG record, when the policy has keys; nullopt when
/// `packet` carries none (answer it as any other). The TCP listener calls it; the UDP one does
/// not (yet), so a signed UDP query gets an unsigned answer. A malformed or misplaced TSIG gets
/// FORMERR; an unknown key or a bad MAC NOTAUTH with an unsigned TSIG saying BADKEY or BADSIG;
/// a time outside the fudge a signed NOTAUTH/BADTIME. A valid request is answered as
/// handle_query() would answer it unsigned (a transfer through answer_transfer(), a name to be
/// forwarded REFUSED), every message signed (RFC 8945 §5.3.1). An empty vector: send nothing.
std::optional<std::vector<std::string>> answer_signed_query(
    std::span<const std::uint8_t> packet, const zones::ZoneSnapshot* snapshot,
    const boost::asio::ip::address& client, Transport transport, const QueryLimits& limits,
    const TransferPolicy& policy, std::uint64_t now);

}  // namespace ordinal::dns
