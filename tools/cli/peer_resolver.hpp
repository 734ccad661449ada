#pragma once
// The DNS side of `ordinal peers`: SRV, A/AAAA and TXT queries through ldns, to one named server
// or to the system resolver (/etc/resolv.conf). Nothing is cached: every call asks the server,
// so a negative answer during start-up is never trusted twice.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/cli/peer_list.hpp"

namespace ordinal::cli {

/// A DNS server to ask.
struct DnsServerAddress {
  std::string address;  ///< IPv4 or IPv6, without brackets
  std::uint16_t port = 53;
};

/// Parses `ADDR:PORT`, `[IPv6]:PORT`, or an address alone (port 53). Throws
/// std::invalid_argument naming the text for anything else.
DnsServerAddress parse_dns_server(const std::string& text);

enum class QueryType { Srv, Address, Txt };

/// The parts of one answer that `peers` reads.
struct DnsAnswer {
  enum class Status { Ok, NoSuchName, Failed };
  Status status = Status::Failed;
  std::string detail;                    ///< the rcode or the transport error, for messages
  std::vector<SrvRecord> srvs;           ///< SRV records of the answer section
  std::vector<AddressRecord> addresses;  ///< A/AAAA of the answer and additional sections
  std::vector<std::string> txt;          ///< character-strings of the TXT records
};

/// One resolver configuration. Not thread-safe; each call blocks for at most the timeout.
class PeerResolver {
 public:
  /// `server` empty: the nameservers of /etc/resolv.conf. Throws std::runtime_error when the
  /// resolver cannot be set up (unreadable resolv.conf, no nameserver).
  explicit PeerResolver(const std::optional<DnsServerAddress>& server);
  ~PeerResolver();
  PeerResolver(const PeerResolver&) = delete;
  PeerResolver& operator=(const PeerResolver&) = delete;

  /// How long one query may wait for its answer (one try per server).
  void set_timeout(std::chrono::milliseconds timeout);

  /// Asks `name` (absolute; no search list) for `type`; Address asks A, then AAAA, and merges.
  DnsAnswer query(const std::string& name, QueryType type);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The members behind SRV `srv_name`: the SRV answer, with each target's addresses from the
/// additional section or, when it carries none, from A/AAAA queries. `answer` receives the SRV
/// answer's status, so callers can tell NXDOMAIN from a transport failure.
std::vector<Peer> resolve_members(PeerResolver& resolver, const std::string& srv_name,
                                  int ordinal_offset, int port_override, DnsAnswer& answer);

}  // namespace ordinal::cli
