// The EndpointSlice controller against the real registry semantics (FakeObjectManager): what
// the slices of a Service hold (dns.md §2.3, SS-3.6), how they follow pods and Services, and
// that a pass with nothing to do writes nothing.
#include "identity/endpoint_slice.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "controller/endpoint_slice_builder.hpp"
#include "controller/endpoint_slice_controller.hpp"
#include "fake_object_manager.hpp"

namespace ordinal::controller {
namespace {

using identity::EndpointSlice;
using identity::Json;
using testing::FakeObjectManager;

class KeyRecorder final : public KeySink {
 public:
  void add(const std::string& key) override { keys.insert(key); }
  std::set<std::string> keys;
};

Json service_json(const std::string& name, const std::string& cluster_ip = "None") {
  return {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata", {{"name", name}, {"namespace", "test"}, {"labels", {{"team", "web"}}}}},
          {"spec",
           {{"clusterIP", cluster_ip},
            {"selector", {{"app", "web"}}},
            {"ports", {{{"name", "web"}, {"port", 80}, {"protocol", "TCP"}}}}}}};
}

identity::DeleteOptions immediately() {
  identity::DeleteOptions options;
  options.grace_period_seconds = 0;
  return options;
}

struct PodState {
  std::string ip = "10.244.0.10";
  bool ready = true;
  std::string phase = "Running";
  std::string subdomain = "nginx";
};

Json pod_json(const std::string& name, const PodState& state = {}) {
  Json status = {{"phase", state.phase},
                 {"conditions", {{{"type", "Ready"}, {"status", state.ready ? "True" : "False"}}}}};
  if (!state.ip.empty()) {
    status["podIP"] = state.ip;
    status["podIPs"] = {{{"ip", state.ip}}};
  }
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", {{"name", name}, {"namespace", "test"}, {"labels", {{"app", "web"}}}}},
          {"spec",
           {{"hostname", name},
            {"subdomain", state.subdomain},
            {"nodeName", "node-1"},
            {"containers",
             {{{"name", "nginx"},
               {"image", "nginx:1.27"},
               {"ports", {{{"name", "http"}, {"containerPort", 8080}}}}}}}}},
          {"status", status}};
}

class EndpointSliceTest : public ::testing::Test {
 protected:
  Json create(Json object) {
    auto created = objects_.create(std::move(object));
    EXPECT_TRUE(created) << created.error().message;
    return created ? **created : Json();
  }
  void sync(const std::string& key = "test/nginx") {
    const SyncOutcome outcome = controller_.sync(key, objects_.clock().now());
    ASSERT_FALSE(outcome.error) << outcome.error->message;
  }
  /// Our slices of Service `name`, sorted by name.
  std::vector<EndpointSlice> slices(const std::string& name = "nginx") {
    std::vector<EndpointSlice> out;
    for (const auto& object : objects_.list("EndpointSlice", std::string("test"))) {
      EndpointSlice slice = EndpointSlice::from_json(*object);
      if (slice.service_name() == name) out.push_back(slice);
    }
    return out;
  }
  /// The endpoints of Service `name`'s slices, by pod name.
  std::map<std::string, identity::Endpoint> endpoints(const std::string& name = "nginx") {
    std::map<std::string, identity::Endpoint> out;
    for (const auto& slice : slices(name))
      for (const auto& endpoint : slice.endpoints) out[endpoint.target_ref->name] = endpoint;
    return out;
  }
  /// Syncs again and expects no write (idempotence).
  void expect_steady(const std::string& key = "test/nginx") {
    objects_.clear_writes();
    sync(key);
    EXPECT_TRUE(objects_.writes().empty()) << objects_.writes().front();
  }

