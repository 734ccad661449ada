#include "fuzz/dns_entries.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>

#include "dns/ldns.hpp"
#include "dns/message.hpp"
#include "dns/query_handler.hpp"
#include "dns/query_parser.hpp"
#include "fuzz/fuzz_check.hpp"
#include "zones/zone_builder.hpp"

namespace ordinal::fuzz {
namespace {

zones::PortInfo tcp_port(const char* name, std::uint16_t number) {
  return zones::PortInfo{name, "TCP", number};
}

zones::PodInfo member(const std::string& name, const std::string& ip, bool ready) {
  return zones::PodInfo{"test", name, ip, false, ready, false, "uid-" + name, "web", "rev1"};
}

/// A small cluster with every kind of name the zone has: a headless Service whose StatefulSet
/// is half ready (members, peer TXT, fleeting names), a ClusterIP Service, an ExternalName, an
/// IPv6 endpoint and the reverse zones.
std::shared_ptr<const zones::ZoneSnapshot> build_zone() {
  zones::ZoneInputs in;
  in.namespaces = {"test", "default"};
  zones::ServiceInfo headless{
      "test", "nginx", zones::ServiceInfo::Kind::Headless, {}, {tcp_port("http", 80)}, false, ""};
  zones::ServiceInfo api{"test",
                         "api",
                         zones::ServiceInfo::Kind::ClusterIp,
                         {"10.96.0.20"},
                         {tcp_port("http", 80), zones::PortInfo{"dns", "UDP", 53}},
                         false,
                         ""};
  zones::ServiceInfo ext{"default", "ext",        zones::ServiceInfo::Kind::ExternalName, {}, {},
                         false,     "example.net"};
  in.services = {headless, api, ext};
  zones::SliceInfo slice{"test", "nginx-a", "nginx", {tcp_port("http", 80)}, {}};
  slice.endpoints.push_back({{"10.244.0.10"}, true, "web-0", "web-0", "uid-web-0"});
  slice.endpoints.push_back({{"10.244.0.11"}, false, "web-1", "web-1", "uid-web-1"});
  slice.endpoints.push_back({{"fd00::12"}, true, "web-2", "web-2", "uid-web-2"});
  in.slices = {slice};
  in.pods = {member("web-0", "10.244.0.10", true), member("web-1", "10.244.0.11", false),
             member("web-2", "fd00::12", true)};
  in.sets = {zones::SetInfo{"test", "web", "nginx", 4, 2, 0}};
  return zones::build_snapshot(in, zones::ZoneConfig{}, 1700000001);
}

const zones::ZoneSnapshot& zone() {
  static const std::shared_ptr<const zones::ZoneSnapshot> snapshot = build_zone();
  return *snapshot;
}

void check_reply(std::span<const std::uint8_t> packet, const std::string& out, std::size_t limit) {
  check(out.size() >= dns::kHeaderSize, "a reply has a whole header");
  check(out.size() <= limit, "a reply fits the transport's limit");
  check(static_cast<std::uint8_t>(out[0]) == packet[0] &&
            static_cast<std::uint8_t>(out[1]) == packet[1],
        "a reply echoes the query ID");
  check((static_cast<std::uint8_t>(out[2]) & 0x80U) != 0, "a reply has QR set");
  check(dns::ldns::packet_from_wire(out) != nullptr, "ldns decodes the reply");
}

}  // namespace

void fuzz_dns_parser(std::span<const std::uint8_t> packet) {
  dns::ParsedQuery query;
  if (dns::parse_query(packet, query)) return;
  const auto* begin = reinterpret_cast<const char*>(packet.data());
  check(query.qname.data() >= begin &&
            query.qname.data() + query.qname.size() <= begin + packet.size(),
        "the question name is a view into the packet");
  check(query.question_end <= packet.size(), "the question ends inside the packet");
  check(query.lower_size == query.qname.size() && query.lower_size <= sizeof query.lower,
        "the lower-case name has the question's length");
  std::string lowered(query.qname);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  check(lowered == query.lower_name(), "the lower-case name is the question in lower case");
}

void fuzz_dns_pipeline(std::span<const std::uint8_t> packet) {
  for (const bool forward : {false, true}) {
    for (const auto transport : {dns::Transport::Udp, dns::Transport::Tcp}) {
      const dns::QueryLimits limits{1232, forward};
      std::string out;
      const auto action = dns::handle_query(packet, &zone(), transport, limits, out);
      const bool header = packet.size() >= dns::kHeaderSize;
      if (action == dns::QueryAction::Drop) {
        check(!header || (packet[2] & 0x80U) != 0, "only short packets and responses are dropped");
        continue;
      }
      check(header, "a packet shorter than a header is dropped");
      if (action == dns::QueryAction::Forward) {
        check(forward, "nothing is forwarded without an upstream");
        continue;
      }
      check_reply(packet, out, transport == dns::Transport::Tcp ? dns::kTcpMaximum : 1232);
    }
  }
  // A missing snapshot is SERVFAIL, never a crash.
  std::string out;
  dns::handle_query(packet, nullptr, dns::Transport::Udp, dns::QueryLimits{}, out);
}

}  // namespace ordinal::fuzz
