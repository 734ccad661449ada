#pragma once
// Answers AXFR and IXFR queries that arrive over TCP (dns.md §6.9): access control, then the
// whole zone or the difference from the client's version. Pure apart from reading the journal.
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dns/transfer_acl.hpp"
#include "dns/transfer_journal.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::dns {

struct TransferPolicy {
  TransferAcl allowed;                       ///< who may transfer; nobody when empty
  const TransferJournal* journal = nullptr;  ///< versions for IXFR; null: always AXFR
};

/// The messages answering the transfer query `packet` from `client`: REFUSED to clients the
/// policy does not allow and for names that are not the apex of one of our zones, FORMERR for
/// an IXFR without a SOA, SERVFAIL before the first snapshot; otherwise AXFR, or for IXFR our
/// SOA alone (client up to date), the difference (client's version kept) or the whole zone.
std::vector<std::string> answer_transfer(std::span<const std::uint8_t> packet,
                                         const zones::ZoneSnapshot* snapshot,
                                         const boost::asio::ip::address& client,
                                         const TransferPolicy& policy);

}  // namespace ordinal::dns
