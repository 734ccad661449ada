// Crash consistency under churn (issue 8): a StatefulSet with claims is scaled between 0 and 20,
// re-imaged and has pods failed while ConfigMaps are written, and `ordinal serve` is killed with
// SIGKILL at a random moment, 50 times, restarting on the same data directory each time. After
// every restart: every acknowledged write is there, resourceVersions went on upward, the set's
// spec is the last acknowledged one (or the one in flight at the kill), no two pods claim one
// identity, no claim was lost, changed volume or shares one, and the set converges.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "integration/acknowledged_writes.hpp"
#include "integration/cluster.hpp"

namespace ordinal::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kKills = 50;
constexpr int kMaxReplicas = 20;

const char* const kManifest = R"(apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
provisioner: ordinal.dev/local
---
apiVersion: v1
kind: Service
metadata:
  name: churn
spec:
  clusterIP: None
  selector:
    app: churn
  ports:
  - name: app
    port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: churn
spec:
  serviceName: churn
  replicas: 3
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: churn
  template:
    metadata:
      labels:
        app: churn
    spec:
      containers:
      - name: app
        image: app:0
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      storageClassName: local
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
)";

/// A value written through the API: the last one acknowledged, and the one in flight when the
/// server died (which may or may not have been applied).
template <typename T>
struct Tracked {
  T acknowledged;
  std::optional<T> in_flight;
  [[nodiscard]] bool allows(const T& value) const {
    return value == acknowledged || (in_flight && value == *in_flight);
  }
};

/// What the churn has done and what a restarted server must still show.
struct Expectations {
  Tracked<int> replicas{3, std::nullopt};
  Tracked<std::string> image{"app:0", std::nullopt};
  std::map<std::string, std::string> volume_of_claim;  ///< every claim seen bound, and its PV
  Acknowledged configmaps;
};

/// Scales, re-images and fails pods at random through the CLI until `stop` is set.
void churn(const Server& server, Expectations& expected, std::mt19937& random,
           const std::atomic<bool>& stop) {
  std::uniform_int_distribution<int> action(0, 9);
  std::uniform_int_distribution<int> replicas(0, kMaxReplicas);
  std::uniform_int_distribution<int> ordinal(0, kMaxReplicas - 1);
  for (int image = 1; !stop; ++image) {
    const int a = action(random);
    if (a < 5) {
      const int n = replicas(random);
      expected.replicas.in_flight = n;
      if (server.ordinal({"scale", "statefulset/churn", "--replicas=" + std::to_string(n)})
              .exit_code == 0)
        expected.replicas = {n, std::nullopt};
    } else if (a < 8) {
      const std::string tag = "app:" + std::to_string(image);
      expected.image.in_flight = tag;
      if (server.ordinal({"set", "image", "statefulset/churn", "app=" + tag}).exit_code == 0)
        expected.image = {tag, std::nullopt};
    } else {
      // Fails only when that pod does not exist right now; either is fine.
      (void)server.ordinal({"sim", "fail", "pod/churn-" + std::to_string(ordinal(random))});
    }
  }
}

int pod_ordinal(const std::string& pod_name) {
  return std::stoi(pod_name.substr(pod_name.rfind('-') + 1));
}

