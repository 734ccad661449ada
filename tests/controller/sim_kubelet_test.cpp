// The simulated kubelet and scheduler: placement by claims, addresses, Pending -> Running+Ready
// on time, graceful termination and the unreachable node of SS-10.4.
#include "controller/sim_kubelet.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "controller/event_recorder.hpp"
#include "fake_object_manager.hpp"
#include "identity/metadata.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {
namespace {

using identity::Json;
using identity::ObjectKey;
using identity::Pod;
using std::chrono::milliseconds;
using std::chrono::seconds;

class SimKubeletTest : public ::testing::Test {
 protected:
  SimKubeletTest() : events_(objects_, "kubelet"), kubelet_(objects_, events_, {}) {}

  // A pod as the StatefulSet controller creates it: Pending, one container, not placed.
  Json pod_json(const std::string& name, const std::vector<std::string>& claims = {}) {
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"namespace", "default"}}},
                {"spec", {{"containers", {{{"name", "nginx"}, {"image", "nginx:1.27"}}}}}},
                {"status", {{"phase", "Pending"}}}};
    for (const auto& claim : claims)
      pod["spec"]["volumes"].push_back(
          {{"name", claim}, {"persistentVolumeClaim", {{"claimName", claim}}}});
    return pod;
  }
  void create(Json object) { ASSERT_TRUE(objects_.create(std::move(object)).ok()); }
  void create_pod(const std::string& name, Json annotations = Json::object()) {
    Json pod = pod_json(name);
    pod["metadata"]["annotations"] = std::move(annotations);
    create(std::move(pod));
  }
  void create_claim(const std::string& name, const std::string& storage_class,
                    const std::string& phase) {
    create({{"apiVersion", "v1"},
            {"kind", "PersistentVolumeClaim"},
            {"metadata", {{"name", name}, {"namespace", "default"}}},
            {"spec", {{"storageClassName", storage_class}, {"accessModes", {"ReadWriteOnce"}}}},
            {"status", {{"phase", phase}}}});
  }
  void create_class(const std::string& name, const std::string& mode) {
    create({{"apiVersion", "storage.k8s.io/v1"},
            {"kind", "StorageClass"},
            {"metadata", {{"name", name}}},
            {"provisioner", "sim"},
            {"volumeBindingMode", mode}});
  }
  SyncOutcome sync(const std::string& name) {
    return kubelet_.sync("default/" + name, objects_.clock().now());
  }
  Pod pod(const std::string& name) {
    auto stored = objects_.get({"Pod", "default", name});
    return stored ? Pod::from_json(**stored) : Pod{};
  }
  bool exists(const std::string& name) { return objects_.get({"Pod", "default", name}).ok(); }
  std::string condition(const std::string& name, const std::string& type) {
    const Pod p = pod(name);
    const auto* found = identity::find_condition(p.status.conditions, type);
    return found == nullptr ? "" : found->status;
  }
  std::vector<Json> events(const std::string& reason) {
    std::vector<Json> out;
    for (const auto& event : objects_.list("Event", "default"))
      if (event->value("reason", "") == reason) out.push_back(*event);
    return out;
  }
  void annotate(const std::string& name, const std::string& key, const Json& value) {
    Json object = pod(name).to_json();
    if (value.is_null())
      object["metadata"]["annotations"].erase(key);
    else
      object["metadata"]["annotations"][key] = value;
    ASSERT_TRUE(objects_.update(std::move(object)).ok());
  }
  void advance(milliseconds by) { objects_.clock().advance(by); }
  std::string now() { return identity::format_timestamp(objects_.clock().now()); }
  // Runs a pod to Running+Ready with the default 1s.
  void run(const std::string& name) {
    sync(name);
    advance(seconds(1));
    sync(name);
    ASSERT_TRUE(pod(name).is_running_and_ready());
  }

  testing::FakeObjectManager objects_;
  EventRecorder events_;
  SimKubelet kubelet_;
};

