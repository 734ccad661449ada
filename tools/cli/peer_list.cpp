#include "tools/cli/peer_list.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <stdexcept>

namespace ordinal::cli {
namespace {

std::string lower_without_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string first_label(std::string_view fqdn) {
  return std::string(fqdn.substr(0, fqdn.find('.')));
}

// The part of `fqdn` after its first label, dot included ("" for a single label).
std::string after_first_label(std::string_view fqdn) {
  const auto dot = fqdn.find('.');
  return dot == std::string_view::npos ? std::string() : std::string(fqdn.substr(dot));
}

std::optional<int> offset_ordinal(std::string_view label, int ordinal_offset) {
  const auto number = ordinal_suffix(label);
  if (!number || *number < ordinal_offset) return std::nullopt;
  return *number - ordinal_offset;
}

// Endpoints without a hostname are named by their address with dashes (dns.md §2.4 rule 3):
// "10-244-0-3" ends in a number but is no ordinal.
bool is_dashed_address(std::string_view label) {
  std::string v4(label);
  std::replace(v4.begin(), v4.end(), '-', '.');
  std::string v6(label);
  std::replace(v6.begin(), v6.end(), '-', ':');
  unsigned char buffer[16];
  return ::inet_pton(AF_INET, v4.c_str(), buffer) == 1 ||
         ::inet_pton(AF_INET6, v6.c_str(), buffer) == 1;
}

bool peer_order(const Peer& a, const Peer& b) {
  if (a.ordinal.has_value() != b.ordinal.has_value()) return a.ordinal.has_value();
  if (a.ordinal && *a.ordinal != *b.ordinal) return *a.ordinal < *b.ordinal;
  return a.fqdn < b.fqdn;
}

}  // namespace

std::string ServiceName::fqdn() const {
  return service + "." + ns + ".svc." + domain;
}

std::string ServiceName::srv_name(const std::string& port_name) const {
  return port_name.empty() ? fqdn() : "_" + port_name + "._tcp." + fqdn();
}

ServiceName parse_service_argument(const std::string& argument, const std::string& fallback_ns,
                                   const std::string& domain) {
  ServiceName name;
  name.domain = domain;
  while (!name.domain.empty() && name.domain.back() == '.') name.domain.pop_back();
  const auto dot = argument.find('.');
  name.service = argument.substr(0, dot);
  name.ns = dot == std::string::npos ? fallback_ns : argument.substr(dot + 1);
  if (name.service.empty() || name.ns.empty() || name.ns.find('.') != std::string::npos ||
      name.domain.empty())
    throw std::invalid_argument("\"" + argument +
                                "\" is not SERVICE or SERVICE.NAMESPACE (the domain comes from "
                                "--domain)");
  return name;
}

std::optional<int> ordinal_suffix(std::string_view label) {
  if (is_dashed_address(label)) return std::nullopt;
  const auto dash = label.rfind('-');
  if (dash == std::string_view::npos || dash + 1 == label.size()) return std::nullopt;
  const std::string_view digits = label.substr(dash + 1);
  if (!std::all_of(digits.begin(), digits.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
    return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

std::vector<Peer> members_from_records(const std::vector<SrvRecord>& srvs,
                                       const std::vector<AddressRecord>& addresses,
                                       int ordinal_offset, int port_override) {
  std::map<std::string, Peer> by_target;
  for (const auto& srv : srvs) {
    const std::string fqdn = lower_without_dot(srv.target);
    auto [it, inserted] = by_target.try_emplace(fqdn);
    Peer& peer = it->second;
    if (inserted || srv.port < peer.port) peer.port = srv.port;
    peer.fqdn = fqdn;
    peer.name = first_label(fqdn);
    peer.ordinal = offset_ordinal(peer.name, ordinal_offset);
  }
  for (const auto& record : addresses) {
    auto it = by_target.find(lower_without_dot(record.owner));
    if (it == by_target.end()) continue;
    auto& list = it->second.addresses;
    if (std::find(list.begin(), list.end(), record.address) == list.end())
      list.push_back(record.address);
  }
  std::vector<Peer> peers;
  for (auto& [fqdn, peer] : by_target) {
    if (port_override > 0) peer.port = static_cast<std::uint16_t>(port_override);
    peers.push_back(std::move(peer));
  }
  std::sort(peers.begin(), peers.end(), peer_order);
  return peers;
}

SelfIdentity self_from_hostname(const std::string& hostname, int ordinal_offset,
                                const ServiceName& service, const std::vector<Peer>& peers,
                                int port_override) {
  SelfIdentity self;
  self.name = lower_without_dot(first_label(hostname));
  const auto number = ordinal_suffix(self.name);
  if (!number)
    throw std::invalid_argument("--self: the hostname \"" + hostname +
                                "\" does not end in -<ordinal>; a StatefulSet pod's hostname is "
                                "<set>-<ordinal> (e.g. web-0)");
  if (*number < ordinal_offset)
    throw std::invalid_argument("--self: the hostname \"" + hostname + "\" has ordinal " +
                                std::to_string(*number) + ", below --ordinal-offset " +
                                std::to_string(ordinal_offset));
  self.ordinal = *number - ordinal_offset;
  self.fqdn = self.name + "." + service.fqdn();
  if (port_override > 0) {
    self.port = static_cast<std::uint16_t>(port_override);
  } else {
    const auto mine = std::find_if(peers.begin(), peers.end(),
                                   [&](const Peer& p) { return p.fqdn == self.fqdn; });
    if (mine != peers.end())
      self.port = mine->port;
    else if (!peers.empty())
      self.port = peers.front().port;
  }
  return self;
}

std::vector<std::string> missing_members(const std::vector<Peer>& found, int count,
                                         int ordinal_offset) {
  std::set<int> resolved;
  const Peer* pattern = nullptr;
  for (const auto& peer : found) {
    if (!peer.ordinal) continue;
    if (pattern == nullptr) pattern = &peer;
    if (!peer.addresses.empty()) resolved.insert(*peer.ordinal);
  }
  std::vector<std::string> missing;
  for (int i = 0; i < count; ++i) {
    if (resolved.count(i) != 0) continue;
    if (pattern == nullptr)
      throw std::invalid_argument("no member was found, so their names are unknown");
    const std::string set = pattern->name.substr(0, pattern->name.rfind('-'));
    missing.push_back(set + "-" + std::to_string(i + ordinal_offset) +
                      after_first_label(pattern->fqdn));
  }
  return missing;
}

std::optional<int> replicas_from_txt(const std::vector<std::string>& txt_strings) {
  static constexpr std::string_view kKey = "replicas=";
  for (const auto& text : txt_strings) {
    for (std::size_t at = text.find(kKey); at != std::string::npos; at = text.find(kKey, at + 1)) {
      if (at != 0 && text[at - 1] != ' ') continue;  // "maxreplicas=" is another key
      int value = 0;
      const char* begin = text.data() + at + kKey.size();
      const char* end = text.data() + text.size();
      const auto [stop, error] = std::from_chars(begin, end, value);
      if (error == std::errc() && stop != begin && (stop == end || *stop == ' ') && value >= 0)
        return value;
    }
  }
  return std::nullopt;
}

std::vector<Peer> with_addresses(const std::vector<Peer>& peers) {
  std::vector<Peer> out;
  std::copy_if(peers.begin(), peers.end(), std::back_inserter(out),
               [](const Peer& p) { return !p.addresses.empty(); });
  return out;
}

}  // namespace ordinal::cli