/// The invariants a restarted server must show at once, before the controller runs a pass.
void expect_consistent(const Server& server, Expectations& expected, int kill) {
  SCOPED_TRACE("after kill " + std::to_string(kill));
  const Json set = get_object(server, "statefulset", "churn", "default");
  ASSERT_FALSE(set.is_null());
  EXPECT_TRUE(expected.replicas.allows(set["spec"].value("replicas", -1)))
      << set["spec"].value("replicas", -1) << " but acknowledged "
      << expected.replicas.acknowledged;
  const std::string image = set["spec"]["template"]["spec"]["containers"][0].value("image", "");
  EXPECT_TRUE(expected.image.allows(image)) << image;
  expected.replicas = {set["spec"].value("replicas", 0), std::nullopt};
  expected.image = {image, std::nullopt};

  // One pod per identity, each using its own ordinal's claim.
  std::set<std::string> uids;
  for (const auto& pod : list_objects(server, "pods", "default")) {
    const std::string name = name_of(pod);
    EXPECT_TRUE(uids.insert(pod["metadata"].value("uid", "")).second) << name;
    for (const auto& volume : pod["spec"].value("volumes", Json::array()))
      if (volume.contains("persistentVolumeClaim")) {
        EXPECT_EQ(volume["persistentVolumeClaim"].value("claimName", ""),
                  "data-churn-" + std::to_string(pod_ordinal(name)));
      }
  }

  // No claim lost or moved to another volume; no volume bound to two claims.
  std::map<std::string, std::string> bound;  // claim -> volume
  for (const auto& pvc : list_objects(server, "pvc", "default"))
    if (const std::string volume = pvc["spec"].value("volumeName", ""); !volume.empty())
      bound[name_of(pvc)] = volume;
  for (const auto& [claim, volume] : expected.volume_of_claim) {
    ASSERT_TRUE(bound.count(claim)) << claim << " was bound to " << volume << " and is lost";
    EXPECT_EQ(bound[claim], volume) << claim;
  }
  std::map<std::string, std::string> claim_of_volume;
  for (const auto& [claim, volume] : bound)
    EXPECT_TRUE(claim_of_volume.emplace(volume, claim).second)
        << volume << " is bound to " << claim << " and " << claim_of_volume[volume];
  for (const auto& pv : list_objects(server, "pv", "default")) {
    const Json& ref = pv["spec"].value("claimRef", Json::object());
    if (ref.empty() || pv["status"].value("phase", "") != "Bound") continue;
    const std::string claim = ref.value("name", "");
    EXPECT_EQ(bound[claim], name_of(pv)) << name_of(pv) << " claims " << claim;
  }
  expected.volume_of_claim.insert(bound.begin(), bound.end());
}

bool converged(const Server& server) {
  const Json set = get_object(server, "statefulset", "churn", "default");
  if (set.is_null()) return false;
  const int replicas = set["spec"].value("replicas", 0);
  const Json& status = set["status"];
  if (status.value("readyReplicas", 0) != replicas || status.value("replicas", -1) != replicas ||
      status.value("updatedReplicas", 0) != replicas)
    return false;
  return static_cast<int>(list_objects(server, "pods", "default").size()) == replicas;
}

TEST(Torture, SigkillDuringChurnLosesNothingAndTheSetConverges) {
  TempDir dir;
  const std::filesystem::path data = dir.path() / "data";
  const std::vector<std::string> flags = {"--sim-ready-after", "20ms"};
  std::mt19937 random(std::random_device{}());
  Expectations expected;
  {
    Server server(data, flags);
    ASSERT_EQ(server.ordinal({"apply", "-f", "-"}, kManifest).exit_code, 0);
    ASSERT_TRUE(wait_until([&] { return converged(server); }, 30s)) << server.errors();
    server.stop(SIGTERM);
  }
  for (int kill = 0; kill < kKills; ++kill) {
    {
      Server server(data, flags);
      std::atomic<bool> stop{false};
      Acknowledged acked;
      std::thread writer([&] { acked = write_until_killed(server.api_url(), "default", kill); });
      std::thread churner([&] { churn(server, expected, random, stop); });
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 1500)(random)));
      stop = true;
      EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
      writer.join();
      churner.join();
      expected.configmaps.add(acked);
    }
    Server restarted(data, flags);
    expect_consistent(restarted, expected, kill);
    expected.configmaps.max_rv = expect_acknowledged_present(
        restarted.api_url(), "default", expected.configmaps, "probe-" + std::to_string(kill));
    if (kill % 10 == 9 || kill == kKills - 1) {
      EXPECT_TRUE(wait_until([&] { return converged(restarted); }, 60s))
          << "kill " << kill << ": the set did not converge\n"
          << restarted.ordinal({"get", "statefulset", "churn", "-o", "yaml"}).out;
    }
    restarted.stop(SIGTERM);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace ordinal::testing
