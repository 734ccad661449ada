// Issues 4 and 6: the pod overlay (endpoint_overlay.hpp) and the peer records
// (peer_records.hpp) kept by the incremental zone through a set's life, checked at every step
// against build_snapshot() over the same objects.
#include <gtest/gtest.h>

#include "tests/zones/snapshot_compare.hpp"
#include "tests/zones/zone_world.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_updater.hpp"

namespace ordinal::zones {
namespace {

using testing::same_snapshot;
using testing::World;

/// Issue 4 and 6: the pod overlay and the peer records, step by step as a scale-down and a
/// start-up go, match a full rebuild (deleted pods are remembered while a slice lists them).
TEST(ZoneUpdaterLifecycle, PodOverlayAndPeerRecordsMatchAFullRebuild) {
  World world;
  ZoneUpdater updater(ZoneConfig{});
  std::uint32_t serial = 0;
  const auto check = [&](const char* what) {
    ++serial;
    const auto incremental = updater.publish(serial);
    EXPECT_TRUE(same_snapshot(*build_snapshot(world.inputs(), ZoneConfig{}, serial), *incremental))
        << what;
  };
  const auto put_pod = [&](PodInfo pod) {
    world.deleted.erase({pod.ns, pod.name});
    world.pods[{pod.ns, pod.name}] = pod;
    updater.put_pod(pod);
  };
  ServiceInfo service{"t",   "nginx", ServiceInfo::Kind::Headless, {}, {{"web", "TCP", 80}},
                      false, ""};
  world.services[{"t", "nginx"}] = service;
  updater.put_service(service);
  const SetInfo set{"t", "web", "nginx", 3, 0, 0};
  world.sets[{"t", "web"}] = set;
  updater.put_set(set);
  check("set declared, nothing ready");
  SliceInfo slice{"t", "nginx-x", "nginx", {{"web", "TCP", 80}}, {}};
  for (int i = 0; i < 3; ++i) {
    const std::string name = "web-" + std::to_string(i);
    const std::string ip = "10.0.0." + std::to_string(i + 1);
    put_pod({"t", name, ip, false, true, false, "u" + name, "web", "rev1"});
    slice.endpoints.push_back({{ip}, false, name, name, "u" + name});
  }
  world.slices[{"t", slice.name}] = slice;
  updater.put_slice(slice);
  check("pods ready before the slice says so");
  put_pod({"t", "web-2", "10.0.0.3", true, true, false, "uweb-2", "web", "rev1"});
  check("web-2 terminating");
  world.deleted[{"t", "web-2"}] = "uweb-2";
  world.pods.erase({"t", "web-2"});
  updater.remove_pod("t", "web-2");
  check("web-2 deleted, still in the slice");
  slice.endpoints.pop_back();
  world.slices[{"t", slice.name}] = slice;
  world.forget_unlisted();
  updater.put_slice(slice);
  check("the slice catches up");
  EXPECT_TRUE(updater.deleted_pods().empty());
  put_pod({"t", "web-1", "10.0.0.2", false, false, false, "uweb-1", "web", "rev2"});
  check("web-1 not ready");
}

}  // namespace
}  // namespace ordinal::zones
