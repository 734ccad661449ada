#include "fuzz/zone_export_entry.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "dns/ldns.hpp"
#include "fuzz/byte_reader.hpp"
#include "fuzz/fuzz_check.hpp"
#include "zones/dns_name.hpp"
#include "zones/wire_writer.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_export.hpp"

namespace ordinal::fuzz {
namespace {

constexpr std::string_view kLabel = "abcdefghijklmnopqrstuvwxyz0123456789-";

/// A DNS-1123 label as validation admits it: alphanumeric at both ends.
std::string label(ByteReader& in) {
  std::string out = in.word(kLabel, 12);
  if (out.front() == '-') out.front() = 'a';
  if (out.back() == '-') out.back() = '0';
  return out;
}

std::string address(ByteReader& in) {
  if (in.below(4) != 0) {
    return "10." + std::to_string(in.byte()) + "." + std::to_string(in.byte()) + "." +
           std::to_string(in.byte());
  }
  return "fd00::" + std::to_string(in.below(10)) + ":" + std::to_string(in.byte());
}

std::vector<zones::PortInfo> ports(ByteReader& in) {
  std::vector<zones::PortInfo> out(in.below(3));
  for (auto& port : out) {
    port.name = in.flag() ? label(in) : "";
    port.protocol = in.flag() ? "UDP" : "TCP";
    port.port = static_cast<std::uint16_t>(1 + in.byte() * 200);
  }
  return out;
}

zones::ZoneInputs cluster(ByteReader& in) {
  zones::ZoneInputs out;
  out.namespaces = {"test"};
  const std::size_t services = 1 + in.below(4);
  for (std::size_t s = 0; s < services && !in.empty(); ++s) {
    zones::ServiceInfo service{
        "test", label(in), zones::ServiceInfo::Kind::ClusterIp, {}, ports(in), in.flag(), ""};
    const std::size_t kind = in.below(3);
    if (kind == 0) service.cluster_ips = {address(in)};
    if (kind == 1) service.kind = zones::ServiceInfo::Kind::Headless;
    if (kind == 2) {
      service.kind = zones::ServiceInfo::Kind::ExternalName;
      service.external_name = label(in) + "." + label(in);
    }
    zones::SliceInfo slice{"test", service.name + "-x", service.name, service.ports, {}};
    const std::size_t endpoints = in.below(4);
    for (std::size_t e = 0; e < endpoints; ++e) {
      const std::string pod = service.name + "-" + std::to_string(e);
      const std::string ip = address(in);
      slice.endpoints.push_back({{ip}, in.flag(), in.flag() ? pod : "", pod, "uid-" + pod});
      out.pods.push_back({"test", pod, ip, false, true, false, "uid-" + pod, service.name, "r"});
    }
    if (in.flag()) {
      out.sets.push_back({"test", service.name, service.name,
                          static_cast<std::int32_t>(in.below(5)),
                          static_cast<std::int32_t>(in.below(3)), 0});
    }
    out.services.push_back(std::move(service));
    out.slices.push_back(std::move(slice));
  }
  return out;
}

/// `record` encoded by the wire writer and decoded by ldns, in ldns's text form.
std::string through_wire(const zones::Record& record) {
  zones::WireWriter writer(std::string(1, '\0'));
  writer.add(record);
  std::string message = writer.bytes();
  message[5] = 1;  // QDCOUNT: the root question the writer put in
  message[7] = 1;  // ANCOUNT
  const auto packet = dns::ldns::packet_from_wire(message);
  check(packet != nullptr, "ldns decodes a record the wire writer encoded");
  const ldns_rr_list* answer = ldns_pkt_answer(packet.get());
  check(ldns_rr_list_rr_count(answer) == 1, "the message holds the record");
  return dns::ldns::rr_to_text(ldns_rr_list_rr(answer, 0));
}

std::vector<std::string> snapshot_records(const zones::ZoneSnapshot& snapshot, bool reverse) {
  std::vector<std::string> out;
  for (const auto& zone : snapshot.zones()) {
    if (zone.reverse != reverse) continue;
    out.push_back(through_wire({zone.apex, zones::rr_type::kSoa, zone.soa_ttl, zone.soa}));
    for (const auto& run : zone.transfer) {
      for (const auto& block : *run) {
        for (const auto& record : *block) out.push_back(through_wire(record));
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The records of one exported zone file (or several, split at their $ORIGIN lines).
std::vector<std::string> exported_records(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t next = text.find("\n$ORIGIN ", at + 1);
    next = next == std::string::npos ? text.size() : next + 1;
    std::string error;
    const auto zone = dns::ldns::zone_from_text(text.substr(at, next - at), &error);
    check(zone != nullptr, "ldns loads the exported zone text");
    if (const ldns_rr* soa = ldns_zone_soa(zone.get())) out.push_back(dns::ldns::rr_to_text(soa));
    const ldns_rr_list* rrs = ldns_zone_rrs(zone.get());
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(rrs); ++i) {
      out.push_back(dns::ldns::rr_to_text(ldns_rr_list_rr(rrs, i)));
    }
    at = next;
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void fuzz_zone_export(std::span<const std::uint8_t> input) {
  ByteReader in(input);
  zones::ZoneConfig config;
  config.endpoint_pod_names = in.flag();
  config.peer_extensions = in.flag();
  const auto snapshot = zones::build_snapshot(cluster(in), config, 1700000001);
  for (const bool reverse : {false, true}) {
    const std::string text = zones::export_zone_text(*snapshot, reverse);
    check(exported_records(text) == snapshot_records(*snapshot, reverse),
          "the exported zone holds exactly the snapshot's records");
  }
}

}  // namespace ordinal::fuzz
