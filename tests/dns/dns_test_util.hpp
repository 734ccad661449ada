#pragma once
// Shared by the DNS tests: a cluster built from Service/EndpointSlice/Pod JSON, a query builder
// that keeps the caller's case, and reply decoding through ldns.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dns/ldns.hpp"
#include "dns/query_handler.hpp"
#include "identity/json.hpp"
#include "zones/dns_name.hpp"
#include "zones/wire_writer.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_inputs.hpp"

namespace ordinal::dns::testing {

using identity::Json;

inline Json service(const std::string& ns, const std::string& name, Json spec) {
  return {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata", {{"name", name}, {"namespace", ns}}},
          {"spec", std::move(spec)}};
}

/// `endpoints` is a vector, not a Json: `{ep}` initialising a Json is a copy of `ep` under Clang
/// (CWG 2137) but a one-element array under GCC, so a slice of one endpoint lost it.
inline Json slice(const std::string& ns, const std::string& name, const std::string& svc,
                  Json ports, const std::vector<Json>& endpoints) {
  return {{"apiVersion", "discovery.k8s.io/v1"},
          {"kind", "EndpointSlice"},
          {"metadata",
           {{"name", name}, {"namespace", ns}, {"labels", {{"kubernetes.io/service-name", svc}}}}},
          {"addressType", "IPv4"},
          {"ports", std::move(ports)},
          {"endpoints", Json(endpoints)}};
}

inline Json pod(const std::string& ns, const std::string& name, const std::string& ip,
                bool terminating = false) {
  Json object = {{"apiVersion", "v1"},
                 {"kind", "Pod"},
                 {"metadata", {{"name", name}, {"namespace", ns}}},
                 {"status", {{"podIP", ip}}}};
  if (terminating) object["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  return object;
}

/// Inputs from JSON objects, sorted by kind.
inline zones::ZoneInputs inputs_from(const std::vector<Json>& objects,
                                     const std::vector<std::string>& namespaces) {
  zones::ZoneInputs inputs;
  inputs.namespaces = namespaces;
  for (const auto& object : objects) {
    const auto kind = object.at("kind").get<std::string>();
    if (kind == "Service") inputs.services.push_back(*zones::service_from_json(object));
    if (kind == "EndpointSlice") inputs.slices.push_back(*zones::slice_from_json(object));
    if (kind == "Pod") inputs.pods.push_back(*zones::pod_from_json(object));
  }
  return inputs;
}

/// A snapshot with one headless Service `nginx` in namespace `test` (named port `http`, 80) and
/// `endpoints` ready pods web-N at 10.1.(N / 250).(N % 250 + 1).
inline std::shared_ptr<const zones::ZoneSnapshot> headless_nginx(int endpoints,
                                                                 std::uint32_t serial = 1) {
  Json list = Json::array();
  for (int i = 0; i < endpoints; ++i) {
    list.push_back(
        {{"addresses", {"10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1)}},
         {"hostname", "web-" + std::to_string(i)}});
  }
  Json ports = Json::array({{{"name", "http"}, {"protocol", "TCP"}, {"port", 80}}});
  return zones::build_snapshot(
      inputs_from({service("test", "nginx", {{"clusterIP", "None"}, {"ports", ports}}),
                   slice("test", "nginx-a", "nginx", ports, list)},
                  {"test"}),
      zones::ZoneConfig{}, serial);
}

struct QueryOptions {
  std::uint16_t qclass = 1;
  std::optional<std::uint16_t> edns_size;
  std::uint8_t edns_version = 0;
  std::uint16_t id = 0x1234;
};

/// A socket of `type` (SOCK_DGRAM, SOCK_STREAM) connected to 127.0.0.1:`port`, with a 2 s
/// receive timeout; -1 when it cannot connect.
inline int connect_to(const std::string& port, int type) {
  const int fd = ::socket(AF_INET, type, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(std::stoi(port)));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

/// Reads exactly `size` octets from `fd`; fewer when the peer closed or the receive timed out.
inline std::string read_exactly(int fd, std::size_t size) {
  std::string out(size, '\0');
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::recv(fd, out.data() + got, size - got, 0);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return out;
}

/// The next length-prefixed DNS message on the TCP connection `fd`, as it came; empty when the
/// server closed the connection or the receive timed out before a whole message.
inline std::string read_tcp_message(int fd) {
  const std::string prefix = read_exactly(fd, 2);
  if (prefix.size() != 2) return {};
  const auto length = static_cast<std::size_t>((static_cast<std::uint8_t>(prefix[0]) << 8) |
                                               static_cast<std::uint8_t>(prefix[1]));
  std::string body = read_exactly(fd, length);
  if (body.size() != length) return {};
  return body;
}

/// The next length-prefixed reply on `fd`, decoded; null when none came.
inline ldns::PacketPtr read_tcp_reply(int fd) {
  const std::string body = read_tcp_message(fd);
  return body.empty() ? nullptr : ldns::packet_from_wire(body);
}

/// A query packet for `qname` exactly as spelled.
inline std::string make_query(const std::string& qname, std::uint16_t qtype,
                              const QueryOptions& options = {}) {
  std::string out;
  zones::append_u16(out, options.id);
  zones::append_u16(out, 0x0100);  // RD
  zones::append_u16(out, 1);
  zones::append_u16(out, 0);
  zones::append_u16(out, 0);
  zones::append_u16(out, options.edns_size ? 1 : 0);
  out += *zones::name_to_wire(qname);
  zones::append_u16(out, qtype);
  zones::append_u16(out, options.qclass);
  if (options.edns_size) {
    out.push_back('\0');
    zones::append_u16(out, 41);
    zones::append_u16(out, *options.edns_size);
    zones::append_u32(out, static_cast<std::uint32_t>(options.edns_version) << 16);
    zones::append_u16(out, 0);
  }
  return out;
}

inline std::span<const std::uint8_t> bytes(const std::string& packet) {
  return {reinterpret_cast<const std::uint8_t*>(packet.data()), packet.size()};
}

/// Lower-cased, whitespace-normalised text of a record, for order- and case-insensitive
/// comparison (dns.md §4: tests compare synthesised names case-insensitively).
inline std::string normalise(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : zones::to_lower(text)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

inline std::vector<std::string> section_text(const ldns_rr_list* list) {
  std::vector<std::string> out;
  for (std::size_t i = 0; list != nullptr && i < ldns_rr_list_rr_count(list); ++i) {
    out.push_back(normalise(ldns::rr_to_text(ldns_rr_list_rr(list, i))));
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Expected records in zone-file text, normalised through ldns like the reply.
inline std::vector<std::string> expected_text(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    auto rr = ldns::rr_from_text(line);
    out.push_back(rr ? normalise(ldns::rr_to_text(rr.get())) : "unparsable: " + line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ordinal::dns::testing
