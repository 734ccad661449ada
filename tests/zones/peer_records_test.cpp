// Issue 6 item 3, the peer-discovery extensions (peer_records.hpp): TXT on each member's
// endpoint name and on the governing headless Service, and NXDOMAIN answers that no resolver
// caches for declared members that are not answerable yet. The required answers of dns.md stay
// as they are: which names exist (§3.3), the other negative answers' SOA (§5), the transfer
// content (§6.9).
#include "zones/peer_records.hpp"

#include <gtest/gtest.h>

#include "dns/query_parser.hpp"
#include "dns/query_stages.hpp"
#include "dns/response_encoder.hpp"
#include "tests/zones/snapshot_compare.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_export.hpp"

namespace ordinal::zones {
namespace {

using namespace testing;  // ask() and the codes it is checked against

std::vector<std::string> txt(const std::string& owner, const std::string& strings) {
  return dns::testing::expected_text({owner + " 5 IN TXT " + strings});
}

/// nginx (headless, port web/TCP) governing set web with 3 replicas; `ready` pods have an
/// address in the slice, each pod's state as given.
struct Cluster {
  ZoneInputs inputs;
  ZoneConfig config;

  Cluster() {
    ServiceInfo service;
    service.ns = "test";
    service.name = "nginx";
    service.kind = ServiceInfo::Kind::Headless;
    service.ports = {{"web", "TCP", 80}};
    inputs.services.push_back(service);
    inputs.sets.push_back({"test", "web", "nginx", 3, 1, 0});
    inputs.slices.push_back({"test", "nginx-a", "nginx", {{"web", "TCP", 80}}, {}});
  }
  /// Adds pod web-N with an endpoint in the slice (ready there when the pod is).
  PodInfo& member(int ordinal, bool ready, bool terminating = false) {
    const std::string name = "web-" + std::to_string(ordinal);
    const std::string ip = "10.244.0." + std::to_string(10 + ordinal);
    PodInfo pod;
    pod.ns = "test";
    pod.name = name;
    pod.ip = ip;
    pod.ready = ready;
    pod.terminating = terminating;
    pod.uid = "uid-" + name;
    pod.set = "web";
    pod.revision = "web-6c4f8d";
    inputs.pods.push_back(pod);
    inputs.slices.front().endpoints.push_back(
        {{ip}, ready && !terminating, name, name, "uid-" + name});
    return inputs.pods.back();
  }
  [[nodiscard]] std::shared_ptr<const ZoneSnapshot> build() const {
    return build_snapshot(inputs, config, 7);
  }
};

const Zone& forward(const ZoneSnapshot& snapshot) {
  return snapshot.zones().front();
}

/// Whether the NXDOMAIN for `name` would carry the zero-TTL SOA.
bool uncached(const ZoneSnapshot& snapshot, const std::string& name) {
  const Zone& zone = forward(snapshot);
  const Zone& negative = zone.negative_for(*name_to_wire(name));
  return &negative != &zone;
}

TEST(PeerRecords, MemberTxtGivesOrdinalStateAndRevision) {
  Cluster cluster;
  cluster.member(0, true);
  const auto snapshot = cluster.build();
  EXPECT_EQ(ask(*snapshot, "web-0." + kNginx, kTxt).second,
            txt("web-0." + kNginx, "\"ordinal=0 state=ready revision=web-6c4f8d\""));
  // The required records of the name are unchanged.
  EXPECT_EQ(ask(*snapshot, "web-0." + kNginx, kA).second,
            dns::testing::expected_text({"web-0." + kNginx + " 5 IN A 10.244.0.10"}));
}

TEST(PeerRecords, StartingAndTerminatingMembersShowOnlyWhenPublishedNotReady) {  // dns.md §2.3
  Cluster cluster;
  cluster.member(0, false);
  cluster.member(1, true, true);
  auto snapshot = cluster.build();
  // Not ready: the names do not exist, TXT cannot make them.
  EXPECT_EQ(ask(*snapshot, "web-0." + kNginx, kTxt).first, kNxDomain);
  EXPECT_EQ(ask(*snapshot, "web-1." + kNginx, kTxt).first, kNxDomain);
  cluster.inputs.services.front().publish_not_ready = true;
  snapshot = cluster.build();
  EXPECT_EQ(ask(*snapshot, "web-0." + kNginx, kTxt).second,
            txt("web-0." + kNginx, "\"ordinal=0 state=starting revision=web-6c4f8d\""));
  EXPECT_EQ(ask(*snapshot, "web-1." + kNginx, kTxt).second,
            txt("web-1." + kNginx, "\"ordinal=1 state=terminating revision=web-6c4f8d\""));
}

TEST(PeerRecords, ServiceTxtGivesReplicasAndReadyOfTheGoverningSet) {
  Cluster cluster;
  cluster.member(0, true);
  EXPECT_EQ(ask(*cluster.build(), kNginx, kTxt).second, txt(kNginx, "\"replicas=3 ready=1\""));
  // Two sets naming one Service: one string per set, by set name.
  cluster.inputs.sets.push_back({"test", "api", "nginx", 2, 2, 0});
  cluster.inputs.sets.push_back({"other", "zzz", "nginx", 9, 9, 0});  // another namespace
  EXPECT_EQ(ask(*cluster.build(), kNginx, kTxt).second,
            txt(kNginx, "\"set=api replicas=2 ready=2\" \"set=web replicas=3 ready=1\""));
}

TEST(PeerRecords, NotYetAnswerableMembersGetAnUncachedNxdomain) {
  Cluster cluster;
  cluster.member(0, true);
  cluster.member(1, false);
  const auto snapshot = cluster.build();
  for (const std::string member : {"web-1", "web-2"}) {
    EXPECT_EQ(ask(*snapshot, member + "." + kNginx, kA).first, kNxDomain) << member;
    EXPECT_TRUE(uncached(*snapshot, member + "." + kNginx)) << member;
  }
  const Zone& zero = forward(*snapshot).negative_for(*name_to_wire("web-2." + kNginx));
  EXPECT_EQ(zero.soa_ttl, 0u);
  EXPECT_EQ(zero.soa.minimum, 0u);
  EXPECT_EQ(zero.apex, "cluster.local.");
  EXPECT_EQ(zero.soa.serial, 7u);
  // Outside the declared range, and every other missing name: the configured SOA.
  for (const std::string& name :
       std::vector<std::string>{"web-3." + kNginx, "web-9." + kNginx, "db-0." + kNginx,
                                "nope.test.svc.cluster.local."}) {
    EXPECT_FALSE(uncached(*snapshot, name)) << name;
  }
  EXPECT_EQ(forward(*snapshot).soa_ttl, 5u);
  EXPECT_EQ(forward(*snapshot).soa.minimum, 5u);
  // Existing names are answered as before.
  EXPECT_EQ(ask(*snapshot, "web-0." + kNginx, kA).first, kNoError);
}

/// The frame negative_for() picks encodes as the zero-TTL SOA of the zone apex: the reply the
/// query planner gives once it takes the NXDOMAIN SOA from negative_for() (dns.md §5, §7).
TEST(PeerRecords, UncachedFrameOnTheWire) {
  Cluster cluster;
  const auto snapshot = cluster.build();
  const std::string packet = dns::testing::make_query("WEB-2.nginx.test.svc.cluster.local.", kA);
  dns::ParsedQuery query;
  ASSERT_FALSE(dns::parse_query(dns::testing::bytes(packet), query));
  dns::AnswerPlan plan = dns::plan_answer(query, snapshot.get(), false);
  ASSERT_EQ(plan.rcode, dns::Rcode::NxDomain);
  plan.negative_zone = &plan.negative_zone->negative_for(query.lower_name());
  std::string reply;
  dns::encode_reply(dns::testing::bytes(packet), query, plan, 512, 1232, reply);
  const auto parsed = dns::ldns::packet_from_wire(reply);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(dns::testing::section_text(ldns_pkt_authority(parsed.get())),
            dns::testing::expected_text({"cluster.local. 0 IN SOA ns.dns.cluster.local. "
                                         "hostmaster.cluster.local. 7 7200 1800 86400 0"}));
}

TEST(PeerRecords, DeclaredRangeFollowsOrdinalsStart) {  // SS-1.13
  Cluster cluster;
  cluster.inputs.sets.front().ordinals_start = 5;
  const auto snapshot = cluster.build();
  EXPECT_FALSE(uncached(*snapshot, "web-0." + kNginx));
  EXPECT_TRUE(uncached(*snapshot, "web-5." + kNginx));
  EXPECT_TRUE(uncached(*snapshot, "web-7." + kNginx));
  EXPECT_FALSE(uncached(*snapshot, "web-8." + kNginx));
}

TEST(PeerRecords, ServiceWithoutReadyMembersStaysNxdomainUncached) {  // dns.md §7
  Cluster cluster;
  const auto snapshot = cluster.build();
  EXPECT_EQ(ask(*snapshot, kNginx, kTxt).first, kNxDomain);
  EXPECT_EQ(ask(*snapshot, kNginx, kA).first, kNxDomain);
  EXPECT_TRUE(uncached(*snapshot, kNginx));
  EXPECT_TRUE(uncached(*snapshot, "_web._tcp." + kNginx));
  EXPECT_TRUE(uncached(*snapshot, "web-0." + kNginx));
  // No replicas declared: nothing is on its way.
  cluster.inputs.sets.front().replicas = 0;
  EXPECT_FALSE(uncached(*cluster.build(), kNginx));
}

TEST(PeerRecords, TxtIsNotTransferred) {  // dns.md §6.9
  Cluster cluster;
  cluster.member(0, true);
  const std::string text = export_zone_text(*cluster.build(), false);
  EXPECT_NE(text.find("web-0.nginx.test.svc.cluster.local."), std::string::npos);
  EXPECT_EQ(text.find("TXT"), std::string::npos) << text;
}

TEST(PeerRecords, SwitchedOffPerZone) {
  Cluster cluster;
  cluster.member(0, true);
  cluster.member(1, false);
  cluster.config.peer_extensions = false;
  const auto snapshot = cluster.build();
  EXPECT_EQ(ask(*snapshot, kNginx, kTxt).first, kNoError);  // NODATA, as dns.md §6.7
  EXPECT_TRUE(ask(*snapshot, kNginx, kTxt).second.empty());
  EXPECT_TRUE(ask(*snapshot, "web-0." + kNginx, kTxt).second.empty());
  EXPECT_FALSE(uncached(*snapshot, "web-1." + kNginx));
  EXPECT_EQ(forward(*snapshot).uncached, nullptr);
}

TEST(PeerRecords, OnlyForHeadlessServicesAndTheSetsOwnPods) {
  Cluster cluster;
  cluster.member(0, true).set = "";  // not controlled by the set: no member TXT
  auto snapshot = cluster.build();
  EXPECT_TRUE(ask(*snapshot, "web-0." + kNginx, kTxt).second.empty());
  EXPECT_FALSE(ask(*snapshot, kNginx, kTxt).second.empty());
  cluster.inputs.services.front().kind = ServiceInfo::Kind::ClusterIp;
  cluster.inputs.services.front().cluster_ips = {"10.96.0.10"};
  snapshot = cluster.build();
  EXPECT_TRUE(ask(*snapshot, kNginx, kTxt).second.empty());
  EXPECT_FALSE(uncached(*snapshot, "web-1." + kNginx));
}

}  // namespace
}  // namespace ordinal::zones
