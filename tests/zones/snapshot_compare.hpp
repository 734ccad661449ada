#pragma once
// Checks that two snapshots answer alike: the same zones, the same existing names, and for each
// name the same pre-rendered answers byte for byte (hence the same wire replies for every
// query type), plus the same exported zone text. Also a one-line query.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "dns/ldns.hpp"
#include "dns/query_handler.hpp"
#include "tests/dns/dns_test_util.hpp"
#include "zones/dns_name.hpp"
#include "zones/zone_export.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones::testing {

inline bool same_answer(const RenderedAnswer& a, const RenderedAnswer& b) {
  if (a.qtype != b.qtype || a.body != b.body || a.answer_count != b.answer_count ||
      a.additional_count != b.additional_count || a.cuts.size() != b.cuts.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.cuts.size(); ++i) {
    if (a.cuts[i].end != b.cuts[i].end || a.cuts[i].answer != b.cuts[i].answer ||
        a.cuts[i].additional != b.cuts[i].additional) {
      return false;
    }
  }
  return true;
}

inline bool same_node(const Node& a, const Node& b) {
  if (a.fallback != b.fallback || a.any != b.any || a.answers.size() != b.answers.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.answers.size(); ++i) {
    if (!same_answer(a.answers[i], b.answers[i])) return false;
  }
  return true;
}

/// The same names answer NXDOMAIN uncached, with the same SOA; "" when so.
inline std::string same_fleeting(const Zone& expected, const Zone& actual) {
  std::string error;
  if (expected.fleeting.size() != actual.fleeting.size()) error = "fleeting names differ in count";
  expected.fleeting.for_each([&](const std::string& wire, const Node&) {
    if (error.empty() && actual.fleeting.find(wire) == nullptr)
      error = "missing fleeting name " + wire_to_name(wire);
  });
  if (!error.empty()) return error;
  if ((expected.uncached == nullptr) != (actual.uncached == nullptr)) return "uncached SOA differs";
  if (expected.uncached && (expected.uncached->soa_rdata_wire != actual.uncached->soa_rdata_wire ||
                            expected.uncached->soa_ttl != actual.uncached->soa_ttl)) {
    return "uncached SOA differs";
  }
  return {};
}

/// Every name of `expected` exists in `actual` with the same answers, and no other name does.
inline ::testing::AssertionResult same_zone(const Zone& expected, const Zone& actual) {
  if (expected.apex != actual.apex || expected.soa_rdata_wire != actual.soa_rdata_wire ||
      expected.soa_ttl != actual.soa_ttl) {
    return ::testing::AssertionFailure() << "apex or SOA differs in " << expected.apex;
  }
  std::string error;
  expected.nodes.for_each([&](const std::string& wire, const Node& node) {
    const Node* other = actual.find(wire);
    if (error.empty() && other == nullptr) error = "missing name " + wire_to_name(wire);
    if (error.empty() && !same_node(node, *other))
      error = "answers differ at " + wire_to_name(wire);
  });
  actual.nodes.for_each([&](const std::string& wire, const Node&) {
    if (error.empty() && expected.find(wire) == nullptr) error = "extra name " + wire_to_name(wire);
  });
  if (error.empty()) error = same_fleeting(expected, actual);
  if (!error.empty()) return ::testing::AssertionFailure() << error;
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult same_snapshot(const ZoneSnapshot& expected,
                                                const ZoneSnapshot& actual) {
  if (expected.serial() != actual.serial()) return ::testing::AssertionFailure() << "serial";
  if (expected.zones().size() != actual.zones().size()) {
    return ::testing::AssertionFailure() << "zone count";
  }
  for (std::size_t i = 0; i < expected.zones().size(); ++i) {
    auto result = same_zone(expected.zones()[i], actual.zones()[i]);
    if (!result) return result;
  }
  for (bool reverse : {false, true}) {
    const std::string want = export_zone_text(expected, reverse);
    const std::string got = export_zone_text(actual, reverse);
    if (want != got) {
      return ::testing::AssertionFailure() << "export differs:\n--- full\n"
                                           << want << "--- incremental\n"
                                           << got;
    }
  }
  return ::testing::AssertionSuccess();
}

/// What the answer checks compare against: rcodes, qtypes, and the users' example Service.
constexpr int kNoError = 0;
constexpr int kNxDomain = 3;
constexpr std::uint16_t kA = 1;
constexpr std::uint16_t kPtr = 12;
constexpr std::uint16_t kTxt = 16;
constexpr std::uint16_t kSrv = 33;
inline const std::string kNginx = "nginx.test.svc.cluster.local.";

/// rcode and sorted answer text of `qname`/`qtype` asked of `snapshot` over UDP with EDNS.
inline std::pair<int, std::vector<std::string>> ask(const ZoneSnapshot& snapshot,
                                                    const std::string& qname, std::uint16_t qtype) {
  using namespace ordinal::dns::testing;
  std::string reply;
  QueryOptions options;
  options.edns_size = 4096;
  if (dns::handle_query(bytes(make_query(qname, qtype, options)), &snapshot, dns::Transport::Udp,
                        {}, reply) != dns::QueryAction::Reply) {
    return {-1, {}};
  }
  auto packet = dns::ldns::packet_from_wire(reply);
  if (!packet) return {-1, {}};
  return {static_cast<int>(ldns_pkt_get_rcode(packet.get())),
          section_text(ldns_pkt_answer(packet.get()))};
}

}  // namespace ordinal::zones::testing
