// Issue 4: incremental updates answer exactly as a full rebuild. A long random sequence of
// changes (Services of every class added, changed and removed, slices, readiness, hostnames,
// pods with their readiness laid over the slices, StatefulSets, namespaces) goes to a ZoneUpdater;
// after every step its snapshot must match build_snapshot() over the same objects name by name,
// answer by answer, and in the exported zone text (dns.md §3.3 existence, §6 answers, §6.3 reverse,
// §6.9 transfer).
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "tests/zones/snapshot_compare.hpp"
#include "tests/zones/zone_world.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_updater.hpp"

namespace ordinal::zones {
namespace {

using testing::Key;
using testing::same_snapshot;
using testing::World;

class RandomChanges {
 public:
  RandomChanges(unsigned seed, World& world, ZoneUpdater& updater)
      : random_(seed), world_(world), updater_(updater) {}

  /// Applies one random change to both the world and the updater.
  void step() {
    one_change();
    world_.forget_unlisted();
  }

 private:
  void one_change() {
    switch (pick(15)) {
      case 0:
      case 1:
        return put_service();
      case 2:
        return remove(world_.services,
                      [&](const Key& k) { updater_.remove_service(k.first, k.second); });
      case 3:
      case 4:
      case 5:
        return put_slice(random_slice());
      case 6:
        return remove(world_.slices,
                      [&](const Key& k) { updater_.remove_slice(k.first, k.second); });
      case 7:
      case 8:
        return change_endpoint();
      case 9:
        return put_pod();
      case 10:
        return remove(world_.pods, [&](const Key& k) {
          world_.deleted[k] = world_.pods.at(k).uid;
          updater_.remove_pod(k.first, k.second);
        });
      case 11:
        return put_set();
      case 12:
        return remove(world_.sets, [&](const Key& k) { updater_.remove_set(k.first, k.second); });
      case 13:
        return put_pod();
      default:
        return flip_namespace();
    }
  }

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }
  bool coin() { return pick(2) == 0; }
  template <class T>
  T one_of(const std::vector<T>& values) {
    return values[pick(values.size())];
  }

  std::string ns() { return one_of<std::string>({"a", "b", "c"}); }
  std::string address() {
    return one_of<std::string>({"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.96.0.1",
                                "fd00::1", "fd00::2", "fd00:0::2", "not-an-ip"});
  }
  std::vector<PortInfo> ports() {
    const std::vector<PortInfo> all = {{"http", "TCP", 80},
                                       {"dns", "UDP", 53},
                                       {"dns", "TCP", 53},
                                       {"", "TCP", 8080},
                                       {"Metrics", "TCP", std::nullopt}};
    std::vector<PortInfo> out;
    for (std::size_t n = pick(3); n > 0; --n) out.push_back(one_of(all));
    return out;
  }

  void put_service() {
    ServiceInfo service;
    service.ns = ns();
    service.name = one_of<std::string>({"s0", "s1", "s2", "s3"});
    service.kind = static_cast<ServiceInfo::Kind>(pick(3));
    service.ports = ports();
    service.publish_not_ready = pick(4) == 0;
    if (service.kind == ServiceInfo::Kind::ClusterIp) {
      for (std::size_t n = pick(3); n > 0; --n) {
        service.cluster_ips.push_back(
            one_of<std::string>({"10.96.0.1", "10.96.0.2", "10.0.0.1", "fd00::9"}));
      }
    }
    if (service.kind == ServiceInfo::Kind::ExternalName) {
      // In-zone targets make CNAME chains (and loops) through other Services.
      service.external_name = one_of<std::string>(
          {"example.net", "s1.a.svc.cluster.local", "S0.b.svc.cluster.local.",
           "s2.a.svc.cluster.local", "web-0.s3.a.svc.cluster.local", "10.1.1.1", ""});
    }
    world_.services[{service.ns, service.name}] = service;
    updater_.put_service(service);
  }

  SliceInfo random_slice() {
    SliceInfo slice;
    slice.ns = ns();
    slice.name = one_of<std::string>({"e0", "e1", "e2", "e3", "e4"});
    slice.service = one_of<std::string>({"s0", "s1", "s2", "s3", "gone"});
    slice.ports = ports();
    for (std::size_t n = pick(4); n > 0; --n) slice.endpoints.push_back(random_endpoint());
    return slice;
  }

