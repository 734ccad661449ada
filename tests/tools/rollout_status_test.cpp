// `ordinal rollout status`: kubectl's StatefulSet status viewer, message for message.
#include "tools/cli/rollout_status.hpp"

#include <gtest/gtest.h>

namespace ordinal::cli {
namespace {

using identity::Json;

// A set of 3 replicas whose controller has observed generation 2 and reports `status`.
Json set_with(Json status, const Json& strategy = {{"type", "RollingUpdate"}}) {
  if (status.is_null()) status = Json::object();
  Json set = {{"metadata", {{"name", "web"}, {"generation", 2}}},
              {"spec", {{"replicas", 3}, {"updateStrategy", strategy}}},
              {"status", status}};
  set["status"]["observedGeneration"] = status.value("observedGeneration", 2);
  return set;
}

TEST(RolloutStatus, OnDeleteCannotBeFollowed) {
  RolloutStatus s = statefulset_rollout_status(set_with({}, {{"type", "OnDelete"}}));
  EXPECT_EQ(s.error, "rollout status is only available for RollingUpdate strategy type");
  EXPECT_TRUE(s.message.empty());
}

TEST(RolloutStatus, WaitsUntilTheControllerObservedTheSpec) {
  EXPECT_EQ(statefulset_rollout_status(set_with({{"observedGeneration", 1}})).message,
            "Waiting for statefulset spec update to be observed...");
  // A status never written at all (observedGeneration 0) is not observed either.
  Json fresh = set_with({});
  fresh["status"] = Json::object();
  EXPECT_EQ(statefulset_rollout_status(fresh).message,
            "Waiting for statefulset spec update to be observed...");
  EXPECT_FALSE(statefulset_rollout_status(fresh).done);
}

TEST(RolloutStatus, CountsPodsThatAreNotReady) {
  RolloutStatus s = statefulset_rollout_status(set_with({{"readyReplicas", 1}}));
  EXPECT_EQ(s.message, "Waiting for 2 pods to be ready...");
  EXPECT_FALSE(s.done);
}

TEST(RolloutStatus, PartitionedRollOutSS11_6) {
  const Json strategy = {{"type", "RollingUpdate"}, {"rollingUpdate", {{"partition", 1}}}};
  RolloutStatus waiting = statefulset_rollout_status(
      set_with({{"readyReplicas", 3}, {"updatedReplicas", 1}}, strategy));
  EXPECT_EQ(waiting.message,
            "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...");
  EXPECT_FALSE(waiting.done);
  RolloutStatus complete = statefulset_rollout_status(
      set_with({{"readyReplicas", 3}, {"updatedReplicas", 2}}, strategy));
  EXPECT_EQ(complete.message, "partitioned roll out complete: 2 new pods have been updated...");
  EXPECT_TRUE(complete.done);
}

TEST(RolloutStatus, DefaultedRollingUpdateBlockReadsAsPartitionZero) {
  // The API fills rollingUpdate.partition = 0, so kubectl reports the partitioned messages.
  const Json strategy = {{"type", "RollingUpdate"}, {"rollingUpdate", {{"partition", 0}}}};
  EXPECT_EQ(
      statefulset_rollout_status(set_with({{"readyReplicas", 3}, {"updatedReplicas", 2}}, strategy))
          .message,
      "Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...");
}

TEST(RolloutStatus, RevisionsWithoutARollingUpdateBlock) {
  RolloutStatus waiting = statefulset_rollout_status(set_with({{"readyReplicas", 3},
                                                               {"updatedReplicas", 1},
                                                               {"currentReplicas", 2},
                                                               {"currentRevision", "web-1"},
                                                               {"updateRevision", "web-2"}}));
  EXPECT_EQ(waiting.message,
            "waiting for statefulset rolling update to complete 1 pods at revision web-2...");
  EXPECT_FALSE(waiting.done);
  RolloutStatus complete = statefulset_rollout_status(set_with({{"readyReplicas", 3},
                                                                {"updatedReplicas", 3},
                                                                {"currentReplicas", 3},
                                                                {"currentRevision", "web-2"},
                                                                {"updateRevision", "web-2"}}));
  EXPECT_EQ(complete.message, "statefulset rolling update complete 3 pods at revision web-2...");
  EXPECT_TRUE(complete.done);
}

TEST(RolloutStatus, NotReadyIsReportedBeforeRevisions) {
  RolloutStatus s = statefulset_rollout_status(
      set_with({{"readyReplicas", 0}, {"currentRevision", "a"}, {"updateRevision", "b"}}));
  EXPECT_EQ(s.message, "Waiting for 3 pods to be ready...");
}

}  // namespace
}  // namespace ordinal::cli