  FakeObjectManager objects_;
  EndpointSliceController controller_{objects_};
};

// dns.md §2.3: ready = Ready and not terminating; serving = Ready; terminating = deleting.
TEST_F(EndpointSliceTest, ConditionsOfReadyNotReadyAndTerminatingPods_SS_3_6) {
  create(service_json("nginx"));
  create(pod_json("web-0", {.ip = "10.244.0.10"}));
  create(pod_json("web-1", {.ip = "10.244.0.11", .ready = false}));
  create(pod_json("web-2", {.ip = "10.244.0.12"}));
  // Bound to a node, the pod is marked terminating rather than removed.
  ASSERT_TRUE(objects_.remove({"Pod", "test", "web-2"}));
  sync();

  auto all = slices();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].address_type, "IPv4");
  EXPECT_EQ(all[0].metadata.name.rfind("nginx-", 0), 0u);
  EXPECT_EQ(all[0].metadata.name.size(), std::string("nginx-").size() + 5);
  auto eps = endpoints();
  ASSERT_EQ(eps.size(), 3u);
  EXPECT_EQ(eps["web-0"].addresses, std::vector<std::string>{"10.244.0.10"});
  EXPECT_EQ(eps["web-0"].conditions.ready, true);
  EXPECT_EQ(eps["web-0"].conditions.serving, true);
  EXPECT_EQ(eps["web-0"].conditions.terminating, false);
  EXPECT_EQ(eps["web-1"].conditions.ready, false);
  EXPECT_EQ(eps["web-1"].conditions.serving, false);
  EXPECT_EQ(eps["web-2"].conditions.ready, false);
  EXPECT_EQ(eps["web-2"].conditions.serving, true);
  EXPECT_EQ(eps["web-2"].conditions.terminating, true);
  EXPECT_EQ(eps["web-0"].node_name, "node-1");
  EXPECT_EQ(eps["web-0"].target_ref->kind, "Pod");
  EXPECT_EQ(eps["web-0"].target_ref->ns, "test");
  EXPECT_FALSE(eps["web-0"].target_ref->uid.empty());
  expect_steady();
}

TEST_F(EndpointSliceTest, SliceMetadataNamesTheServiceAndItsOwner) {
  const Json service = create(service_json("nginx"));
  create(pod_json("web-0"));
  sync();

  auto all = slices();
  ASSERT_EQ(all.size(), 1u);
  const auto& meta = all[0].metadata;
  EXPECT_EQ(meta.label("kubernetes.io/service-name"), "nginx");
  EXPECT_EQ(meta.label("endpointslice.kubernetes.io/managed-by"),
            "endpointslice-controller.k8s.io");
  EXPECT_EQ(meta.label("team"), "web");
  EXPECT_TRUE(meta.labels.contains("service.kubernetes.io/headless"));
  const auto* owner = meta.controller_ref();
  ASSERT_NE(owner, nullptr);
  EXPECT_EQ(owner->kind, "Service");
  EXPECT_EQ(owner->name, "nginx");
  EXPECT_EQ(owner->uid, service["metadata"]["uid"]);
  ASSERT_EQ(all[0].ports.size(), 1u);
  EXPECT_EQ(all[0].ports[0].name, "web");
  EXPECT_EQ(all[0].ports[0].protocol, "TCP");
  EXPECT_EQ(all[0].ports[0].port, 80);
}

// SS-3.6 item 3: the hostname is published only by the Service the pod names as subdomain.
TEST_F(EndpointSliceTest, HostnameOnlyWhenSubdomainIsTheService_SS_3_6) {
  create(service_json("nginx"));
  create(service_json("other"));
  create(pod_json("web-0", {.ip = "10.244.0.10"}));
  create(pod_json("web-1", {.ip = "10.244.0.11", .subdomain = "elsewhere"}));
  sync("test/nginx");
  sync("test/other");

  auto nginx = endpoints("nginx");
  EXPECT_EQ(nginx["web-0"].hostname, "web-0");
  EXPECT_EQ(nginx["web-1"].hostname, "");
  auto other = endpoints("other");
  ASSERT_EQ(other.size(), 2u);
  EXPECT_EQ(other["web-0"].hostname, "");
  EXPECT_EQ(other["web-1"].hostname, "");
}