  EndpointInfo random_endpoint() {
    EndpointInfo endpoint;
    for (std::size_t n = 1 + pick(2); n > 0; --n) endpoint.addresses.push_back(address());
    endpoint.ready = pick(3) != 0;
    endpoint.hostname = one_of<std::string>({"", "", "web-0", "web-1", "Web-2"});
    endpoint.pod_name = one_of<std::string>({"", "p0", "p1", "web-0", "web-1"});
    endpoint.pod_uid = one_of<std::string>({"", "u0", "u1"});
    return endpoint;
  }

  void put_slice(SliceInfo slice) {
    world_.slices[{slice.ns, slice.name}] = slice;
    updater_.put_slice(std::move(slice));
  }

  /// A pod turns ready or unready, or changes its hostname: one endpoint of one slice.
  void change_endpoint() {
    if (world_.slices.empty()) return put_slice(random_slice());
    auto it =
        std::next(world_.slices.begin(), static_cast<std::ptrdiff_t>(pick(world_.slices.size())));
    SliceInfo slice = it->second;
    if (slice.endpoints.empty()) {
      slice.endpoints.push_back(random_endpoint());
    } else {
      auto& endpoint = slice.endpoints[pick(slice.endpoints.size())];
      if (coin()) {
        endpoint.ready = !endpoint.ready;
      } else {
        endpoint.hostname = one_of<std::string>({"", "web-0", "web-3"});
      }
    }
    put_slice(std::move(slice));
  }

  void put_pod() {
    PodInfo pod;
    pod.ns = ns();
    pod.name = one_of<std::string>({"p0", "p1", "p2", "web-0", "web-1"});
    pod.ip = address();
    pod.terminating = pick(4) == 0;
    if (pick(5) == 0) pod.ip.clear();
    pod.ready = coin();
    pod.terminal = pick(8) == 0;
    pod.uid = one_of<std::string>({"", "u0", "u1"});
    pod.set = one_of<std::string>({"", "web", "web", "db"});
    pod.revision = one_of<std::string>({"", "web-5d8f"});
    world_.pods[{pod.ns, pod.name}] = pod;
    world_.deleted.erase({pod.ns, pod.name});
    updater_.put_pod(pod);
  }

  void put_set() {
    SetInfo set;
    set.ns = ns();
    set.name = one_of<std::string>({"web", "db"});
    set.service_name = one_of<std::string>({"s0", "s1", "s3", "gone"});
    set.replicas = static_cast<std::int32_t>(pick(4));
    set.ready_replicas = static_cast<std::int32_t>(pick(3));
    set.ordinals_start = static_cast<std::int32_t>(pick(2));
    world_.sets[{set.ns, set.name}] = set;
    updater_.put_set(set);
  }

  void flip_namespace() {
    const std::string name = ns();
    if (world_.namespaces.erase(name) != 0) {
      updater_.remove_namespace(name);
    } else {
      world_.namespaces.insert(name);
      updater_.put_namespace(name);
    }
  }

  template <class Map, class Remove>
  void remove(Map& map, Remove remove_from_updater) {
    if (map.empty()) return;
    auto it = std::next(map.begin(), static_cast<std::ptrdiff_t>(pick(map.size())));
    remove_from_updater(it->first);
    map.erase(it);
  }

