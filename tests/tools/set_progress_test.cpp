// `ordinal status`: the per-ordinal lines and what the controller waits for, derived from the
// StatefulSet rules (statefulset.md sections 7, 8 and 11) over the objects as they are.
#include "tools/cli/set_progress.hpp"

#include <gtest/gtest.h>

namespace ordinal::cli {
namespace {

using identity::Json;

Json make_set(int replicas, const std::string& policy = "OrderedReady") {
  return {{"metadata", {{"name", "web"}, {"uid", "set-uid"}, {"generation", 1}}},
          {"spec",
           {{"replicas", replicas},
            {"podManagementPolicy", policy},
            {"updateStrategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"partition", 0}}}}},
            {"volumeClaimTemplates", {{{"metadata", {{"name", "www"}}}}}}}},
          {"status",
           {{"observedGeneration", 1}, {"currentRevision", "web-1"}, {"updateRevision", "web-1"}}}};
}

/// Pod `web-<ordinal>` at `revision`, Running and Ready unless told otherwise.
Json make_pod(int ordinal, const std::string& revision = "web-1", bool ready = true,
              const std::string& phase = "Running") {
  return {{"metadata",
           {{"name", "web-" + std::to_string(ordinal)},
            {"labels", {{"controller-revision-hash", revision}}},
            {"ownerReferences",
             {{{"kind", "StatefulSet"}, {"uid", "set-uid"}, {"controller", true}}}}}},
          {"status",
           {{"phase", phase},
            {"podIP", "10.244.0." + std::to_string(ordinal + 5)},
            {"conditions", {{{"type", "Ready"}, {"status", ready ? "True" : "False"}}}}}}};
}

Json make_claim(int ordinal, const std::string& phase = "Bound") {
  return {{"metadata", {{"name", "www-web-" + std::to_string(ordinal)}}},
          {"status", {{"phase", phase}}}};
}

SetObjects healthy(int replicas, const std::string& policy = "OrderedReady") {
  SetObjects objects{make_set(replicas, policy), {}, {}, {}};
  for (int o = 0; o < replicas; ++o) {
    objects.pods.push_back(make_pod(o));
    objects.claims.push_back(make_claim(o));
  }
  return objects;
}

TEST(SetProgress, OneLinePerOrdinalWithClaims) {
  SetObjects objects = healthy(2);
  objects.pods.pop_back();
  const std::string text = format_set_progress(set_progress(objects));
  EXPECT_EQ(text,
            "web-0  Running  Ready  rev web-1  10.244.0.5  claims www-web-0=Bound\n"
            "web-1  Missing  -      rev -      -           claims www-web-1=Bound\n"
            "waiting for web-1 to be created\n");
}

TEST(SetProgress, UpToDate) {
  EXPECT_EQ(set_progress(healthy(3)).waiting_for, "up to date");
}

TEST(SetProgress, OrderedReadyWaitsForTheFirstUnreadyPodSS7_9) {
  SetObjects objects = healthy(3);
  objects.pods[1] = make_pod(1, "web-1", false);
  objects.pods[2] = make_pod(2, "web-1", false);
  EXPECT_EQ(set_progress(objects).waiting_for,
            "waiting for web-1 to become Running and Ready (OrderedReady)");
}

TEST(SetProgress, ParallelNamesEveryUnreadyPodSS7_10) {
  SetObjects objects = healthy(3, "Parallel");
  objects.pods[1] = make_pod(1, "web-1", false);
  objects.pods.pop_back();
  EXPECT_EQ(set_progress(objects).waiting_for,
            "waiting for web-1 to become Running and Ready (Parallel); "
            "waiting for web-2 to be created");
}

TEST(SetProgress, PendingClaimShowsItsLatestEvent) {
  SetObjects objects = healthy(2);
  objects.pods[1] = make_pod(1, "web-1", false, "Pending");
  objects.claims[1] = make_claim(1, "Pending");
  objects.events = {{{"involvedObject", {{"kind", "PersistentVolumeClaim"}, {"name", "www-web-1"}}},
                     {"lastTimestamp", "2026-01-01T00:00:00Z"},
                     {"message", "older"}},
                    {{"involvedObject", {{"kind", "PersistentVolumeClaim"}, {"name", "www-web-1"}}},
                     {"lastTimestamp", "2026-01-01T00:00:05Z"},
                     {"message", "no persistent volumes available for this claim"}}};
  EXPECT_EQ(set_progress(objects).waiting_for,
            "web-1 claim www-web-1 Pending: no persistent volumes available for this claim");
}

TEST(SetProgress, FailedAndUnreachablePods) {
  SetObjects objects = healthy(2);
  objects.pods[0] = make_pod(0, "web-1", false, "Failed");
  EXPECT_EQ(set_progress(objects).waiting_for,
            "web-0 Failed: the controller deletes it, then creates it again (SS-7.1)");
  objects = healthy(2);
  objects.pods[1]["metadata"]["annotations"] = {{"sim.ordinal.dev/unreachable", "true"}};
  objects.pods[1]["status"]["conditions"][0]["status"] = "Unknown";
  const SetProgress progress = set_progress(objects);
  EXPECT_EQ(progress.waiting_for,
            "web-1 is unreachable: it stays until reachable again or force-deleted (SS-10.4)");
  EXPECT_EQ(progress.rows[1][2], "Unknown");
}

TEST(SetProgress, ScaleDownOneAtATimeFromTheTopSS8_1) {
  SetObjects objects = healthy(4);
  objects.set["spec"]["replicas"] = 2;
  const SetProgress progress = set_progress(objects);
  ASSERT_EQ(progress.rows.size(), 4u);
  EXPECT_EQ(progress.rows[3].back(), "condemned");
  EXPECT_EQ(progress.rows[2].back(), "condemned");
  EXPECT_EQ(progress.waiting_for, "scaling down: web-3 next");
  objects.pods[3]["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  EXPECT_EQ(set_progress(objects).waiting_for, "scaling down: waiting for web-3 to terminate");
}

TEST(SetProgress, ParallelScaleDownDeletesAllCondemnedSS8_4) {
  SetObjects objects = healthy(4, "Parallel");
  objects.set["spec"]["replicas"] = 2;
  EXPECT_EQ(set_progress(objects).waiting_for, "scaling down: deleting web-3, web-2");
}

TEST(SetProgress, RollingUpdateFromTheHighestOrdinalSS11_3) {
  SetObjects objects = healthy(3);
  objects.set["status"]["updateRevision"] = "web-2";
  EXPECT_EQ(set_progress(objects).waiting_for, "rolling update: web-2 next (to web-2)");
  objects.pods[2] = make_pod(2, "web-2", false);
  // The recreated pod is not ready: the monotonic gates stop the pass before the update.
  EXPECT_EQ(set_progress(objects).waiting_for,
            "waiting for web-2 to become Running and Ready (OrderedReady)");
  objects.pods[2] = make_pod(2, "web-2");
  EXPECT_EQ(set_progress(objects).waiting_for, "rolling update: web-1 next (to web-2)");
}

TEST(SetProgress, PartitionStopsTheUpdateSS11_6) {
  SetObjects objects = healthy(3);
  objects.set["spec"]["updateStrategy"]["rollingUpdate"]["partition"] = 2;
  objects.set["status"]["updateRevision"] = "web-2";
  objects.pods[2] = make_pod(2, "web-2");
  EXPECT_EQ(set_progress(objects).waiting_for, "up to date");
}

TEST(SetProgress, OnDeleteWaitsForTheUserSS11_8) {
  SetObjects objects = healthy(2);
  objects.set["spec"]["updateStrategy"] = {{"type", "OnDelete"}};
  objects.set["status"]["updateRevision"] = "web-2";
  EXPECT_EQ(set_progress(objects).waiting_for,
            "OnDelete: web-0, web-1 at an old revision; delete them to update (SS-11.8)");
}

TEST(SetProgress, UnobservedGenerationAndDeletion) {
  SetObjects objects = healthy(1);
  objects.set["metadata"]["generation"] = 2;
  EXPECT_EQ(set_progress(objects).waiting_for,
            "waiting for the controller to observe generation 2");
  objects.set["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  EXPECT_EQ(set_progress(objects).waiting_for,
            "the set is being deleted: no pod is created or deleted (SS-6.8)");
}

TEST(SetProgress, PodsOfOtherOwnersAreIgnored) {
  SetObjects objects = healthy(1);
  Json stranger = make_pod(5);
  stranger["metadata"]["ownerReferences"][0]["uid"] = "other";
  objects.pods.push_back(stranger);
  EXPECT_EQ(set_progress(objects).rows.size(), 1u);
}

}  // namespace
}  // namespace ordinal::cli