// SS-3.6 item 4: publishNotReadyAddresses makes every listed endpoint ready.
TEST_F(EndpointSliceTest, PublishNotReadyAddressesMakesEveryEndpointReady_SS_3_6) {
  Json service = service_json("nginx");
  service["spec"]["publishNotReadyAddresses"] = true;
  create(service);
  create(pod_json("web-0", {.ip = "10.244.0.10", .ready = false}));
  create(pod_json("web-1", {.ip = "10.244.0.11"}));
  ASSERT_TRUE(objects_.remove({"Pod", "test", "web-1"}));
  sync();

  auto eps = endpoints();
  EXPECT_EQ(eps["web-0"].conditions.ready, true);
  EXPECT_EQ(eps["web-0"].conditions.serving, false);
  EXPECT_EQ(eps["web-1"].conditions.ready, true);
  EXPECT_EQ(eps["web-1"].conditions.terminating, true);
}

TEST_F(EndpointSliceTest, TolerateUnreadyAnnotationActsLikePublishNotReady) {
  Json service = service_json("nginx");
  service["metadata"]["annotations"] = {{std::string(kTolerateUnreadyAnnotation), "true"}};
  create(service);
  create(pod_json("web-0", {.ready = false}));
  sync();
  EXPECT_EQ(endpoints()["web-0"].conditions.ready, true);
}

// dns.md §2.3: the slice port is the resolved container port; a pod lacking the named port gets
// no entry for it, so it lands in a slice with other ports.
TEST_F(EndpointSliceTest, NamedTargetPortResolvesPerPod) {
  Json service = service_json("nginx", "");
  service["spec"]["clusterIP"] = "10.96.0.10";
  service["spec"]["ports"] = {
      {{"name", "web"}, {"port", 80}, {"targetPort", "http"}, {"appProtocol", "http"}},
      {{"name", "metrics"}, {"port", 9090}, {"protocol", "TCP"}}};
  create(service);
  create(pod_json("web-0", {.ip = "10.244.0.10"}));
  Json bare = pod_json("web-1", {.ip = "10.244.0.11"});
  bare["spec"]["containers"][0].erase("ports");
  create(bare);
  sync();

  auto all = slices();
  ASSERT_EQ(all.size(), 2u);
  std::map<std::string, std::vector<identity::EndpointPort>> ports_of;
  for (const auto& slice : all) {
    ASSERT_EQ(slice.endpoints.size(), 1u);
    ports_of[slice.endpoints[0].target_ref->name] = slice.ports;
  }
  ASSERT_EQ(ports_of["web-0"].size(), 2u);
  EXPECT_EQ(ports_of["web-0"][0].name, "web");
  EXPECT_EQ(ports_of["web-0"][0].port, 8080);
  EXPECT_EQ(ports_of["web-0"][0].app_protocol, "http");
  EXPECT_EQ(ports_of["web-0"][1].name, "metrics");
  EXPECT_EQ(ports_of["web-0"][1].port, 9090);
  ASSERT_EQ(ports_of["web-1"].size(), 1u);
  EXPECT_EQ(ports_of["web-1"][0].name, "metrics");
  expect_steady();
}

TEST_F(EndpointSliceTest, MoreThanAHundredPodsSplitIntoSlicesSortedByPodName) {
  create(service_json("nginx"));
  for (int i = 0; i < 101; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "web-%03d", i);
    create(pod_json(name, {.ip = "10.244." + std::to_string(i / 200) + "." + std::to_string(i)}));
  }
  sync();

  auto all = slices();
  ASSERT_EQ(all.size(), 2u);
  std::vector<std::size_t> sizes = {all[0].endpoints.size(), all[1].endpoints.size()};
  std::sort(sizes.begin(), sizes.end());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{1, 100}));
  for (const auto& slice : all) {
    if (slice.endpoints.size() != 100) continue;
    EXPECT_EQ(slice.endpoints.front().target_ref->name, "web-000");
    EXPECT_EQ(slice.endpoints.back().target_ref->name, "web-099");
  }
  expect_steady();
}

