// Issue 4 item 3: answers follow the pods at once, before the EndpointSlice controller rewrites
// the slice. The zone lays each endpoint's pod over the slice with the rule of dns.md §2.3
// (endpoint_overlay.hpp); the incremental zone and the full build agree on every step.
#include "zones/endpoint_overlay.hpp"

#include <gtest/gtest.h>

#include "tests/zones/snapshot_compare.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_updater.hpp"

namespace ordinal::zones {
namespace {

using namespace testing;  // ask() and the codes it is checked against

PodInfo pod_info(const std::string& name, const std::string& ip, bool ready) {
  PodInfo out;
  out.ns = "test";
  out.name = name;
  out.ip = ip;
  out.ready = ready;
  out.uid = "uid-" + name;
  out.set = "web";
  return out;
}

/// A headless Service with one slice listing web-0 and web-1, both ready in the slice, and the
/// zone fed like the registry feeds it; every publish is checked against a full rebuild.
class Overlay : public ::testing::Test {
 protected:
  void SetUp() override {
    service_.ns = "test";
    service_.name = "nginx";
    service_.kind = ServiceInfo::Kind::Headless;
    service_.ports = {{"web", "TCP", 80}};
    slice_ = {"test", "nginx-a", "nginx", {{"web", "TCP", 80}}, {}};
    for (const std::string name : {"web-0", "web-1"}) {
      const std::string ip = name == "web-0" ? "10.244.0.10" : "10.244.0.11";
      slice_.endpoints.push_back({{ip}, true, name, name, "uid-" + name});
    }
    put_service();
    put_slice();
  }

  void put_service() {
    inputs_.services = {service_};
    updater_.put_service(service_);
  }
  void put_slice() {
    inputs_.slices = {slice_};
    updater_.put_slice(slice_);
  }
  void put_pod(const PodInfo& info) {
    std::erase_if(inputs_.pods, [&](const PodInfo& p) { return p.name == info.name; });
    std::erase_if(inputs_.deleted_pods, [&](const DeletedPod& p) { return p.name == info.name; });
    inputs_.pods.push_back(info);
    updater_.put_pod(info);
  }
  void remove_pod(const std::string& name) {
    std::erase_if(inputs_.pods, [&](const PodInfo& p) { return p.name == name; });
    inputs_.deleted_pods.push_back({"test", name, "uid-" + name});
    updater_.remove_pod("test", name);
  }
  /// Publishes, checks the result against build_snapshot, and returns it.
  const ZoneSnapshot& publish() {
    ++serial_;
    snapshot_ = updater_.publish(serial_);
    EXPECT_TRUE(
        testing::same_snapshot(*build_snapshot(inputs_, ZoneConfig{}, serial_), *snapshot_));
    return *snapshot_;
  }
  /// Whether `member` is in every answer that lists members: SRV, the Service's A set, its own
  /// A and its PTR.
  bool answered(const std::string& member, const std::string& ip) {
    const ZoneSnapshot& snapshot = publish();
    const std::string fqdn = member + "." + kNginx;
    const auto srv = ask(snapshot, kNginx, kSrv).second;
    const bool in_srv = std::any_of(srv.begin(), srv.end(), [&](const std::string& line) {
      return line.find(fqdn) != std::string::npos;
    });
    const auto service_a = ask(snapshot, kNginx, kA).second;
    const bool in_a = std::any_of(service_a.begin(), service_a.end(), [&](const std::string& line) {
      return line.find(ip) != std::string::npos;
    });
    const auto own = ask(snapshot, fqdn, kA);
    const auto ptr = ask(snapshot, *reverse_name(ip), kPtr);
    const bool in_own = own.first == kNoError && !own.second.empty();
    const bool in_ptr = ptr.first == kNoError && !ptr.second.empty();
    EXPECT_EQ(in_srv, in_a) << member;
    EXPECT_EQ(in_srv, in_own) << member;
    EXPECT_EQ(in_srv, in_ptr) << member;
    if (!in_own) {
      EXPECT_EQ(own.first, kNxDomain) << member;
    }
    return in_srv;
  }

