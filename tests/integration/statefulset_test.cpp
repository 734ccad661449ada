// The StatefulSet controller end to end, on the real `ordinal serve` with the simulated
// kubelet: the users' example, ordered scale-down, per-pod claims that survive, pod failure,
// unreachable nodes, partitioned rollouts and static volumes. Rules are named as in
// statefulset.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "integration/cluster.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

// A set with one claim template served by the local provisioner (Immediate binding).
const char* kDatabase = R"(apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
provisioner: ordinal.dev/local
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - name: sql
    port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres:16
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: local
      resources:
        requests:
          storage: 1Gi
)";

class StatefulSetScenario : public ::testing::Test {
 protected:
  TempDir dir_;
  std::unique_ptr<Server> server_ = start();

  std::unique_ptr<Server> start() {
    return std::make_unique<Server>(dir_.path() / "data",
                                    std::vector<std::string>{"--sim-ready-after", "200ms"});
  }
  std::string write_file(const std::string& name, const std::string& text) {
    auto path = dir_.path() / name;
    std::ofstream(path) << text;
    return path.string();
  }
  void apply(const std::string& text, const std::string& ns) {
    auto applied = server_->ordinal({"apply", "-f", write_file("m.yaml", text), "-n", ns});
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
  }
  bool wait_ready(const std::string& ns, const std::vector<std::string>& names) {
    return wait_until([&] {
      return ready_pods(*server_, ns, names.front().substr(0, names.front().rfind('-') + 1)) ==
             names;
    });
  }
  // claim name -> volume name, for the claims of `ns`.
  std::map<std::string, std::string> claim_volumes(const std::string& ns) {
    std::map<std::string, std::string> bound;
    for (const auto& claim : list_objects(*server_, "pvc", ns))
      bound[name_of(claim)] = claim["spec"].value("volumeName", "");
    return bound;
  }
};

// Checks, over a stream of pod states in resourceVersion order, the OrderedReady invariant of
// SS-7.9: pod k exists only while pods 0..k-1 are Running+Ready.
void expect_ordered_creation(const std::vector<Json>& states, const std::string& set) {
  std::map<int, Json> latest;
  for (const auto& pod : states) {
    const std::string name = name_of(pod);
    const int ordinal = std::stoi(name.substr(set.size() + 1));
    if (!latest.contains(ordinal)) {
      for (int lower = 0; lower < ordinal; ++lower) {
        EXPECT_TRUE(latest.contains(lower) && is_running_and_ready(latest[lower]))
            << name << " created before " << set << "-" << lower << " was Running+Ready";
      }
    }
    latest[ordinal] = pod;
  }
}