TEST_F(EndpointSliceTest, PodsWithoutAddressOrInATerminalPhaseAreLeftOut) {
  create(service_json("nginx"));
  create(pod_json("web-0", {.ip = "10.244.0.10"}));
  create(pod_json("web-1", {.ip = ""}));
  create(pod_json("web-2", {.ip = "10.244.0.12", .ready = false, .phase = "Failed"}));
  create(pod_json("web-3", {.ip = "10.244.0.13", .ready = false, .phase = "Succeeded"}));
  Json unselected = pod_json("db-0", {.ip = "10.244.0.14"});
  unselected["metadata"]["labels"] = {{"app", "db"}};
  create(unselected);
  sync();

  auto eps = endpoints();
  ASSERT_EQ(eps.size(), 1u);
  EXPECT_TRUE(eps.contains("web-0"));
}

TEST_F(EndpointSliceTest, ChangesUpdateTheSameSliceInPlace) {
  create(service_json("nginx"));
  Json pod = create(pod_json("web-0", {.ready = false}));
  sync();
  auto before = slices();
  ASSERT_EQ(before.size(), 1u);

  pod["status"]["conditions"][0]["status"] = "True";
  ASSERT_TRUE(objects_.update(pod, identity::UpdateScope::Status));
  objects_.clear_writes();
  sync();
  EXPECT_EQ(objects_.writes(),
            std::vector<std::string>{"update EndpointSlice test/" + before[0].metadata.name});
  auto after = slices();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].metadata.name, before[0].metadata.name);
  EXPECT_EQ(after[0].endpoints[0].conditions.ready, true);
  expect_steady();
}

TEST_F(EndpointSliceTest, DeletedPodLeavesTheSliceEmpty) {
  create(service_json("nginx"));
  create(pod_json("web-0", {.ip = "10.244.0.10"}));
  create(pod_json("web-1", {.ip = "10.244.0.11"}));
  sync();
  ASSERT_TRUE(objects_.remove({"Pod", "test", "web-1"}, immediately()));
  sync();
  auto eps = endpoints();
  EXPECT_EQ(eps.size(), 1u);
  EXPECT_FALSE(eps.contains("web-1"));

  ASSERT_TRUE(objects_.remove({"Pod", "test", "web-0"}, immediately()));
  sync();
  // Kubernetes keeps one empty placeholder slice for a selector that matches nothing.
  auto all = slices();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].endpoints.empty());
  expect_steady();
}

TEST_F(EndpointSliceTest, DeletedServiceLosesItsSlices) {
  create(service_json("nginx"));
  for (int i = 0; i < 101; ++i)
    create(pod_json("web-" + std::to_string(i), {.ip = "10.244.1." + std::to_string(i)}));
  sync();
  ASSERT_EQ(slices().size(), 2u);
  ASSERT_TRUE(objects_.remove({"Service", "test", "nginx"}));
  sync();
  EXPECT_TRUE(slices().empty());
  expect_steady();
}

TEST_F(EndpointSliceTest, RemovedSelectorDeletesOnlyOurSlices) {
  Json service = create(service_json("nginx"));
  create(pod_json("web-0"));
  sync();
  // Someone else's slice for the same Service (custom endpoints) stays.
  create({{"apiVersion", "discovery.k8s.io/v1"},
          {"kind", "EndpointSlice"},
          {"metadata",
           {{"name", "nginx-manual"},
            {"namespace", "test"},
            {"labels", {{"kubernetes.io/service-name", "nginx"}}}}},
          {"addressType", "IPv4"},
          {"endpoints", {{{"addresses", {"192.0.2.1"}}}}}});
  service["spec"].erase("selector");
  ASSERT_TRUE(objects_.update(service));
  sync();

  auto all = slices();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].metadata.name, "nginx-manual");
  expect_steady();
}