  std::mt19937 random_;
  World& world_;
  ZoneUpdater& updater_;
};

void run(const ZoneConfig& config, unsigned seed, int steps) {
  World world;
  ZoneUpdater updater(config);
  RandomChanges changes(seed, world, updater);
  for (int i = 0; i < steps; ++i) {
    // Several changes per publish now and then, as a watch batch delivers them.
    for (int n = i % 7 == 0 ? 3 : 1; n > 0; --n) changes.step();
    const auto serial = static_cast<std::uint32_t>(1000 + i);
    const auto incremental = updater.publish(serial);
    const auto full = build_snapshot(world.inputs(), config, serial);
    ASSERT_TRUE(same_snapshot(*full, *incremental)) << "seed " << seed << ", step " << i;
    std::vector<std::string> remembered;
    for (const auto& pod : updater.deleted_pods()) remembered.push_back(pod.ns + "/" + pod.name);
    std::vector<std::string> expected;
    for (const auto& [key, uid] : world.deleted) expected.push_back(key.first + "/" + key.second);
    ASSERT_EQ(remembered, expected) << "seed " << seed << ", step " << i;
  }
}

TEST(ZoneUpdaterEquivalence, RandomChangesMatchFullRebuild) {
  run(ZoneConfig{}, 1, 600);
  run(ZoneConfig{}, 2, 600);
}

TEST(ZoneUpdaterEquivalence, PodNamesAndNoPodRecords) {  // dns.md §2.4 rule 2, §9 disabled
  ZoneConfig config;
  config.endpoint_pod_names = true;
  config.pod_mode = PodMode::Disabled;
  config.ttl = 30;
  run(config, 3, 400);
}

TEST(ZoneUpdaterEquivalence, WithoutReverseZones) {  // dns.md §6.3
  ZoneConfig config;
  config.reverse_zones = false;
  config.domain = "Example.Internal";
  config.peer_extensions = false;
  run(config, 4, 300);
}

/// Enough Services and addresses that the transfer lists span many chunks, which split as the
/// zone grows and empty out as it shrinks (dns.md §6.9 order across chunks).
TEST(ZoneUpdaterEquivalence, ManyServicesAcrossTransferChunks) {
  World world;
  ZoneUpdater updater(ZoneConfig{});
  std::mt19937 random(5);
  for (std::uint32_t step = 0; step < 20; ++step) {
    for (int n = 0; n < (step < 10 ? 60 : 40); ++n) {
      const auto i = random() % 700;
      const std::string name = "svc" + std::to_string(i);
      if (step >= 10 && random() % 2 == 0) {
        world.services.erase({"a", name});
        updater.remove_service("a", name);
        continue;
      }
      ServiceInfo service{"a",   name, ServiceInfo::Kind::Headless, {}, {{"http", "TCP", 80}},
                          false, ""};
      SliceInfo slice{"a", name + "-x", name, {{"http", "TCP", 80}}, {}};
      const std::string address = "10.1." + std::to_string(i / 256) + "." + std::to_string(i % 256);
      slice.endpoints.push_back({{address}, random() % 4 != 0, "web-0", "", ""});
      world.services[{"a", name}] = service;
      world.slices[{"a", slice.name}] = slice;
      updater.put_service(service);
      updater.put_slice(slice);
    }
    const auto incremental = updater.publish(step + 1);
    const auto full = build_snapshot(world.inputs(), ZoneConfig{}, step + 1);
    ASSERT_TRUE(same_snapshot(*full, *incremental)) << "step " << step;
  }
}

/// A publish after thousands of changes (a relist's first publish; a mass deletion) renders the
/// reverse zones beside the forward one: the result is still the full rebuild's (dns.md §6.3).
/// At 3,000 Services the full rebuild compiles them on several threads and joins them in
/// transfer order (dns.md §6.9), so this also checks that join.
TEST(ZoneUpdaterEquivalence, PublishOfThousandsOfAddressesMatchesFullRebuild) {
  World world;
  ZoneUpdater updater(ZoneConfig{});
  for (int i = 0; i < 3000; ++i) {
    const std::string name = "svc" + std::to_string(i);
    ServiceInfo service{"a",   name, ServiceInfo::Kind::Headless, {}, {{"http", "TCP", 80}},
                        false, ""};
    SliceInfo slice{"a", name + "-x", name, {{"http", "TCP", 80}}, {}};
    slice.endpoints.push_back(
        {{"10.2." + std::to_string(i / 256) + "." + std::to_string(i % 256)}, true, "", "", ""});
    world.services[{"a", name}] = service;
    world.slices[{"a", slice.name}] = slice;
    updater.put_service(service);
    updater.put_slice(slice);
  }
  auto incremental = updater.publish(1);
  ASSERT_TRUE(same_snapshot(*build_snapshot(world.inputs(), ZoneConfig{}, 1), *incremental));
  for (int i = 0; i < 2500; ++i) {
    const std::string name = "svc" + std::to_string(i);
    world.services.erase({"a", name});
    world.slices.erase({"a", name + "-x"});
    updater.remove_slice("a", name + "-x");
    updater.remove_service("a", name);
  }
  incremental = updater.publish(2);
  ASSERT_TRUE(same_snapshot(*build_snapshot(world.inputs(), ZoneConfig{}, 2), *incremental));
  EXPECT_EQ(incremental->zones().size(), 3u) << "the forward zone and two reverse zones";
}

}  // namespace
}  // namespace ordinal::zones