TEST_F(SimKubeletTest, PlacesAndStartsAPodWithoutClaims) {
  create_pod("web-0");
  const SyncOutcome outcome = sync("web-0");
  EXPECT_FALSE(outcome.error);
  EXPECT_EQ(outcome.requeue_after, milliseconds(1000));  // woken when it is due to be ready
  const Pod p = pod("web-0");
  EXPECT_EQ(p.spec.node_name, "sim-node");
  EXPECT_EQ(p.status.phase, "Pending");
  EXPECT_EQ(p.status.pod_ip, "10.244.0.1");
  EXPECT_EQ(p.status.pod_ips, std::vector<std::string>{"10.244.0.1"});
  EXPECT_EQ(p.status.host_ip, "127.0.0.1");
  EXPECT_EQ(p.status.start_time, now());
  EXPECT_EQ(condition("web-0", "PodScheduled"), "True");
  EXPECT_EQ(condition("web-0", "Initialized"), "True");
  EXPECT_EQ(condition("web-0", "ContainersReady"), "False");
  EXPECT_EQ(condition("web-0", "Ready"), "False");
  ASSERT_EQ(p.status.container_statuses.size(), 1U);
  EXPECT_EQ(p.status.container_statuses[0].state["waiting"]["reason"], "ContainerCreating");
  const auto scheduled = events("Scheduled");
  ASSERT_EQ(scheduled.size(), 1U);
  EXPECT_EQ(scheduled[0]["message"], "Successfully assigned default/web-0 to sim-node");
}

TEST_F(SimKubeletTest, RunningAndReadyAfterReadyAfter) {
  create_pod("web-0");
  sync("web-0");
  advance(milliseconds(999));
  EXPECT_EQ(sync("web-0").requeue_after, milliseconds(1));
  EXPECT_EQ(pod("web-0").status.phase, "Pending");
  advance(milliseconds(1));
  const SyncOutcome outcome = sync("web-0");
  EXPECT_FALSE(outcome.requeue_after);
  const Pod p = pod("web-0");
  EXPECT_TRUE(p.is_running_and_ready());
  EXPECT_EQ(p.ready_condition()->last_transition_time, now());
  EXPECT_EQ(condition("web-0", "ContainersReady"), "True");
  ASSERT_EQ(p.status.container_statuses.size(), 1U);
  EXPECT_TRUE(p.status.container_statuses[0].ready.value_or(false));
  EXPECT_TRUE(p.status.container_statuses[0].started.value_or(false));
  EXPECT_TRUE(p.status.container_statuses[0].state.contains("running"));

  objects_.clear_writes();  // idempotent: a Running pod is left alone
  EXPECT_FALSE(sync("web-0").requeue_after);
  EXPECT_TRUE(objects_.writes().empty());
}

TEST_F(SimKubeletTest, ReadyAfterAnnotationOverridesTheDefault) {
  create_pod("slow-0", {{std::string(kSimReadyAfterAnnotation), "2500ms"}});
  EXPECT_EQ(sync("slow-0").requeue_after, milliseconds(2500));
  advance(seconds(2));
  EXPECT_EQ(sync("slow-0").requeue_after, milliseconds(500));
  advance(milliseconds(500));
  sync("slow-0");
  EXPECT_TRUE(pod("slow-0").is_running_and_ready());
}

TEST_F(SimKubeletTest, BadAnnotationWarnsOnceAndUsesTheDefault) {
  Json odd = pod_json("odd-0");  // placed already, so the warning is the pass's only event
  odd["spec"]["nodeName"] = "sim-node";
  odd["metadata"]["annotations"][std::string(kSimReadyAfterAnnotation)] = "soon";
  create(std::move(odd));
  EXPECT_EQ(sync("odd-0").requeue_after, milliseconds(1000));
  sync("odd-0");
  const auto warnings = events("InvalidAnnotation");
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(warnings[0]["type"], "Warning");
  EXPECT_EQ(warnings[0]["count"], 1);
  EXPECT_NE(warnings[0]["message"].get<std::string>().find(kSimReadyAfterAnnotation),
            std::string::npos);
}

TEST_F(SimKubeletTest, AfterARestartReadinessFollowsTheStoredStartTime) {
  create_pod("web-0");
  sync("web-0");
  advance(milliseconds(600));
  SimKubelet restarted(objects_, events_, {});
  EXPECT_EQ(restarted.sync("default/web-0", objects_.clock().now()).requeue_after,
            milliseconds(400));
  advance(milliseconds(400));
  restarted.sync("default/web-0", objects_.clock().now());
  EXPECT_TRUE(pod("web-0").is_running_and_ready());
}

