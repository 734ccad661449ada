// Building blocks of the snapshot: naming rules (dns.md §2.4, §6.3), serials (§5), TTLs (§5)
// and the wire writer's name compression.
#include "zones/zone_builder.hpp"

#include <gtest/gtest.h>

#include "dns/ldns.hpp"
#include "dns/query_handler.hpp"
#include "tests/dns/dns_test_util.hpp"
#include "zones/dns_name.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::zones {
namespace {

using namespace ordinal::dns::testing;
using namespace std::chrono;

TEST(DnsName, DashedAddressesFollowRule3) {  // dns.md §2.4
  EXPECT_EQ(dashed_address("10.244.1.10"), "10-244-1-10");
  EXPECT_EQ(dashed_address("2001:db8::1"), "2001-db8--1");
  EXPECT_EQ(dashed_address("fd00::"), "fd00--0");
}

TEST(DnsName, ReverseNames) {  // dns.md §6.3, RFC 3596
  EXPECT_EQ(reverse_name("10.244.1.10"), "10.1.244.10.in-addr.arpa.");
  EXPECT_EQ(reverse_name("2001:db8::1"),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
  EXPECT_EQ(reverse_name("web-0"), std::nullopt);
}

TEST(DnsName, WireFormRejectsLongLabels) {
  EXPECT_EQ(name_to_wire("a.bc."), std::string("\x01"
                                               "a\x02"
                                               "bc\x00",
                                               6));
  EXPECT_EQ(name_to_wire(std::string(64, 'x') + ".local"), std::nullopt);
  EXPECT_EQ(wire_to_name(*name_to_wire("Web-0.Local")), "Web-0.Local.");
}

TEST(Serial, UnixTimeStrictlyIncreasing) {  // dns.md §5 [OURS]
  const system_clock::time_point t{seconds(1700000000)};
  EXPECT_EQ(next_serial(0, t), 1700000000U);
  EXPECT_EQ(next_serial(1700000000, t), 1700000001U);  // same second: previous + 1
  EXPECT_EQ(next_serial(1700000005, t), 1700000006U);  // clock behind: still increases
}

TEST(WireWriter, CompressesAgainstTheQuestion) {
  WireWriter writer(*name_to_wire("web-0.nginx.test.svc.cluster.local."));
  writer.add({"web-0.nginx.test.svc.cluster.local.", rr_type::kA, 5, Ipv4Data{{10, 0, 0, 1}}});
  // Owner = the question: a two-octet pointer to offset 12.
  const std::string body = writer.bytes().substr(writer.question_end());
  EXPECT_EQ(body.substr(0, 2), "\xC0\x0C");
  EXPECT_EQ(body.size(), 2U + 10U + 4U);
}

std::string soa_text(const ZoneConfig& config) {
  const auto snapshot = build_snapshot(ZoneInputs{}, config, 7);
  std::string reply;
  dns::handle_query(bytes(make_query(config.domain + ".", rr_type::kSoa)), snapshot.get(),
                    dns::Transport::Udp, {}, reply);
  auto packet = dns::ldns::packet_from_wire(reply);
  if (!packet || ldns_pkt_ancount(packet.get()) != 1) return "no SOA";
  return normalise(dns::ldns::rr_to_text(ldns_rr_list_rr(ldns_pkt_answer(packet.get()), 0)));
}

TEST(ZoneConfigTtl, SoaTtlIsTtlCappedAt300) {  // dns.md §5
  ZoneConfig config;
  config.ttl = 30;
  config.soa_minimum = 30;
  EXPECT_EQ(soa_text(config),
            "cluster.local. 30 in soa ns.dns.cluster.local. hostmaster.cluster.local. 7 7200 1800 "
            "86400 30");
  config.ttl = 3600;
  EXPECT_EQ(soa_text(config).substr(0, 18), "cluster.local. 300");
}

TEST(ZoneConfigTtl, OtherDomain) {  // cli.md --domain
  ZoneConfig config;
  config.domain = "Example.Internal";
  EXPECT_EQ(soa_text(config),
            "example.internal. 5 in soa ns.dns.example.internal. hostmaster.example.internal. 7 "
            "7200 1800 86400 5");
}

}  // namespace
}  // namespace ordinal::zones
