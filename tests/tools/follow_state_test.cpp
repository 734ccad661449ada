// The follower's list/event -> snapshot logic without sockets: a relist publishes only once
// every kind is listed, events are coalesced into one snapshot per flush, bookmarks move the
// resume position, and 410 asks for a relist that replaces the zone whole.
#include <gtest/gtest.h>

#include <string>

#include "tools/follow/follower_state.hpp"
#include "tools/follow/source_messages.hpp"
#include "zones/zone_export.hpp"

namespace ordinal::follow {
namespace {

std::string list_body(const std::string& kind, const std::string& version,
                      const std::string& items) {
  return R"({"kind":")" + kind + R"(List","apiVersion":"v1","metadata":{"resourceVersion":")" +
         version + R"("},"items":[)" + items + "]}";
}

std::string pod(const std::string& name, const std::string& ip) {
  return R"({"metadata":{"name":")" + name + R"(","namespace":"test","uid":"u-)" + name +
         R"("},"status":{"phase":"Running","podIP":")" + ip +
         R"(","conditions":[{"type":"Ready","status":"True"}]}})";
}

std::string endpoint(const std::string& name, const std::string& ip) {
  return R"({"addresses":[")" + ip + R"("],"conditions":{"ready":true},"hostname":")" + name +
         R"(","targetRef":{"kind":"Pod","name":")" + name + R"(","namespace":"test","uid":"u-)" +
         name + R"("}})";
}

std::string slice(const std::string& endpoints) {
  return R"({"metadata":{"name":"nginx-x","namespace":"test","resourceVersion":"%RV%",)"
         R"("labels":{"kubernetes.io/service-name":"nginx"}},"addressType":"IPv4",)"
         R"("ports":[{"name":"web","port":80,"protocol":"TCP"}],"endpoints":[)" +
         endpoints + "]}";
}

const char* const kService = R"({"metadata":{"name":"nginx","namespace":"test"},)"
                             R"("spec":{"clusterIP":"None","ports":[{"name":"web","port":80}]}})";

ListResult parsed(Kind kind, const std::string& body) {
  auto list = parse_list(kind, body);
  EXPECT_TRUE(list.has_value()) << body;
  return list.value_or(ListResult{});
}

/// Lists every kind: namespace test, Service nginx, one slice with `endpoints`, `pods`.
void list_all_but(FollowerState& state, Kind skipped, const std::string& endpoints,
                  const std::string& pods, const std::string& version) {
  const std::pair<Kind, std::string> bodies[] = {
      {Kind::Namespace, list_body("Namespace", version, R"({"metadata":{"name":"test"}})")},
      {Kind::Service, list_body("Service", version, kService)},
      {Kind::EndpointSlice, list_body("EndpointSlice", version, slice(endpoints))},
      {Kind::Pod, list_body("Pod", version, pods)},
      {Kind::StatefulSet, list_body("StatefulSet", version, "")},
  };
  for (const auto& [kind, body] : bodies) {
    if (kind != skipped) {
      EXPECT_FALSE(state.add_list(kind, parsed(kind, body)));
    }
  }
}

std::string served(const zones::SnapshotHolder& holder) {
  const auto snapshot = holder.current();
  return snapshot ? zones::export_zone_text(*snapshot, false) : "";
}

std::string event(const std::string& type, const std::string& object) {
  return R"({"type":")" + type + R"(","object":)" + object + "}";
}

WatchEvent parsed_event(Kind kind, const std::string& line) {
  auto parsed_line = parse_event(kind, line);
  EXPECT_TRUE(parsed_line.has_value()) << line;
  return parsed_line.value_or(WatchEvent{});
}

class FollowStateTest : public ::testing::Test {
 protected:
  void list_first() {
    list_all_but(state_, Kind::StatefulSet, endpoint("web-0", "10.244.0.5"),
                 pod("web-0", "10.244.0.5"), "10");
    ASSERT_TRUE(state_.add_list(Kind::StatefulSet,
                                parsed(Kind::StatefulSet, list_body("StatefulSet", "10", ""))));
  }
  zones::SnapshotHolder holder_;
  FollowerState state_{zones::ZoneConfig{}, holder_};
};

TEST_F(FollowStateTest, ARelistPublishesNothingUntilEveryKindIsListed) {
  list_all_but(state_, Kind::Pod, endpoint("web-0", "10.244.0.5"), "", "10");
  EXPECT_EQ(holder_.generation(), 0u);
  EXPECT_EQ(holder_.current(), nullptr);
  EXPECT_FALSE(state_.published());
  EXPECT_TRUE(state_.relisting());
  ASSERT_TRUE(state_.add_list(
      Kind::Pod, parsed(Kind::Pod, list_body("Pod", "12", pod("web-0", "10.244.0.5")))));
  EXPECT_EQ(holder_.generation(), 1u);
  EXPECT_NE(served(holder_).find("web-0.nginx.test.svc.cluster.local."), std::string::npos)
      << served(holder_);
  EXPECT_EQ(state_.resource_version(Kind::Pod), "12");
  EXPECT_EQ(state_.resource_version(Kind::Service), "10");
  EXPECT_EQ(state_.relists(), 1u);
  EXPECT_NE(state_.serial(), 0u);
}

TEST_F(FollowStateTest, EventsBeforeTheFirstListAreRefused) {
  EXPECT_EQ(
      state_.apply(Kind::Pod, parsed_event(Kind::Pod, event("ADDED", pod("web-1", "10.244.0.6")))),
      FollowerState::Outcome::Failed);
  EXPECT_FALSE(state_.flush());
}