TEST_F(SimKubeletTest, ReadinessOfARunningPodIsLeftToTheSimVerbs) {
  create_pod("web-0");
  run("web-0");
  Pod p = pod("web-0");  // `ordinal sim ready pod/web-0 false`
  identity::set_condition(p.status.conditions, "Ready", "False", now());
  ASSERT_TRUE(objects_.update(p.to_json(), identity::UpdateScope::Status).ok());
  sync("web-0");
  EXPECT_EQ(condition("web-0", "Ready"), "False");
}

TEST_F(SimKubeletTest, FailedPodsAreLeftAlone) {
  create_pod("web-0");
  run("web-0");
  Pod p = pod("web-0");
  p.status.phase = "Failed";
  ASSERT_TRUE(objects_.update(p.to_json(), identity::UpdateScope::Status).ok());
  objects_.clear_writes();
  sync("web-0");
  EXPECT_TRUE(objects_.writes().empty());
}

TEST_F(SimKubeletTest, EveryPodObjectGetsAFreshAddress) {
  create_pod("web-0");
  create_pod("web-1");
  sync("web-0");
  sync("web-1");
  const std::string first = pod("web-0").status.pod_ip;
  EXPECT_NE(first, pod("web-1").status.pod_ip);
  identity::DeleteOptions force;
  force.grace_period_seconds = 0;
  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-0"}, force).ok());
  create_pod("web-0");  // the replacement of the same name
  sync("web-0");
  const std::set<std::string> addresses = {first, pod("web-1").status.pod_ip,
                                           pod("web-0").status.pod_ip};
  EXPECT_EQ(addresses.size(), 3U);
}

TEST_F(SimKubeletTest, AfterARestartAllocationContinuesAfterTheHighestAddress) {
  create_pod("web-0");
  create_pod("web-1");
  sync("web-0");
  sync("web-1");  // 10.244.0.2
  identity::DeleteOptions force;
  force.grace_period_seconds = 0;
  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-1"}, force).ok());
  SimKubelet restarted(objects_, events_, {});
  create_pod("web-2");
  restarted.sync("default/web-2", objects_.clock().now());
  EXPECT_EQ(pod("web-2").status.pod_ip, "10.244.0.2");  // highest still held is .1
  create_pod("web-3");
  restarted.sync("default/web-3", objects_.clock().now());
  EXPECT_EQ(pod("web-3").status.pod_ip, "10.244.0.3");
}

TEST_F(SimKubeletTest, BadCidrIsRefused) {
  SimKubeletOptions options;
  options.pod_cidr = "10.244.0.0/40";
  EXPECT_THROW(SimKubelet(objects_, events_, options), std::invalid_argument);
}

// --- Scheduling by claims (SS-15.6) ---

TEST_F(SimKubeletTest, MissingClaimKeepsThePodPendingWithOneWarning) {
  create(pod_json("web-0", {"www-web-0"}));
  sync("web-0");
  const Pod p = pod("web-0");
  EXPECT_TRUE(p.spec.node_name.empty());
  EXPECT_TRUE(p.status.pod_ip.empty());
  const auto* scheduled = identity::find_condition(p.status.conditions, "PodScheduled");
  ASSERT_NE(scheduled, nullptr);
  EXPECT_EQ(scheduled->status, "False");
  EXPECT_EQ(scheduled->reason, "Unschedulable");
  EXPECT_EQ(scheduled->message, "persistentvolumeclaim \"www-web-0\" not found");
  objects_.clear_writes();  // the next pass writes nothing, not even the event again
  sync("web-0");
  EXPECT_TRUE(objects_.writes().empty());
  const auto failed = events("FailedScheduling");
  ASSERT_EQ(failed.size(), 1U);
  EXPECT_EQ(failed[0]["type"], "Warning");
  EXPECT_EQ(failed[0]["count"], 1);
  EXPECT_EQ(failed[0]["message"], "persistentvolumeclaim \"www-web-0\" not found");
}

TEST_F(SimKubeletTest, UnboundImmediateClaimKeepsThePodPending) {
  create_class("standard", "Immediate");
  create_claim("www-web-0", "standard", "Pending");
  create(pod_json("web-0", {"www-web-0"}));
  sync("web-0");
  EXPECT_TRUE(pod("web-0").spec.node_name.empty());
  const auto failed = events("FailedScheduling");
  ASSERT_EQ(failed.size(), 1U);
  EXPECT_EQ(failed[0]["message"], "pod has unbound immediate PersistentVolumeClaims");
}

