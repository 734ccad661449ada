#pragma once
// The members of a headless Service as `ordinal peers` sees them through DNS (dns.md §2.5,
// §6.2): SRV targets `<set>-<i>.<svc>.<ns>.svc.<domain>`, put in ordinal order, and the caller's
// own identity taken from its hostname. Pure functions: no I/O, so every rule is testable.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ordinal::cli {

/// One member of the service.
struct Peer {
  std::string name;                    ///< first label of the SRV target ("web-0")
  std::optional<int> ordinal;          ///< trailing -N of `name`, minus --ordinal-offset
  std::string fqdn;                    ///< SRV target without the trailing dot
  std::uint16_t port = 0;              ///< SRV port, or --port
  std::vector<std::string> addresses;  ///< A/AAAA of the target, in text form
};

/// One SRV record of an answer.
struct SrvRecord {
  std::string target;  ///< with or without the trailing dot
  std::uint16_t port = 0;
};

/// One A or AAAA record (an answer's additional section or a separate query).
struct AddressRecord {
  std::string owner;  ///< with or without the trailing dot
  std::string address;
};

/// What a service argument names, and the DNS names derived from it.
struct ServiceName {
  std::string service;
  std::string ns;
  std::string domain = "cluster.local";

  /// `<svc>.<ns>.svc.<domain>`, without the trailing dot.
  [[nodiscard]] std::string fqdn() const;
  /// The SRV query name: the bare service name, or `_<port-name>._tcp.<fqdn>` when `port_name`
  /// is not empty.
  [[nodiscard]] std::string srv_name(const std::string& port_name) const;
};

/// Splits `SERVICE[.NAMESPACE]`; the namespace comes from the argument, else `fallback_ns`.
/// Throws std::invalid_argument for an empty part or more than one dot.
ServiceName parse_service_argument(const std::string& argument, const std::string& fallback_ns,
                                   const std::string& domain);

/// The number after the last '-' of `label` ("web-12" -> 12); nullopt when there is none or
/// `label` is an address written with dashes ("10-244-0-3", "fd00--1"), as endpoints without a
/// hostname are named.
std::optional<int> ordinal_suffix(std::string_view label);

/// Members from SRV records: one per distinct target (the lowest port when a target is listed
/// with several, as a bare SRV name lists every port), addresses from `addresses` matched by
/// owner name (case-insensitive). Ordinals are the name's number minus `ordinal_offset`
/// (nullopt when below 0). Sorted by ordinal; members without one follow, by name.
/// `port_override` > 0 replaces every port.
std::vector<Peer> members_from_records(const std::vector<SrvRecord>& srvs,
                                       const std::vector<AddressRecord>& addresses,
                                       int ordinal_offset, int port_override);

/// The caller's identity, from its hostname.
struct SelfIdentity {
  std::string name;        ///< the hostname's first label ("web-1")
  int ordinal = 0;         ///< its number minus --ordinal-offset
  std::string fqdn;        ///< `<name>.<service fqdn>`
  std::uint16_t port = 0;  ///< the port its peers listen on (its own member's, else the first's)
};

/// Reads `<set>-<ordinal>` from `hostname` (only its first label counts). Throws
/// std::invalid_argument with a message that names the hostname when it does not end in a number
/// or the number is below `ordinal_offset`.
SelfIdentity self_from_hostname(const std::string& hostname, int ordinal_offset,
                                const ServiceName& service, const std::vector<Peer>& peers,
                                int port_override);

/// The fully qualified names of the members 0..count-1 that are not in `resolved` (members with
/// at least one address), derived from the name pattern of the members found (set name and
/// domain suffix). Empty when nothing is missing; throws std::invalid_argument when no member with
/// an ordinal was found, so the pattern is unknown.
std::vector<std::string> missing_members(const std::vector<Peer>& found, int count,
                                         int ordinal_offset);

/// The R of `replicas=R` in any of `txt_strings` (the character-strings of a TXT RRset);
/// nullopt when none carries it.
std::optional<int> replicas_from_txt(const std::vector<std::string>& txt_strings);

/// The members that have at least one address, in the same order.
std::vector<Peer> with_addresses(const std::vector<Peer>& peers);

}  // namespace ordinal::cli