  ServiceInfo service_;
  SliceInfo slice_;
  ZoneInputs inputs_;
  ZoneUpdater updater_{ZoneConfig{}};
  std::uint32_t serial_ = 0;
  std::shared_ptr<const ZoneSnapshot> snapshot_;
};

TEST_F(Overlay, PodsTheZoneNeverSawKeepTheSlicesWord) {
  EXPECT_TRUE(answered("web-0", "10.244.0.10"));
  EXPECT_TRUE(answered("web-1", "10.244.0.11"));
  slice_.endpoints[1].ready = false;
  put_slice();
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
}

TEST_F(Overlay, DeletedPodLeavesEveryAnswerBeforeTheSliceChanges) {
  put_pod(pod_info("web-0", "10.244.0.10", true));
  put_pod(pod_info("web-1", "10.244.0.11", true));
  EXPECT_TRUE(answered("web-1", "10.244.0.11"));
  remove_pod("web-1");
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
  EXPECT_TRUE(answered("web-0", "10.244.0.10"));
  // The slice catches up; the zone forgets the deleted pod it no longer needs.
  slice_.endpoints.pop_back();
  std::erase_if(inputs_.deleted_pods, [](const DeletedPod& p) { return p.name == "web-1"; });
  put_slice();
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
  EXPECT_TRUE(updater_.deleted_pods().empty());
}

TEST_F(Overlay, TerminatingPodLeavesEveryAnswer) {  // dns.md §2.3: ready AND not terminating
  PodInfo leaving = pod_info("web-1", "10.244.0.11", true);
  put_pod(leaving);
  leaving.terminating = true;
  put_pod(leaving);
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
}

TEST_F(Overlay, UnreadyPodLeavesAndComesBackWhenReady) {
  put_pod(pod_info("web-1", "10.244.0.11", false));
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
  put_pod(pod_info("web-1", "10.244.0.11", true));
  EXPECT_TRUE(answered("web-1", "10.244.0.11"));
}

TEST_F(Overlay, PodThatBecomesReadyIsAnsweredBeforeTheSliceSaysSo) {
  slice_.endpoints[1].ready = false;
  put_slice();
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
  put_pod(pod_info("web-1", "10.244.0.11", true));
  EXPECT_TRUE(answered("web-1", "10.244.0.11"));
}

TEST_F(Overlay, PublishNotReadyAddressesKeepsTerminatingPodsButNotDeletedOnes) {  // dns.md §2.3
  service_.publish_not_ready = true;
  put_service();
  PodInfo leaving = pod_info("web-1", "10.244.0.11", false);
  leaving.terminating = true;
  put_pod(leaving);
  EXPECT_TRUE(answered("web-1", "10.244.0.11"));
  remove_pod("web-1");
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
}

// dns.md §2.3 [OURS]: the legacy tolerate-unready annotation counts as publishNotReadyAddresses,
// for the overlay as for the slices the controller writes; an unready pod stays answered.
TEST_F(Overlay, TolerateUnreadyAnnotationKeepsUnreadyPods) {
  const auto read = service_from_json(
      {{"kind", "Service"},
       {"metadata",
        {{"name", "nginx"},
         {"namespace", "test"},
         {"annotations", {{"service.alpha.kubernetes.io/tolerate-unready-endpoints", "true"}}}}},
       {"spec", {{"clusterIP", "None"}, {"ports", {{{"name", "web"}, {"port", 80}}}}}}});
  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(read->publish_not_ready);
  service_.publish_not_ready = read->publish_not_ready;
  put_service();
  put_pod(pod_info("web-1", "10.244.0.11", false));
  EXPECT_TRUE(answered("web-1", "10.244.0.11"));
}

TEST_F(Overlay, AnEndpointOfAnEarlierPodOfTheSameNameIsNotReady) {
  // A StatefulSet recreates web-1 under its name; the slice still lists the old one.
  PodInfo again = pod_info("web-1", "10.244.0.12", true);
  again.uid = "uid-web-1-again";
  put_pod(again);
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
}

TEST_F(Overlay, PodWithoutAddressOrFinishedIsNotListed) {  // dns.md §2.3: IP, not terminal
  PodInfo done = pod_info("web-1", "10.244.0.11", true);
  done.terminal = true;
  put_pod(done);
  EXPECT_FALSE(answered("web-1", "10.244.0.11"));
}

TEST_F(Overlay, APodChangeRecompilesOnlyTheServicesListingIt) {
  ServiceInfo other = service_;
  other.name = "db";
  SliceInfo other_slice{"test", "db-a", "db", {{"web", "TCP", 80}}, {}};
  other_slice.endpoints.push_back({{"10.244.0.20"}, true, "db-0", "db-0", "uid-db-0"});
  inputs_.services.push_back(other);
  updater_.put_service(other);
  updater_.put_slice(other_slice);
  inputs_.slices = {slice_, other_slice};
  updater_.put_pod(pod_info("web-1", "10.244.0.11", true));
  inputs_.pods.push_back(pod_info("web-1", "10.244.0.11", true));
  const auto before = updater_.publish(++serial_);
  put_pod(pod_info("web-1", "10.244.0.11", false));
  const auto after = updater_.publish(++serial_);
  const auto node = [](const ZoneSnapshot& s, const std::string& name) {
    return s.zones().front().find(*name_to_wire(name));
  };
  EXPECT_EQ(node(*before, "db-0.db.test.svc.cluster.local."),
            node(*after, "db-0.db.test.svc.cluster.local."));
  EXPECT_NE(node(*before, kNginx), node(*after, kNginx));
  EXPECT_EQ(node(*after, "web-1." + kNginx), nullptr);
}

TEST(PodIndex, RuleTable) {  // dns.md §2.3 formula, one row per case
  ServiceInfo service;
  service.kind = ServiceInfo::Kind::Headless;
  PodIndex pods;
  EndpointInfo endpoint{{"10.0.0.1"}, false, "web-0", "web-0", ""};
  EXPECT_FALSE(pods.endpoint_ready(endpoint, "test", service));  // never seen: the slice
  endpoint.ready = true;
  EXPECT_TRUE(pods.endpoint_ready(endpoint, "test", service));
  EXPECT_TRUE(pods.endpoint_ready(endpoint, "other", service));
  pods.put(pod_info("web-0", "10.0.0.1", false));
  EXPECT_FALSE(pods.endpoint_ready(endpoint, "test", service));
  EXPECT_TRUE(pods.endpoint_ready(endpoint, "other", service));  // another namespace's pod
  pods.remove("test", "web-0");
  EXPECT_FALSE(pods.endpoint_ready(endpoint, "test", service));
  pods.forget_deleted("test", "web-0");
  EXPECT_TRUE(pods.endpoint_ready(endpoint, "test", service));
  endpoint.pod_name.clear();
  pods.put(pod_info("web-0", "10.0.0.1", false));
  EXPECT_TRUE(pods.endpoint_ready(endpoint, "test", service));  // no targetRef
}

}  // namespace
}  // namespace ordinal::zones