// A Service without a selector wants no slices; its pass lists none unless one of ours was
// seen. A slice of ours it has not seen yet (stored before a restart) is removed once its
// event arrives, which keys the Service again.
TEST_F(EndpointSliceTest, SelectorlessServiceLosesAnOldSliceOnceItsEventArrives) {
  Json service = service_json("nginx");
  service["spec"].erase("selector");
  create(service);
  Json old =
      create({{"apiVersion", "discovery.k8s.io/v1"},
              {"kind", "EndpointSlice"},
              {"metadata",
               {{"name", "nginx-old"},
                {"namespace", "test"},
                {"labels",
                 {{"kubernetes.io/service-name", "nginx"},
                  {std::string(kManagedByLabel), std::string(kEndpointSliceControllerName)}}}}},
              {"addressType", "IPv4"},
              {"endpoints", Json::array()}});
  objects_.clear_writes();
  sync();
  EXPECT_TRUE(objects_.writes().empty()) << "no slice of ours seen: nothing to list or delete";

  KeyRecorder keys;
  controller_.on_change({identity::WatchEvent::Type::Added, std::make_shared<Json>(old), 0}, keys);
  EXPECT_EQ(keys.keys, std::set<std::string>{"test/nginx"});
  sync();
  EXPECT_TRUE(slices().empty());
  expect_steady();
}

TEST_F(EndpointSliceTest, EditedSliceIsRepaired) {
  create(service_json("nginx"));
  create(pod_json("web-0", {.ip = "10.244.0.10"}));
  sync();
  Json edited = slices()[0].to_json();
  edited["endpoints"][0]["addresses"] = {"192.0.2.99"};
  auto stored = objects_.update(edited);
  ASSERT_TRUE(stored);

  KeyRecorder keys;
  controller_.on_change({identity::WatchEvent::Type::Modified, *stored, 0}, keys);
  EXPECT_EQ(keys.keys, std::set<std::string>{"test/nginx"});
  sync();
  EXPECT_EQ(endpoints()["web-0"].addresses, std::vector<std::string>{"10.244.0.10"});
}

TEST_F(EndpointSliceTest, DeletedSliceIsRecreated) {
  create(service_json("nginx"));
  create(pod_json("web-0"));
  sync();
  const Json gone = slices()[0].to_json();
  ASSERT_TRUE(objects_.remove(identity::ObjectKey::of(gone)));

  KeyRecorder keys;
  controller_.on_change({identity::WatchEvent::Type::Deleted, std::make_shared<Json>(gone), 0},
                        keys);
  EXPECT_EQ(keys.keys, std::set<std::string>{"test/nginx"});
  sync();
  EXPECT_EQ(endpoints().size(), 1u);
}

TEST_F(EndpointSliceTest, ExternalNameServicesGetNoSlices) {
  Json external = service_json("nginx");
  external["spec"]["type"] = "ExternalName";
  external["spec"]["externalName"] = "example.com";
  external["spec"].erase("clusterIP");
  create(external);
  create(pod_json("web-0"));
  sync();
  EXPECT_TRUE(slices().empty());
}

TEST_F(EndpointSliceTest, IPv6AddressesGoToAnIPv6Slice) {
  Json service = service_json("nginx");
  service["spec"]["ipFamilies"] = {"IPv4", "IPv6"};
  create(service);
  Json pod = pod_json("web-0", {.ip = "10.244.0.10"});
  pod["status"]["podIPs"] = {{{"ip", "10.244.0.10"}}, {{"ip", "fd00::10"}}};
  create(pod);
  sync();

  std::map<std::string, std::vector<std::string>> by_type;
  for (const auto& slice : slices()) by_type[slice.address_type] = slice.endpoints.at(0).addresses;
  EXPECT_EQ(by_type["IPv4"], std::vector<std::string>{"10.244.0.10"});
  EXPECT_EQ(by_type["IPv6"], std::vector<std::string>{"fd00::10"});
}

