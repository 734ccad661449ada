#pragma once
// Naming rules of the cluster zone as free functions: text and wire forms of names, endpoint
// labels (dns.md §2.4) and reverse names (§6.3). Pure; safe from any thread.
#include <optional>
#include <string>
#include <string_view>

#include "zones/record.hpp"

namespace ordinal::zones {

/// ASCII lower case (DNS case-folding, RFC 4343).
std::string to_lower(std::string_view text);
/// `text` with exactly one trailing dot ("a.b" and "a.b." give "a.b."); "" and "." give ".".
std::string absolute_name(std::string_view text);
/// Uncompressed wire form of a dotted name, case kept. nullopt when a label is empty or longer
/// than 63 octets, or the name longer than 255 octets.
std::optional<std::string> name_to_wire(std::string_view dotted);
/// Dotted text ("a.b.") of an uncompressed wire name; special octets are not escaped.
std::string wire_to_name(std::string_view wire);

/// An IPv4 or IPv6 address in text form, parsed.
std::optional<Ipv4Data> parse_ipv4(const std::string& text);
std::optional<Ipv6Data> parse_ipv6(const std::string& text);
[[nodiscard]] bool is_ip_literal(const std::string& text);

/// dns.md §2.4 rule 3: "10.244.1.10" -> "10-244-1-10"; "2001:db8::1" -> "2001-db8--1";
/// "fd00::" -> "fd00--0". The address is used in the text form given.
std::string dashed_address(const std::string& address);
/// RFC 1035 / RFC 3596 reverse owner: "10.1.244.10.in-addr.arpa." or 32 nibbles under
/// "ip6.arpa.". nullopt for text that is not an address.
std::optional<std::string> reverse_name(const std::string& address);

}  // namespace ordinal::zones