TEST_F(SimKubeletTest, WaitForFirstConsumerClaimGetsTheSelectedNodeThenThePodIsPlaced) {
  create_class("local", "WaitForFirstConsumer");
  create_claim("www-web-0", "local", "Pending");
  create(pod_json("web-0", {"www-web-0"}));
  sync("web-0");
  EXPECT_TRUE(pod("web-0").spec.node_name.empty());
  auto claim = objects_.get({"PersistentVolumeClaim", "default", "www-web-0"});
  ASSERT_TRUE(claim.ok());
  EXPECT_EQ((**claim)["metadata"]["annotations"]["volume.kubernetes.io/selected-node"], "sim-node");
  EXPECT_TRUE(events("FailedScheduling").empty());
  objects_.clear_writes();
  sync("web-0");  // still waiting for the binder: nothing to do
  EXPECT_TRUE(objects_.writes().empty());

  Json bound = **claim;  // the binder provisions and binds
  bound["status"]["phase"] = "Bound";
  ASSERT_TRUE(objects_.update(bound, identity::UpdateScope::Status).ok());
  sync("web-0");
  EXPECT_EQ(pod("web-0").spec.node_name, "sim-node");
  EXPECT_FALSE(pod("web-0").status.pod_ip.empty());
}

TEST_F(SimKubeletTest, BoundClaimIsPlacedAtOnce) {
  create_claim("www-web-0", "standard", "Bound");
  create(pod_json("web-0", {"www-web-0"}));
  sync("web-0");
  EXPECT_EQ(pod("web-0").spec.node_name, "sim-node");
  EXPECT_EQ(condition("web-0", "PodScheduled"), "True");
}

TEST_F(SimKubeletTest, ClaimChangesWakeThePendingPodsThatMountIt) {
  struct RecordedKeys : KeySink {
    std::set<std::string> added;
    void add(const std::string& key) override { added.insert(key); }
  } keys;
  create(pod_json("web-0", {"www-web-0"}));
  create(pod_json("web-1", {"www-web-1"}));
  create_claim("www-web-0", "standard", "Bound");
  auto claim = objects_.get({"PersistentVolumeClaim", "default", "www-web-0"});
  kubelet_.on_change({identity::WatchEvent::Type::Modified, *claim, 0}, keys);
  EXPECT_EQ(keys.added, std::set<std::string>{"default/web-0"});
}

TEST_F(SimKubeletTest, ClaimWithoutClassFollowsTheDefaultClassMode) {
  create({{"apiVersion", "storage.k8s.io/v1"},
          {"kind", "StorageClass"},
          {"metadata",
           {{"name", "local"},
            {"annotations", {{"storageclass.kubernetes.io/is-default-class", "true"}}}}},
          {"provisioner", "sim"},
          {"volumeBindingMode", "WaitForFirstConsumer"}});
  create({{"apiVersion", "v1"},
          {"kind", "PersistentVolumeClaim"},
          {"metadata", {{"name", "www-web-0"}, {"namespace", "default"}}},
          {"spec", {{"accessModes", {"ReadWriteOnce"}}}},
          {"status", {{"phase", "Pending"}}}});
  create(pod_json("web-0", {"www-web-0"}));
  sync("web-0");
  auto claim = objects_.get({"PersistentVolumeClaim", "default", "www-web-0"});
  ASSERT_TRUE(claim.ok());
  EXPECT_EQ((**claim)["metadata"]["annotations"]["volume.kubernetes.io/selected-node"], "sim-node");
  EXPECT_TRUE(events("FailedScheduling").empty());
}

TEST_F(SimKubeletTest, FailedWriteIsReportedAndTheNextPassCompletes) {
  create_pod("web-0");
  objects_.fail_next(testing::FakeObjectManager::Verb::Update, "Pod",
                     identity::conflict("pods", "", "web-0"));
  EXPECT_TRUE(sync("web-0").error);
  EXPECT_TRUE(pod("web-0").spec.node_name.empty());
  EXPECT_FALSE(sync("web-0").error);
  EXPECT_EQ(pod("web-0").spec.node_name, "sim-node");
  EXPECT_FALSE(pod("web-0").status.pod_ip.empty());
}

TEST_F(SimKubeletTest, TerminatingPodIsNeverPlaced) {
  Json held = pod_json("web-0");
  held["metadata"]["finalizers"] = {"example.com/keep"};
  create(std::move(held));
  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-0"}).ok());
  ASSERT_TRUE(exists("web-0"));  // kept by its finalizer
  objects_.clear_writes();
  sync("web-0");
  EXPECT_TRUE(pod("web-0").spec.node_name.empty());
  EXPECT_TRUE(objects_.writes().empty());
}

