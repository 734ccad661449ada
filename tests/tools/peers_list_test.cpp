// How `ordinal peers` reads DNS answers into members (dns.md §2.5, §6.2): ordering by ordinal,
// one member per target, the caller's identity from its hostname, the names of missing members,
// the published replica count and the --dns and SERVICE[.NAMESPACE] arguments.
#include <gtest/gtest.h>

#include <stdexcept>

#include "tools/cli/peer_list.hpp"
#include "tools/cli/peer_resolver.hpp"

namespace ordinal::cli {
namespace {

std::vector<std::string> names(const std::vector<Peer>& peers) {
  std::vector<std::string> out;
  for (const auto& p : peers) out.push_back(p.name);
  return out;
}

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(PeerList, OrdinalSuffix) {
  EXPECT_EQ(ordinal_suffix("web-0"), 0);
  EXPECT_EQ(ordinal_suffix("my-set-12"), 12);
  EXPECT_EQ(ordinal_suffix("web"), std::nullopt);
  EXPECT_EQ(ordinal_suffix("web-"), std::nullopt);
  EXPECT_EQ(ordinal_suffix("web-1a"), std::nullopt);
  EXPECT_EQ(ordinal_suffix("web-99999999999"), std::nullopt);
  // Endpoints named by their address (dns.md §2.4 rule 3) are not members with an ordinal.
  EXPECT_EQ(ordinal_suffix("10-244-1-10"), std::nullopt);
  EXPECT_EQ(ordinal_suffix("2001-db8--1"), std::nullopt);
  EXPECT_EQ(ordinal_suffix("fd00--0"), std::nullopt);
  EXPECT_EQ(ordinal_suffix("abc-1"), 1);
}

TEST(PeerList, SortedByOrdinalThenNamesWithoutOne) {
  const auto peers = members_from_records({{"web-10.nginx.test.svc.cluster.local.", 80},
                                           {"10-244-0-9.nginx.test.svc.cluster.local.", 80},
                                           {"web-2.nginx.test.svc.cluster.local.", 80},
                                           {"10-244-0-3.nginx.test.svc.cluster.local.", 80},
                                           {"web-0.nginx.test.svc.cluster.local", 80}},
                                          {}, 0, 0);
  EXPECT_EQ(names(peers),
            (std::vector<std::string>{"web-0", "web-2", "web-10", "10-244-0-3", "10-244-0-9"}));
  EXPECT_EQ(peers[0].fqdn, "web-0.nginx.test.svc.cluster.local");
  EXPECT_EQ(peers[2].ordinal, 10);
  EXPECT_EQ(peers[3].ordinal, std::nullopt);
}

TEST(PeerList, OneMemberPerTargetWithItsLowestPortAndAllAddresses) {
  // A bare SRV name lists every port of the service (dns.md §6.2.1).
  const auto peers = members_from_records(
      {{"Web-0.nginx.test.svc.cluster.local.", 8080}, {"web-0.nginx.test.svc.cluster.local.", 80}},
      {{"web-0.nginx.test.svc.cluster.local.", "10.0.0.1"},
       {"WEB-0.nginx.test.svc.cluster.local.", "fd00::1"},
       {"web-0.nginx.test.svc.cluster.local.", "10.0.0.1"},
       {"other.nginx.test.svc.cluster.local.", "10.0.0.9"}},
      0, 0);
  ASSERT_EQ(peers.size(), 1u);
  EXPECT_EQ(peers[0].port, 80);
  EXPECT_EQ(peers[0].addresses, (std::vector<std::string>{"10.0.0.1", "fd00::1"}));
}

TEST(PeerList, PortOverrideReplacesTheSrvPort) {
  const auto peers =
      members_from_records({{"etcd-0.etcd.db.svc.cluster.local.", 2379}}, {}, 0, 2380);
  EXPECT_EQ(peers[0].port, 2380);
}

TEST(PeerList, OrdinalOffsetShiftsOrdinals) {
  const auto peers = members_from_records(
      {{"web-1.n.t.svc.cluster.local.", 80}, {"web-3.n.t.svc.cluster.local.", 80}}, {}, 1, 0);
  EXPECT_EQ(peers[0].ordinal, 0);
  EXPECT_EQ(peers[1].ordinal, 2);
}

TEST(PeerList, ServiceArgument) {
  const auto explicit_ns = parse_service_argument("nginx.test", "default", "cluster.local.");
  EXPECT_EQ(explicit_ns.fqdn(), "nginx.test.svc.cluster.local");
  EXPECT_EQ(explicit_ns.srv_name(""), "nginx.test.svc.cluster.local");
  EXPECT_EQ(explicit_ns.srv_name("web"), "_web._tcp.nginx.test.svc.cluster.local");
  EXPECT_EQ(parse_service_argument("nginx", "prod", "example.org").fqdn(),
            "nginx.prod.svc.example.org");
  EXPECT_THROW(parse_service_argument("nginx.test.svc", "default", "cluster.local"),
               std::invalid_argument);
  EXPECT_THROW(parse_service_argument(".test", "default", "cluster.local"), std::invalid_argument);
}

TEST(PeerList, SelfFromHostname) {
  const auto service = parse_service_argument("zk.db", "default", "example.org");
  const auto peers = members_from_records({{"zk-0.zk.db.svc.example.org.", 2181}}, {}, 0, 0);
  const auto self = self_from_hostname("zk-4.zk.db.svc.example.org", 0, service, peers, 0);
  EXPECT_EQ(self.name, "zk-4");
  EXPECT_EQ(self.ordinal, 4);
  EXPECT_EQ(self.fqdn, "zk-4.zk.db.svc.example.org");
  EXPECT_EQ(self.port, 2181);  // not listed yet: the port its peers use
  EXPECT_EQ(self_from_hostname("zk-4", 3, service, peers, 0).ordinal, 1);
  EXPECT_EQ(self_from_hostname("zk-4", 0, service, peers, 2888).port, 2888);
}

TEST(PeerList, SelfWithoutOrdinalIsAClearError) {
  const auto service = parse_service_argument("zk.db", "default", "cluster.local");
  const auto no_ordinal = error_of([&] { self_from_hostname("laptop", 0, service, {}, 0); });
  EXPECT_NE(no_ordinal.find("\"laptop\" does not end in -<ordinal>"), std::string::npos)
      << no_ordinal;
  const auto below = error_of([&] { self_from_hostname("zk-0", 1, service, {}, 0); });
  EXPECT_NE(below.find("below --ordinal-offset 1"), std::string::npos) << below;
}

TEST(PeerList, MissingMembersFollowTheNamePattern) {
  auto peers = members_from_records(
      {{"web-0.nginx.test.svc.cluster.local.", 80}, {"web-1.nginx.test.svc.cluster.local.", 80}},
      {{"web-0.nginx.test.svc.cluster.local.", "10.0.0.1"}}, 0, 0);
  // web-1 is listed but has no address yet: it counts as missing too.
  EXPECT_EQ(missing_members(peers, 3, 0),
            (std::vector<std::string>{"web-1.nginx.test.svc.cluster.local",
                                      "web-2.nginx.test.svc.cluster.local"}));
  EXPECT_TRUE(missing_members(peers, 1, 0).empty());
}

TEST(PeerList, MissingMembersWithOrdinalOffset) {
  const auto peers =
      members_from_records({{"web-2.nginx.test.svc.cluster.local.", 80}},
                           {{"web-2.nginx.test.svc.cluster.local.", "10.0.0.2"}}, 1, 0);
  EXPECT_EQ(missing_members(peers, 3, 1),
            (std::vector<std::string>{"web-1.nginx.test.svc.cluster.local",
                                      "web-3.nginx.test.svc.cluster.local"}));
}

TEST(PeerList, MissingMembersWithNothingFoundCannotBeNamed) {
  EXPECT_THROW(missing_members({}, 3, 0), std::invalid_argument);
  EXPECT_TRUE(missing_members({}, 0, 0).empty());
}

TEST(PeerList, ReplicasFromTxt) {
  EXPECT_EQ(replicas_from_txt({"replicas=3 ready=2"}), 3);
  EXPECT_EQ(replicas_from_txt({"ordinal=0 state=ready", "ready=1 replicas=5"}), 5);
  EXPECT_EQ(replicas_from_txt({"maxreplicas=9"}), std::nullopt);
  EXPECT_EQ(replicas_from_txt({"replicas=x"}), std::nullopt);
  EXPECT_EQ(replicas_from_txt({"1.1.0"}), std::nullopt);
  EXPECT_EQ(replicas_from_txt({}), std::nullopt);
}

TEST(PeerList, WithAddressesKeepsOrder) {
  const auto peers = members_from_records(
      {{"web-0.n.t.svc.cluster.local.", 80},
       {"web-1.n.t.svc.cluster.local.", 80},
       {"web-2.n.t.svc.cluster.local.", 80}},
      {{"web-2.n.t.svc.cluster.local.", "10.0.0.2"}, {"web-0.n.t.svc.cluster.local.", "10.0.0.0"}},
      0, 0);
  EXPECT_EQ(names(with_addresses(peers)), (std::vector<std::string>{"web-0", "web-2"}));
}

TEST(PeerResolverArgs, DnsServerForms) {
  const auto v4 = parse_dns_server("127.0.0.1:1053");
  EXPECT_EQ(v4.address, "127.0.0.1");
  EXPECT_EQ(v4.port, 1053);
  const auto v6 = parse_dns_server("[::1]:5353");
  EXPECT_EQ(v6.address, "::1");
  EXPECT_EQ(v6.port, 5353);
  EXPECT_EQ(parse_dns_server("10.96.0.10").port, 53);
  EXPECT_EQ(parse_dns_server("fd00::a").address, "fd00::a");
  for (const std::string bad : {"", "dns.example:53", "127.0.0.1:", "127.0.0.1:70000", "[::1",
                                "[::1]x53", "127.0.0.1:port"})
    EXPECT_THROW(parse_dns_server(bad), std::invalid_argument) << bad;
}

}  // namespace
}  // namespace ordinal::cli
