// Incremental zone updates (issue 4): deleting a Service or a namespace, reverse records as
// endpoints come and go, CNAME targets that change under an alias, and the claim that an
// update re-renders only what it touches while untouched names are shared between snapshots.
#include "zones/zone_updater.hpp"

#include <gtest/gtest.h>

#include "tests/zones/snapshot_compare.hpp"

namespace ordinal::zones {
namespace {

using testing::ask;

constexpr int kNoError = 0;
constexpr int kNxDomain = 3;

ServiceInfo headless(const std::string& ns, const std::string& name) {
  ServiceInfo service;
  service.ns = ns;
  service.name = name;
  service.kind = ServiceInfo::Kind::Headless;
  service.ports = {{"http", "TCP", 80}};
  return service;
}

ServiceInfo cluster_ip(const std::string& ns, const std::string& name, const std::string& ip) {
  ServiceInfo service = headless(ns, name);
  service.kind = ServiceInfo::Kind::ClusterIp;
  service.cluster_ips = {ip};
  return service;
}

SliceInfo slice(const std::string& ns, const std::string& service,
                std::vector<std::pair<std::string, std::string>> endpoints, bool ready = true) {
  SliceInfo out{ns, service + "-a", service, {{"http", "TCP", 80}}, {}};
  for (auto& [ip, host] : endpoints) out.endpoints.push_back({{ip}, ready, host, "", ""});
  return out;
}

std::vector<std::string> a(const std::string& owner, const std::string& ip) {
  return dns::testing::expected_text({owner + " 5 IN A " + ip});
}

const Node* node_of(const ZoneSnapshot& snapshot, const std::string& name) {
  return snapshot.zones().front().find(*name_to_wire(name));
}

TEST(ZoneUpdater, ServiceDeletionRemovesItsNamesOnly) {  // dns.md §3.3, §7
  ZoneUpdater updater(ZoneConfig{});
  updater.put_service(headless("test", "nginx"));
  updater.put_slice(slice("test", "nginx", {{"10.244.0.10", "web-0"}}));
  updater.put_service(headless("test", "db"));
  updater.put_slice(slice("test", "db", {{"10.244.0.20", "db-0"}}));
  const auto before = updater.publish(1);
  ASSERT_EQ(ask(*before, "web-0.nginx.test.svc.cluster.local.", 1).second,
            a("web-0.nginx.test.svc.cluster.local.", "10.244.0.10"));

  updater.remove_service("test", "nginx");
  const auto after = updater.publish(2);
  for (const char* name :
       {"nginx.test.svc.cluster.local.", "web-0.nginx.test.svc.cluster.local.",
        "_http._tcp.nginx.test.svc.cluster.local.", "_tcp.nginx.test.svc.cluster.local."}) {
    EXPECT_EQ(ask(*after, name, 33).first, kNxDomain) << name;
  }
  EXPECT_EQ(ask(*after, "10.0.244.10.in-addr.arpa.", 12).first, kNxDomain);
  // The other Service answers as before, and its namespace still exists (NODATA).
  EXPECT_EQ(ask(*after, "db-0.db.test.svc.cluster.local.", 1).second,
            a("db-0.db.test.svc.cluster.local.", "10.244.0.20"));
  EXPECT_EQ(ask(*after, "test.svc.cluster.local.", 1),
            std::make_pair(kNoError, std::vector<std::string>{}));

  updater.remove_service("test", "db");
  const auto empty = updater.publish(3);
  EXPECT_EQ(ask(*empty, "test.svc.cluster.local.", 1).first, kNxDomain);
  EXPECT_EQ(ask(*empty, "svc.cluster.local.", 1).first, kNoError);  // fixed ENT
}

TEST(ZoneUpdater, NamespaceDeletion) {  // dns.md §3.3: a namespace exists by object or Service
  ZoneUpdater updater(ZoneConfig{});
  updater.put_namespace("empty");
  updater.put_namespace("test");
  updater.put_service(cluster_ip("test", "api", "10.96.0.5"));
  const auto first = updater.publish(1);
  EXPECT_EQ(ask(*first, "empty.svc.cluster.local.", 1).first, kNoError);
  EXPECT_EQ(ask(*first, "empty.pod.cluster.local.", 1).first, kNoError);

  updater.remove_namespace("empty");
  updater.remove_namespace("test");
  const auto second = updater.publish(2);
  EXPECT_EQ(ask(*second, "empty.svc.cluster.local.", 1).first, kNxDomain);
  EXPECT_EQ(ask(*second, "empty.pod.cluster.local.", 1).first, kNxDomain);
  // "test" still holds a Service, so it still exists.
  EXPECT_EQ(ask(*second, "test.svc.cluster.local.", 1).first, kNoError);
  EXPECT_EQ(ask(*second, "api.test.svc.cluster.local.", 1).second,
            a("api.test.svc.cluster.local.", "10.96.0.5"));
}

TEST(ZoneUpdater, ReverseRecordsFollowReadinessAndClusterIps) {  // dns.md §6.3
  ZoneUpdater updater(ZoneConfig{});
  updater.put_service(headless("test", "nginx"));
  updater.put_slice(slice("test", "nginx", {{"10.96.0.5", "web-0"}}));
  const std::string owner = "5.0.96.10.in-addr.arpa.";
  auto snapshot = updater.publish(1);
  EXPECT_EQ(ask(*snapshot, owner, 12).second,
            dns::testing::expected_text({owner + " 5 IN PTR web-0.nginx.test.svc.cluster.local."}));

  // The endpoint turns unready: no PTR (and the name is gone).
  updater.put_slice(slice("test", "nginx", {{"10.96.0.5", "web-0"}}, false));
  snapshot = updater.publish(2);
  EXPECT_EQ(ask(*snapshot, owner, 12).first, kNxDomain);

  // Ready again, and a Service takes the address as its cluster IP: one PTR, to the Service.
  updater.put_slice(slice("test", "nginx", {{"10.96.0.5", "web-0"}}));
  updater.put_service(cluster_ip("test", "api", "10.96.0.5"));
  snapshot = updater.publish(3);
  EXPECT_EQ(ask(*snapshot, owner, 12).second,
            dns::testing::expected_text({owner + " 5 IN PTR api.test.svc.cluster.local."}));

  // The Service goes: the endpoint name is back.
  updater.remove_service("test", "api");
  snapshot = updater.publish(4);
  EXPECT_EQ(ask(*snapshot, owner, 12).second,
            dns::testing::expected_text({owner + " 5 IN PTR web-0.nginx.test.svc.cluster.local."}));
  EXPECT_EQ(ask(*snapshot, owner, 1).first, kNoError);  // D10: other types NODATA
}

TEST(ZoneUpdater, AliasFollowsItsTargetAsItChanges) {  // dns.md §6.4
  ZoneUpdater updater(ZoneConfig{});
  ServiceInfo ext = headless("test", "ext");
  ext.kind = ServiceInfo::Kind::ExternalName;
  ext.external_name = "nginx.test.svc.cluster.local";
  updater.put_service(ext);
  updater.put_service(headless("test", "nginx"));
  auto snapshot = updater.publish(1);
  const std::string cname = "ext.test.svc.cluster.local. 5 IN CNAME nginx.test.svc.cluster.local.";
  EXPECT_EQ(ask(*snapshot, "ext.test.svc.cluster.local.", 1).second,
            dns::testing::expected_text({cname}));

  updater.put_slice(slice("test", "nginx", {{"10.244.0.10", "web-0"}}));
  snapshot = updater.publish(2);
  EXPECT_EQ(
      ask(*snapshot, "ext.test.svc.cluster.local.", 1).second,
      dns::testing::expected_text({cname, "nginx.test.svc.cluster.local. 5 IN A 10.244.0.10"}));
}

TEST(ZoneUpdater, UntouchedNamesAreSharedWithThePreviousSnapshot) {  // issue 4
  ZoneUpdater updater(ZoneConfig{});
  for (int i = 0; i < 50; ++i) {
    const std::string name = "svc" + std::to_string(i);
    updater.put_service(headless("test", name));
    updater.put_slice(slice("test", name, {{"10.244.1." + std::to_string(i), "web-0"}}));
  }
  const auto before = updater.publish(1);
  updater.put_slice(slice("test", "svc7", {{"10.244.1.7", "web-0"}, {"10.244.2.7", "web-1"}}));
  const auto after = updater.publish(2);

  // The changed Service's names are new nodes ...
  EXPECT_NE(node_of(*before, "svc7.test.svc.cluster.local."),
            node_of(*after, "svc7.test.svc.cluster.local."));
  EXPECT_NE(node_of(*after, "web-1.svc7.test.svc.cluster.local."), nullptr);
  // ... the apex carries the new serial; every other Service's names are the same objects.
  EXPECT_NE(node_of(*before, "cluster.local."), node_of(*after, "cluster.local."));
  for (int i = 0; i < 50; ++i) {
    if (i == 7) continue;
    const std::string name = "svc" + std::to_string(i) + ".test.svc.cluster.local.";
    for (const std::string& owner : {name, "web-0." + name, "_http._tcp." + name}) {
      ASSERT_NE(node_of(*before, owner), nullptr) << owner;
      EXPECT_EQ(node_of(*before, owner), node_of(*after, owner)) << owner;
    }
  }
  EXPECT_GT(after->serial(), before->serial());
  // The old snapshot is unchanged by the update.
  EXPECT_EQ(ask(*before, "web-1.svc7.test.svc.cluster.local.", 1).first, kNxDomain);
  EXPECT_EQ(ask(*after, "web-1.svc7.test.svc.cluster.local.", 1).second,
            a("web-1.svc7.test.svc.cluster.local.", "10.244.2.7"));
}

}  // namespace
}  // namespace ordinal::zones
