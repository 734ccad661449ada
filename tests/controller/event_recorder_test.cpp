// Events: recorded about an object, aggregated when repeated, and expired after their TTL.
#include "controller/event_recorder.hpp"

#include <gtest/gtest.h>

#include "controller/event_expiry.hpp"
#include "fake_object_manager.hpp"
#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

using testing::FakeObjectManager;

Json stored_pod(FakeObjectManager& objects) {
  auto pod = objects.create({{"apiVersion", "v1"},
                             {"kind", "Pod"},
                             {"metadata", {{"name", "web-0"}, {"namespace", "test"}}},
                             {"spec", {{"containers", Json::array()}}}});
  return **pod;
}

TEST(EventRecorder, RecordsAnEventAboutTheObject) {
  FakeObjectManager objects;
  const Json pod = stored_pod(objects);
  EventRecorder recorder(objects, "statefulset-controller");
  recorder.record(pod, kNormal, "SuccessfulCreate", "create Pod web-0 in StatefulSet web",
                  objects.clock().now());
  const auto events = objects.list("Event", "test");
  ASSERT_EQ(events.size(), 1u);
  const Json& event = *events[0];
  EXPECT_EQ(event["involvedObject"]["kind"], "Pod");
  EXPECT_EQ(event["involvedObject"]["name"], "web-0");
  EXPECT_EQ(event["involvedObject"]["uid"], pod["metadata"]["uid"]);
  EXPECT_EQ(event["reason"], "SuccessfulCreate");
  EXPECT_EQ(event["type"], "Normal");
  EXPECT_EQ(event["count"], 1);
  EXPECT_EQ(event["source"]["component"], "statefulset-controller");
  EXPECT_EQ(event["lastTimestamp"], identity::format_timestamp(objects.clock().now()));
}

TEST(EventRecorder, RepeatsWithinTheWindowBumpTheCount) {
  FakeObjectManager objects;
  const Json pod = stored_pod(objects);
  EventRecorder recorder(objects, "volume-binder");
  for (int i = 0; i < 3; ++i) {
    recorder.record(pod, kWarning, "FailedBinding", "no persistent volumes available",
                    objects.clock().now());
    objects.clock().advance(std::chrono::seconds(30));
  }
  recorder.record(pod, kWarning, "FailedBinding", "another message", objects.clock().now());
  const auto events = objects.list("Event", "test");
  ASSERT_EQ(events.size(), 2u);
  int counted = 0;
  for (const auto& event : events)
    if ((*event)["message"] == "no persistent volumes available") counted = (*event)["count"];
  EXPECT_EQ(counted, 3);
}

TEST(EventRecorder, DeferredEventsAreWrittenTogetherByFlush) {
  FakeObjectManager objects;
  const Json pod = stored_pod(objects);
  EventRecorder recorder(objects, "kubelet", true);
  const auto now = objects.clock().now();
  recorder.record(pod, kNormal, "Scheduled", "Successfully assigned test/web-0", now);
  recorder.record(pod, kNormal, "Pulled", "Container image already present", now);
  recorder.record(pod, kNormal, "Pulled", "Container image already present", now);  // repeat
  EXPECT_TRUE(objects.list("Event", "test").empty()) << "nothing is written before flush";

  objects.clear_writes();
  recorder.flush();
  const auto events = objects.list("Event", "test");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(objects.writes().size(), 2u);
  int pulled = 0;
  for (const auto& event : events)
    if ((*event)["reason"] == "Pulled") pulled = (*event)["count"].get<int>();
  EXPECT_EQ(pulled, 2) << "a repeat before the flush is counted, not written twice";

  // After the flush a repeat updates the stored event, at the next flush as before.
  recorder.record(pod, kNormal, "Pulled", "Container image already present", now);
  recorder.flush();
  for (const auto& event : objects.list("Event", "test")) {
    if ((*event)["reason"] == "Pulled") {
      EXPECT_EQ((*event)["count"], 3);
    }
  }
  objects.clear_writes();
  recorder.flush();
  EXPECT_TRUE(objects.writes().empty()) << "an empty flush writes nothing";
}

TEST(EventExpiry, DeletesEventsOlderThanTheTtlAndWaitsForYoungerOnes) {
  FakeObjectManager objects;
  const Json pod = stored_pod(objects);
  EventRecorder recorder(objects, "sim-kubelet");
  recorder.record(pod, kNormal, "Started", "Started container", objects.clock().now());
  const std::string key =
      "test/" + (*objects.list("Event", "test")[0])["metadata"]["name"].get<std::string>();
  EventExpiry expiry(objects, std::chrono::minutes(60));
  const auto early = expiry.sync(key, objects.clock().now() + std::chrono::minutes(10));
  ASSERT_TRUE(early.requeue_after.has_value());
  EXPECT_EQ(*early.requeue_after, std::chrono::minutes(50));
  EXPECT_EQ(objects.list("Event", "test").size(), 1u);
  const auto late = expiry.sync(key, objects.clock().now() + std::chrono::minutes(61));
  EXPECT_FALSE(late.error.has_value());
  EXPECT_TRUE(objects.list("Event", "test").empty());
}

TEST(Timestamps, ParseWhatFormatWritesAndRfc3339Variants) {
  const auto now = std::chrono::system_clock::time_point{std::chrono::seconds{1795306508}};
  EXPECT_EQ(identity::parse_timestamp(identity::format_timestamp(now)), now);
  EXPECT_EQ(identity::parse_timestamp("2026-11-22T01:15:08+01:00"), now);
  EXPECT_EQ(identity::parse_timestamp("2026-11-22T00:15:08.500Z"), now) << "second precision";
  EXPECT_EQ(identity::parse_timestamp("yesterday"), std::nullopt);
  EXPECT_EQ(identity::parse_timestamp("2026-11-22T00:15:08"), std::nullopt);
}

}  // namespace
}  // namespace ordinal::controller