TEST_F(StatefulSetScenario, UsersExampleReachesThreeReadyPodsInOrder_SS_7_9) {
  Background watch(*server_, {"get", "pods", "-n", "test", "-w", "-o", "json"},
                   dir_.path() / "watch.json");
  ASSERT_EQ(server_->ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  ASSERT_TRUE(wait_ready("test", {"web-0", "web-1", "web-2"})) << server_->errors();
  const auto states = parse_stream(watch.stop());
  ASSERT_FALSE(states.empty());
  expect_ordered_creation(states, "web");

  // SS-3.6: each Ready pod has its DNS name, and SRV lists the three members.
  const Json web0 = get_object(*server_, "pod", "web-0", "test");
  EXPECT_EQ(web0["spec"]["hostname"], "web-0");
  EXPECT_EQ(web0["spec"]["subdomain"], "nginx");
  EXPECT_EQ(dig(*server_, "A", "web-0.nginx.test.svc.cluster.local"),
            std::vector<std::string>{web0["status"]["podIP"].get<std::string>()});
  const auto srv = dig(*server_, "SRV", "nginx.test.svc.cluster.local");
  ASSERT_EQ(srv.size(), 3u);
  for (int i = 0; i < 3; ++i)
    EXPECT_NE(srv[static_cast<std::size_t>(i)].find("web-" + std::to_string(i) +
                                                    ".nginx.test.svc.cluster.local."),
              std::string::npos)
        << srv[static_cast<std::size_t>(i)];
}

TEST_F(StatefulSetScenario, ScaleDownRemovesTheHighestOrdinalFirst_SS_8_1_SS_8_4) {
  ASSERT_EQ(server_->ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  ASSERT_TRUE(wait_ready("test", {"web-0", "web-1", "web-2"}));
  Background watch(*server_, {"get", "pods", "-n", "test", "-w", "-o", "json"},
                   dir_.path() / "watch.json");
  auto scaled = server_->ordinal({"scale", "statefulset/web", "--replicas=1", "-n", "test"});
  ASSERT_EQ(scaled.exit_code, 0) << scaled.err;
  EXPECT_EQ(scaled.out, "statefulset.apps/web scaled\n");
  ASSERT_TRUE(wait_until([&] { return list_objects(*server_, "pods", "test").size() == 1; }));
  const auto states = parse_stream(watch.stop());
  // web-2 must be gone (or at least terminating with nothing left to wait for) before web-1 is
  // touched: the first state of web-1 with a deletionTimestamp comes after web-2's last state.
  std::ptrdiff_t last_web2 = -1, first_web1_terminating = -1;
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (name_of(states[i]) == "web-2") last_web2 = static_cast<std::ptrdiff_t>(i);
    if (name_of(states[i]) == "web-1" && is_terminating(states[i]) && first_web1_terminating < 0)
      first_web1_terminating = static_cast<std::ptrdiff_t>(i);
  }
  ASSERT_GE(first_web1_terminating, 0) << "web-1 was deleted";
  EXPECT_LT(last_web2, first_web1_terminating);
  EXPECT_EQ(ready_pods(*server_, "test", "web-"), std::vector<std::string>{"web-0"});
}

TEST_F(StatefulSetScenario, ClaimsSurviveScaleDownAndReattach_SS_4_6_SS_8_6) {
  apply(kDatabase, "data");
  ASSERT_TRUE(wait_ready("data", {"db-0", "db-1", "db-2"})) << server_->errors();
  const auto before = claim_volumes("data");
  ASSERT_EQ(before.size(), 3u);
  std::set<std::string> volumes;
  for (const auto& [claim, volume] : before) {
    EXPECT_FALSE(volume.empty()) << claim << " is bound";
    volumes.insert(volume);
  }
  EXPECT_EQ(volumes.size(), 3u) << "one volume per claim";

  ASSERT_EQ(server_->ordinal({"scale", "sts/db", "--replicas=1", "-n", "data"}).exit_code, 0);
  ASSERT_TRUE(wait_until([&] { return list_objects(*server_, "pods", "data").size() == 1; }));
  EXPECT_EQ(claim_volumes("data"), before) << "scale-down keeps the claims bound";

  ASSERT_EQ(server_->ordinal({"scale", "sts/db", "--replicas=3", "-n", "data"}).exit_code, 0);
  ASSERT_TRUE(wait_ready("data", {"db-0", "db-1", "db-2"}));
  EXPECT_EQ(claim_volumes("data"), before) << "the same claims, bound to the same volumes";
  const Json db2 = get_object(*server_, "pod", "db-2", "data");
  EXPECT_EQ(db2["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"], "data-db-2");
}

TEST_F(StatefulSetScenario, FailedPodIsReplacedUnderTheSameNameWithTheSameClaims_SS_7_1) {
  apply(kDatabase, "data");
  ASSERT_TRUE(wait_ready("data", {"db-0", "db-1", "db-2"}));
  const Json old = get_object(*server_, "pod", "db-1", "data");
  const auto claims = claim_volumes("data");
  auto failed = server_->ordinal({"sim", "fail", "pod/db-1", "-n", "data"});
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  ASSERT_TRUE(wait_until([&] {
    const Json now = get_object(*server_, "pod", "db-1", "data");
    return now.is_object() && now["metadata"]["uid"] != old["metadata"]["uid"] &&
           is_running_and_ready(now);
  }));
  const Json replaced = get_object(*server_, "pod", "db-1", "data");
  EXPECT_NE(replaced["status"]["podIP"], old["status"]["podIP"]) << "a new pod gets a new IP";
  EXPECT_EQ(replaced["spec"]["volumes"], old["spec"]["volumes"]);
  EXPECT_EQ(claim_volumes("data"), claims);
}

TEST_F(StatefulSetScenario, UnreachablePodStaysUntilForceDeleted_SS_10_4) {
  ASSERT_EQ(server_->ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
  ASSERT_TRUE(wait_ready("test", {"web-0", "web-1", "web-2"}));
  const Json old = get_object(*server_, "pod", "web-1", "test");
  ASSERT_EQ(server_->ordinal({"sim", "unreachable", "pod/web-1", "-n", "test"}).exit_code, 0);
  ASSERT_EQ(server_->ordinal({"delete", "pod", "web-1", "-n", "test"}).exit_code, 0);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const Json held = get_object(*server_, "pod", "web-1", "test");
  ASSERT_TRUE(held.is_object()) << "the pod of an unreachable node is not removed";
  EXPECT_EQ(held["metadata"]["uid"], old["metadata"]["uid"]) << "and not replaced";
  EXPECT_TRUE(is_terminating(held));

  auto forced =
      server_->ordinal({"delete", "pod", "web-1", "-n", "test", "--force", "--grace-period=0"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  ASSERT_TRUE(wait_until([&] {
    const Json now = get_object(*server_, "pod", "web-1", "test");
    return now.is_object() && now["metadata"]["uid"] != old["metadata"]["uid"] &&
           is_running_and_ready(now);
  }));
}

TEST_F(StatefulSetScenario, PartitionedRolloutUpdatesOnlyTheHighOrdinals_SS_11_6) {
  std::ifstream in(kNginxExample);
  std::string example((std::istreambuf_iterator<char>(in)), {});
  example.replace(example.find("replicas: 3"), 11,
                  "replicas: 4\n  updateStrategy:\n    rollingUpdate:\n      partition: 2");
  apply(example, "test");
  ASSERT_TRUE(wait_ready("test", {"web-0", "web-1", "web-2", "web-3"}));
  const std::string old_revision = get_object(
      *server_, "pod", "web-0", "test")["metadata"]["labels"]["controller-revision-hash"];

  Background watch(*server_, {"get", "pods", "-n", "test", "-w", "-o", "json"},
                   dir_.path() / "watch.json");
  auto set =
      server_->ordinal({"set", "image", "statefulset/web", "nginx=nginx:1.27", "-n", "test"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  auto status =
      server_->ordinal({"rollout", "status", "statefulset/web", "-n", "test", "--timeout=60s"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("partitioned roll out complete: 2 new pods have been updated"),
            std::string::npos)
      << status.out;
  const auto states = parse_stream(watch.stop());

  std::map<std::string, std::string> revision;
  for (const auto& pod : list_objects(*server_, "pods", "test"))
    revision[name_of(pod)] = pod["metadata"]["labels"]["controller-revision-hash"];
  EXPECT_EQ(revision["web-0"], old_revision);
  EXPECT_EQ(revision["web-1"], old_revision);
  EXPECT_NE(revision["web-2"], old_revision);
  EXPECT_EQ(revision["web-3"], revision["web-2"]);
  // SS-11.3: web-3 is replaced before web-2 is touched.
  std::ptrdiff_t web3_new = -1, web2_deleted = -1;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const auto& labels = states[i]["metadata"]["labels"];
    if (name_of(states[i]) == "web-3" && labels["controller-revision-hash"] != old_revision &&
        is_running_and_ready(states[i]) && web3_new < 0)
      web3_new = static_cast<std::ptrdiff_t>(i);
    if (name_of(states[i]) == "web-2" && is_terminating(states[i]) && web2_deleted < 0)
      web2_deleted = static_cast<std::ptrdiff_t>(i);
  }
  ASSERT_GE(web3_new, 0);
  ASSERT_GE(web2_deleted, 0);
  EXPECT_LT(web3_new, web2_deleted);
}

TEST_F(StatefulSetScenario, StaticVolumesBindSmallestFit_SS_15_4) {
  std::string manifests;
  for (const auto& [name, size] : std::vector<std::pair<std::string, std::string>>{
           {"pv-small", "1Gi"}, {"pv-medium", "5Gi"}, {"pv-large", "10Gi"}})
    manifests += "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: " + name +
                 "\nspec:\n  capacity:\n    storage: " + size +
                 "\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /tmp/" + name +
                 "\n---\n";
  std::string set = kDatabase;
  set = set.substr(set.find("---\n") + 4);  // no StorageClass: static volumes only
  set.replace(set.find("replicas: 3"), 11, "replicas: 1");
  set.replace(set.find("storageClassName: local"), 23, "storageClassName: \"\"");
  set.replace(set.find("storage: 1Gi"), 12, "storage: 2Gi");
  apply(manifests + set, "data");
  ASSERT_TRUE(wait_ready("data", {"db-0"})) << server_->errors();
  EXPECT_EQ(claim_volumes("data")["data-db-0"], "pv-medium");

  ASSERT_EQ(server_->ordinal({"scale", "sts/db", "--replicas=3", "-n", "data"}).exit_code, 0);
  ASSERT_TRUE(wait_ready("data", {"db-0", "db-1"}));
  EXPECT_EQ(claim_volumes("data")["data-db-1"], "pv-large");
  // No volume is left for db-2: its claim and pod stay Pending, and an event says why.
  ASSERT_TRUE(wait_until([&] { return claim_volumes("data").contains("data-db-2"); }));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const Json claim = get_object(*server_, "pvc", "data-db-2", "data");
  EXPECT_EQ(claim["status"]["phase"], "Pending");
  EXPECT_EQ(get_object(*server_, "pod", "db-2", "data")["status"]["phase"], "Pending");
  auto events = server_->ordinal({"get", "events", "-n", "data"});
  EXPECT_NE(events.out.find("FailedBinding"), std::string::npos) << events.out;
}

TEST_F(StatefulSetScenario, RestartAfterKillResumesScaleWithoutDuplicates) {
  apply(kDatabase, "data");
  ASSERT_TRUE(wait_ready("data", {"db-0", "db-1", "db-2"}));
  ASSERT_EQ(server_->ordinal({"scale", "sts/db", "--replicas=6", "-n", "data"}).exit_code, 0);
  ASSERT_TRUE(wait_until([&] { return list_objects(*server_, "pods", "data").size() >= 4; }));
  server_->stop(SIGKILL);
  server_ = start();
  ASSERT_TRUE(wait_ready("data", {"db-0", "db-1", "db-2", "db-3", "db-4", "db-5"}))
      << server_->errors();
  std::set<std::string> volumes;
  const auto bound = claim_volumes("data");
  EXPECT_EQ(bound.size(), 6u) << "one claim per ordinal";
  for (const auto& [claim, volume] : bound) volumes.insert(volume);
  EXPECT_EQ(volumes.size(), 6u) << "no volume bound twice";
  std::map<std::string, int> claim_refs;
  for (const auto& pv : list_objects(*server_, "pv", ""))
    ++claim_refs[pv["spec"]["claimRef"].value("name", "")];
  for (const auto& [claim, count] : claim_refs) EXPECT_EQ(count, 1) << claim << " bound twice";
}

TEST_F(StatefulSetScenario, RestartAfterKillResumesRollout) {
  std::ifstream in(kNginxExample);
  std::string example((std::istreambuf_iterator<char>(in)), {});
  example.replace(example.find("replicas: 3"), 11, "replicas: 4");
  apply(example, "test");
  ASSERT_TRUE(wait_ready("test", {"web-0", "web-1", "web-2", "web-3"}));
  ASSERT_EQ(server_->ordinal({"set", "image", "statefulset/web", "nginx=nginx:1.27", "-n", "test"})
                .exit_code,
            0);
  const auto updated = [&] {
    const Json set = get_object(*server_, "sts", "web", "test");
    int count = 0;
    for (const auto& pod : list_objects(*server_, "pods", "test"))
      count += pod["metadata"]["labels"]["controller-revision-hash"] ==
                       set["status"].value("updateRevision", "-")
                   ? 1
                   : 0;
    return count;
  };
  ASSERT_TRUE(wait_until([&] { return updated() >= 1; }));
  server_->stop(SIGKILL);
  server_ = start();
  auto status =
      server_->ordinal({"rollout", "status", "statefulset/web", "-n", "test", "--timeout=60s"});
  ASSERT_EQ(status.exit_code, 0) << status.err << server_->errors();
  EXPECT_EQ(updated(), 4);
  EXPECT_EQ(ready_pods(*server_, "test", "web-"),
            (std::vector<std::string>{"web-0", "web-1", "web-2", "web-3"}));
  for (const auto& pod : list_objects(*server_, "pods", "test"))
    EXPECT_EQ(pod["spec"]["containers"][0]["image"], "nginx:1.27") << name_of(pod);
}

}  // namespace
}  // namespace ordinal::testing