// --- Termination ---

TEST_F(SimKubeletTest, DeletedPodIsRemovedOnceItsContainersStopped) {
  Json pod = pod_json("web-0");
  pod["metadata"]["annotations"][std::string(kSimStopAfterAnnotation)] = "5s";
  create(std::move(pod));
  run("web-0");
  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-0"}).ok());  // grace 30s
  ASSERT_TRUE(exists("web-0"));
  EXPECT_EQ(sync("web-0").requeue_after, milliseconds(5000));
  EXPECT_TRUE(exists("web-0"));
  const auto killing = events("Killing");
  ASSERT_EQ(killing.size(), 1U);
  EXPECT_EQ(killing[0]["message"], "Stopping container nginx");
  advance(seconds(5));
  sync("web-0");
  EXPECT_FALSE(exists("web-0"));
  EXPECT_EQ(events("Killing")[0]["count"], 1);
}

TEST_F(SimKubeletTest, ContainersThatDoNotStopAreKilledAtTheGraceDeadline) {
  Json pod = pod_json("web-0");
  pod["metadata"]["annotations"][std::string(kSimStopAfterAnnotation)] = "1m";
  pod["spec"]["terminationGracePeriodSeconds"] = 10;
  create(std::move(pod));
  run("web-0");
  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-0"}).ok());
  EXPECT_EQ(sync("web-0").requeue_after, milliseconds(10000));
  advance(seconds(10));
  sync("web-0");
  EXPECT_FALSE(exists("web-0"));
}

TEST_F(SimKubeletTest, WithoutStopAfterTheContainersStopAsLongAsTheyTookToStart) {
  create_pod("web-0");
  run("web-0");
  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-0"}).ok());
  EXPECT_EQ(sync("web-0").requeue_after, milliseconds(1000)) << "the default ready_after";
  EXPECT_TRUE(exists("web-0")) << "still terminating";
  advance(milliseconds(1000));
  sync("web-0");
  EXPECT_FALSE(exists("web-0"));
}

// --- SS-10.4: unreachable node ---

TEST_F(SimKubeletTest, UnreachablePodReportsUnknownAndNeverFinishesTermination_SS_10_4) {
  create_pod("web-0");
  run("web-0");
  annotate("web-0", std::string(kUnreachableAnnotation), "true");
  sync("web-0");
  const Pod reported = pod("web-0");
  const auto* ready = reported.ready_condition();
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->status, "Unknown");
  EXPECT_EQ(ready->reason, "NodeStatusUnknown");
  EXPECT_EQ(ready->message, "Kubelet stopped posting node status.");
  EXPECT_EQ(reported.status.phase, "Running");

  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-0"}).ok());
  advance(seconds(3600));
  objects_.clear_writes();
  EXPECT_FALSE(sync("web-0").requeue_after);
  EXPECT_TRUE(exists("web-0"));
  EXPECT_TRUE(objects_.writes().empty());
  EXPECT_TRUE(events("Killing").empty());

  annotate("web-0", std::string(kUnreachableAnnotation), nullptr);  // reachable again
  sync("web-0");
  EXPECT_FALSE(exists("web-0"));
}

TEST_F(SimKubeletTest, ReachableAgainRestoresReadiness_SS_10_4) {
  create_pod("web-0");
  run("web-0");
  annotate("web-0", std::string(kUnreachableAnnotation), "true");
  sync("web-0");
  annotate("web-0", std::string(kUnreachableAnnotation), nullptr);
  sync("web-0");
  EXPECT_TRUE(pod("web-0").is_running_and_ready());
}

TEST_F(SimKubeletTest, UnreachablePodGoesOnlyWhenForceDeleted_SS_10_4) {
  create_pod("web-0");
  run("web-0");
  annotate("web-0", std::string(kUnreachableAnnotation), "true");
  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-0"}).ok());
  sync("web-0");
  ASSERT_TRUE(exists("web-0"));
  identity::DeleteOptions force;
  force.grace_period_seconds = 0;
  ASSERT_TRUE(objects_.remove({"Pod", "default", "web-0"}, force).ok());
  EXPECT_FALSE(exists("web-0"));
  EXPECT_FALSE(sync("web-0").error);
}

}  // namespace
}  // namespace ordinal::controller