TEST_F(FollowStateTest, ABurstOfEventsBecomesOneSnapshotAtFlush) {
  list_first();
  const auto two = slice(endpoint("web-0", "10.244.0.5") + "," + endpoint("web-1", "10.244.0.6"));
  std::string with_version = two;
  with_version.replace(with_version.find("%RV%"), 4, "11");
  EXPECT_EQ(
      state_.apply(Kind::Pod, parsed_event(Kind::Pod, event("ADDED", pod("web-1", "10.244.0.6")))),
      FollowerState::Outcome::Applied);
  EXPECT_EQ(state_.apply(Kind::EndpointSlice,
                         parsed_event(Kind::EndpointSlice, event("MODIFIED", with_version))),
            FollowerState::Outcome::Applied);
  EXPECT_EQ(holder_.generation(), 1u);  // nothing published between events
  EXPECT_TRUE(state_.flush());
  EXPECT_EQ(holder_.generation(), 2u);
  EXPECT_FALSE(state_.flush());  // nothing new
  EXPECT_NE(served(holder_).find("web-1.nginx.test.svc.cluster.local."), std::string::npos);
  EXPECT_EQ(state_.resource_version(Kind::EndpointSlice), "11");
  EXPECT_EQ(state_.events(), 2u);
}

TEST_F(FollowStateTest, DeletedObjectsLeaveTheZone) {
  list_first();
  std::string empty = slice("");
  empty.replace(empty.find("%RV%"), 4, "13");
  EXPECT_EQ(
      state_.apply(Kind::EndpointSlice, parsed_event(Kind::EndpointSlice, event("DELETED", empty))),
      FollowerState::Outcome::Applied);
  ASSERT_TRUE(state_.flush());
  EXPECT_EQ(served(holder_).find("web-0.nginx.test.svc.cluster.local."), std::string::npos)
      << served(holder_);
}

TEST_F(FollowStateTest, BookmarksMoveTheResumePositionOnly) {
  list_first();
  const auto bookmark =
      event("BOOKMARK", R"({"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"42"}})");
  EXPECT_EQ(state_.apply(Kind::Pod, parsed_event(Kind::Pod, bookmark)),
            FollowerState::Outcome::Advanced);
  EXPECT_EQ(state_.resource_version(Kind::Pod), "42");
  EXPECT_EQ(state_.resource_version(Kind::Service), "10");
  EXPECT_FALSE(state_.flush());
  EXPECT_EQ(state_.events(), 0u);
}

TEST_F(FollowStateTest, GoneAsksForARelistThatReplacesTheZoneWhole) {
  list_first();
  const auto gone =
      event("ERROR", R"({"kind":"Status","apiVersion":"v1","status":"Failure",)"
                     R"json("message":"too old resource version: 3 (10)","reason":"Expired",)json"
                     R"("code":410})");
  EXPECT_EQ(state_.apply(Kind::Service, parsed_event(Kind::Service, gone)),
            FollowerState::Outcome::Expired);
  const auto other = event("ERROR", R"({"kind":"Status","code":500,"message":"boom"})");
  EXPECT_EQ(state_.apply(Kind::Service, parsed_event(Kind::Service, other)),
            FollowerState::Outcome::Failed);

  // The relist: web-0 went away and web-1 came while the follower was not watching.
  state_.begin_relist();
  list_all_but(state_, Kind::Namespace, endpoint("web-1", "10.244.0.6"), pod("web-1", "10.244.0.6"),
               "20");
  EXPECT_EQ(holder_.generation(), 1u);  // still the old zone, whole
  EXPECT_NE(served(holder_).find("web-0.nginx"), std::string::npos);
  EXPECT_EQ(served(holder_).find("web-1.nginx"), std::string::npos);
  ASSERT_TRUE(state_.add_list(
      Kind::Namespace,
      parsed(Kind::Namespace, list_body("Namespace", "20", R"({"metadata":{"name":"test"}})"))));
  EXPECT_EQ(holder_.generation(), 2u);
  EXPECT_EQ(served(holder_).find("web-0.nginx"), std::string::npos) << served(holder_);
  EXPECT_NE(served(holder_).find("web-1.nginx"), std::string::npos);
  EXPECT_EQ(state_.relists(), 2u);
  EXPECT_EQ(state_.resource_version(Kind::Pod), "20");
}

TEST(FollowMessages, ListsAreReducedItemByItem) {
  const std::string body =
      list_body("Pod", "7",
                pod("web-0", "10.244.0.5") + R"(,{"metadata":{"namespace":"test"}},)" +
                    pod("web-1", "10.244.0.6"));
  auto list = parse_list(Kind::Pod, body);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->resource_version, "7");
  ASSERT_EQ(list->items.size(), 2u);  // the nameless pod cannot appear in DNS
  EXPECT_EQ(std::get<zones::PodInfo>(list->items[1]).ip, "10.244.0.6");
  EXPECT_EQ(std::get<zones::PodInfo>(list->items[0]).name, "web-0");
}

TEST(FollowMessages, NonListsAndBrokenLinesAreRefused) {
  EXPECT_FALSE(parse_list(Kind::Pod, R"({"kind":"Status","code":403})"));
  EXPECT_FALSE(parse_list(Kind::Pod, "<html>"));
  EXPECT_FALSE(parse_event(Kind::Pod, "{\"type\":"));
  auto unknown = parse_event(Kind::Pod, R"({"type":"SURPRISE","object":{}})");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->type, WatchEvent::Type::Unknown);
}

}  // namespace
}  // namespace ordinal::follow