TEST_F(EndpointSliceTest, FailedWriteFailsThePassAndTheRetryConverges) {
  create(service_json("nginx"));
  create(pod_json("web-0"));
  objects_.fail_next(FakeObjectManager::Verb::Create, "EndpointSlice",
                     identity::internal_error("disk full"));
  const SyncOutcome failed = controller_.sync("test/nginx", objects_.clock().now());
  ASSERT_TRUE(failed.error);
  EXPECT_EQ(failed.error->message, "disk full");
  EXPECT_TRUE(slices().empty());
  sync();
  EXPECT_EQ(endpoints().size(), 1u);
}

TEST_F(EndpointSliceTest, PodChangesWakeTheServicesThatSelectOrListThePod) {
  create(service_json("nginx"));
  Json other = service_json("other");
  other["spec"]["selector"] = {{"app", "db"}};
  create(other);
  Json external = service_json("external");
  external["spec"] = {{"type", "ExternalName"}, {"externalName", "example.com"}};
  create(external);
  Json pod = create(pod_json("web-0"));
  sync();

  KeyRecorder keys;
  controller_.on_change({identity::WatchEvent::Type::Added, std::make_shared<Json>(pod), 0}, keys);
  EXPECT_EQ(keys.keys, std::set<std::string>{"test/nginx"});

  // Relabelled: no Service selects it now, but nginx still lists it and must drop it.
  pod["metadata"]["labels"] = {{"app", "db"}};
  auto relabelled = objects_.update(pod);
  ASSERT_TRUE(relabelled);
  keys.keys.clear();
  controller_.on_change({identity::WatchEvent::Type::Modified, *relabelled, 0}, keys);
  EXPECT_EQ(keys.keys, (std::set<std::string>{"test/nginx", "test/other"}));
  sync("test/nginx");
  sync("test/other");
  EXPECT_TRUE(endpoints("nginx").empty());
  EXPECT_EQ(endpoints("other").size(), 1u);
}

TEST_F(EndpointSliceTest, APodWithoutAnAddressWakesOnlyTheServicesListingIt) {
  create(service_json("nginx"));
  KeyRecorder keys;
  // Created, then bound: no address yet, so no slice can change.
  Json pod = create(pod_json("web-0", {.ip = "", .ready = false, .phase = "Pending"}));
  controller_.on_change({identity::WatchEvent::Type::Added, std::make_shared<Json>(pod), 0}, keys);
  EXPECT_TRUE(keys.keys.empty());

  // Running with an address: the selecting Service.
  Json running = pod_json("web-0");
  running["metadata"] = pod["metadata"];
  auto started = objects_.update(running, identity::UpdateScope::Status);
  ASSERT_TRUE(started);
  controller_.on_change({identity::WatchEvent::Type::Modified, *started, 0}, keys);
  EXPECT_EQ(keys.keys, std::set<std::string>{"test/nginx"});
  sync();
  ASSERT_EQ(endpoints().size(), 1u);

  // The address gone again: nginx lists the pod and must drop it.
  Json lost = **started;
  lost["status"].erase("podIP");
  lost["status"].erase("podIPs");
  auto without = objects_.update(lost, identity::UpdateScope::Status);
  ASSERT_TRUE(without);
  keys.keys.clear();
  controller_.on_change({identity::WatchEvent::Type::Modified, *without, 0}, keys);
  EXPECT_EQ(keys.keys, std::set<std::string>{"test/nginx"});
  sync();
  EXPECT_TRUE(endpoints().empty());
}

TEST_F(EndpointSliceTest, ReconcilerIdentity) {
  EXPECT_EQ(controller_.name(), "endpointslice");
  EXPECT_EQ(controller_.watched_kinds(),
            (std::vector<std::string>{"Service", "Pod", "EndpointSlice"}));
}

}  // namespace
}  // namespace ordinal::controller
