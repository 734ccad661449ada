// The feed keeps the zone in step with the registry: the first snapshot is there when start()
// returns, and every write to a Service, EndpointSlice, Pod or StatefulSet publishes a new one
// (with a larger serial) that the query path answers from at once.
#include "zones/zone_feed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>

#include "tests/zones/zone_feed_fixture.hpp"

namespace ordinal::zones {
namespace {

using namespace ordinal::dns::testing;
using identity::Json;
using testing::endpoints;
using testing::kNginx;
using testing::ZoneFeedTest;

TEST_F(ZoneFeedTest, FirstSnapshotPublishedBeforeStartReturns) {
  ASSERT_TRUE(registry_->create(
      {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "test"}}}}));
  ASSERT_TRUE(start_on_headless_nginx());
  ASSERT_NE(feed_->current(), nullptr);
  EXPECT_EQ(ask("web-0." + kNginx, 1).second,
            expected_text({"web-0." + kNginx + " 5 IN A 10.244.0.10"}));
  EXPECT_EQ(ask("test.svc.cluster.local.", 1).first, 0);  // namespace exists: NODATA
}

// The first snapshot is a full build; the incremental updater compiles behind it and takes
// its place as the same version (same serial, same answers), which is not a new publish.
TEST_F(ZoneFeedTest, TheUpdaterTakesOverTheFirstSnapshotAsTheSameVersion) {
  ASSERT_TRUE(start_on_headless_nginx());
  const auto first = feed_->current();
  for (int i = 0; i < 500 && feed_->current() == first; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto taken_over = feed_->current();
  ASSERT_NE(taken_over, first);
  EXPECT_EQ(taken_over->serial(), first->serial());
  EXPECT_EQ(feed_->publishes(), 1u);
  EXPECT_TRUE(testing::same_snapshot(*first, *taken_over));

  // Changes from here on are the updater's, each a new version.
  ASSERT_TRUE(registry_->create(pod("test", "web-0", "10.244.0.10")));
  ASSERT_TRUE(wait_for_publish(1));
  EXPECT_GT(feed_->current()->serial(), first->serial());
  EXPECT_EQ(ask("10-244-0-10.test.pod.cluster.local.", 1).first, 0);
}

// A lost watch (here: the registry ends every stream) loses the events in between, so the feed
// lists everything again and serves a full build of the lists at once, as a new version; the
// updater is filled from the same lists behind it and carries the changes that follow.
TEST_F(ZoneFeedTest, ALostWatchServesAFullBuildOfFreshListsAndTheUpdaterFollows) {
  ASSERT_TRUE(start_on_headless_nginx());
  ASSERT_TRUE(feed_->settle(std::chrono::seconds(5)));
  const auto before = feed_->current();
  const auto published = feed_->publishes();
  registry_->close_watches();
  ASSERT_TRUE(registry_->create(pod("test", "web-1", "10.244.0.11")));
  ASSERT_TRUE(feed_->settle(std::chrono::seconds(5)));
  EXPECT_GT(feed_->publishes(), published);
  EXPECT_GT(feed_->current()->serial(), before->serial());
  EXPECT_EQ(ask("10-244-0-11.test.pod.cluster.local.", 1).first, 0);
  EXPECT_EQ(ask("web-0." + kNginx, 1).second,
            expected_text({"web-0." + kNginx + " 5 IN A 10.244.0.10"}));

  // The next change goes through the fresh updater's watches.
  ASSERT_TRUE(registry_->create(pod("test", "web-2", "10.244.0.12")));
  ASSERT_TRUE(feed_->settle(std::chrono::seconds(5)));
  EXPECT_EQ(ask("10-244-0-12.test.pod.cluster.local.", 1).first, 0);
  EXPECT_EQ(ask("10-244-0-11.test.pod.cluster.local.", 1).first, 0);
  EXPECT_EQ(ask("10-244-0-13.test.pod.cluster.local.", 1).first, 3);  // no such pod: NXDOMAIN
}

// A list large enough that the feed reads it on several threads: every pod is in the first
// snapshot, the first, the middle and the last alike (dns.md §9).
TEST_F(ZoneFeedTest, ALargeListIsReadWhole) {
  std::vector<identity::Registry::Write> writes;
  auto ip_of = [](int i) {
    return "10.244." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1);
  };
  for (int i = 0; i < 4100; ++i)
    writes.emplace_back(
        identity::Registry::Create{pod("test", "web-" + std::to_string(i), ip_of(i))});
  for (const auto& result : registry_->commit(std::move(writes))) ASSERT_TRUE(result);
  feed_ = std::make_unique<ZoneFeed>(*registry_, ZoneConfig{});
  feed_->start();
  for (int i : {0, 1, 2049, 2050, 4099}) {
    std::string dashed = ip_of(i);
    std::replace(dashed.begin(), dashed.end(), '.', '-');
    const std::string name = dashed + ".test.pod.cluster.local.";
    EXPECT_EQ(ask(name, 1).second, expected_text({name + " 5 IN A " + ip_of(i)})) << i;
  }
}

TEST_F(ZoneFeedTest, EveryChangePublishesANewSnapshot) {
  feed_ = std::make_unique<ZoneFeed>(*registry_, ZoneConfig{});
  feed_->start();
  EXPECT_EQ(ask(kNginx, 1).first, 3);
  const auto first_serial = feed_->current()->serial();

  auto seen = feed_->publishes();
  ASSERT_TRUE(registry_->create(service("test", "nginx", {{"clusterIP", "None"}})));
  ASSERT_TRUE(wait_for_publish(seen));
  seen = feed_->publishes();
  auto created = registry_->create(
      slice("test", "nginx-a", "nginx", Json::array(), endpoints({{"10.244.0.10", "web-0"}})));
  ASSERT_TRUE(created);
  ASSERT_TRUE(wait_for_publish(seen));
  EXPECT_EQ(ask(kNginx, 1).second, expected_text({kNginx + " 5 IN A 10.244.0.10"}));
  EXPECT_GT(feed_->current()->serial(), first_serial);

  // A second pod becomes ready: the slice gains an endpoint.
  seen = feed_->publishes();
  Json updated = **created;
  updated["endpoints"] = endpoints({{"10.244.0.10", "web-0"}, {"10.244.0.11", "web-1"}});
  ASSERT_TRUE(registry_->update(updated));
  ASSERT_TRUE(wait_for_publish(seen));
  EXPECT_EQ(ask("web-1." + kNginx, 1).second,
            expected_text({"web-1." + kNginx + " 5 IN A 10.244.0.11"}));

  seen = feed_->publishes();
  ASSERT_TRUE(registry_->remove({"Service", "test", "nginx"}));
  ASSERT_TRUE(wait_for_publish(seen));
  EXPECT_EQ(ask("web-1." + kNginx, 1).first, 3);
  feed_->stop();
}

TEST_F(ZoneFeedTest, PodsFeedVerifiedPodRecords) {  // dns.md §9
  feed_ = std::make_unique<ZoneFeed>(*registry_, ZoneConfig{});
  feed_->start();
  const auto seen = feed_->publishes();
  ASSERT_TRUE(registry_->create(pod("test", "web-0", "10.244.0.12")));
  ASSERT_TRUE(wait_for_publish(seen));
  EXPECT_EQ(ask("10-244-0-12.test.pod.cluster.local.", 1).second,
            expected_text({"10-244-0-12.test.pod.cluster.local. 5 IN A 10.244.0.12"}));
}

/// Issue 4: after each change the feed's incrementally updated snapshot equals a full rebuild
/// from the registry's objects, including deletions of Pods and Namespaces.
TEST_F(ZoneFeedTest, IncrementalSnapshotsMatchAFullRebuild) {
  feed_ = std::make_unique<ZoneFeed>(*registry_, ZoneConfig{});
  feed_->start();
  const Json http = Json::array({{{"name", "http"}, {"protocol", "TCP"}, {"port", 80}}});
  std::vector<std::function<bool()>> changes = {
      [&] {
        return bool(registry_->create(
            {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "quiet"}}}}));
      },
      [&] {
        return bool(registry_->create(service("test", "nginx", {{"clusterIP", "None"}})));
      },
      [&] {
        return bool(registry_->create(
            slice("test", "nginx-a", "nginx", http, endpoints({{"10.244.0.10", "web-0"}}))));
      },
      [&] { return bool(registry_->create(pod("test", "web-0", "10.244.0.10"))); },
      [&] {
        return bool(registry_->remove({"Pod", "test", "web-0"}));
      },
      [&] {
        return bool(registry_->remove({"Namespace", "", "quiet"}));
      },
      [&] {
        return bool(registry_->remove({"EndpointSlice", "test", "nginx-a"}));
      },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto seen = feed_->publishes();
    ASSERT_TRUE(changes[i]()) << "change " << i;
    ASSERT_TRUE(wait_for_publish(seen)) << "change " << i;
    // A write may reach the feed in more than one batch: allow it a moment to catch up.
    ::testing::AssertionResult same = ::testing::AssertionFailure();
    for (int attempt = 0; attempt < 200 && !same; ++attempt) {
      if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      const auto incremental = feed_->current();
      same = testing::same_snapshot(*full_rebuild(incremental->serial()), *incremental);
    }
    EXPECT_TRUE(same) << "after change " << i;
  }
  EXPECT_EQ(ask("quiet.svc.cluster.local.", 1).first, 3);
}

/// Issue 6: StatefulSets are a zone input; the governing Service gets its TXT.
TEST_F(ZoneFeedTest, StatefulSetsFeedThePeerRecords) {
  ASSERT_TRUE(start_on_headless_nginx());
  ASSERT_TRUE(registry_->create({{"apiVersion", "apps/v1"},
                                 {"kind", "StatefulSet"},
                                 {"metadata", {{"name", "web"}, {"namespace", "test"}}},
                                 {"spec", {{"serviceName", "nginx"}, {"replicas", 2}}}}));
  ASSERT_TRUE(feed_->settle(std::chrono::milliseconds(2000)));
  EXPECT_EQ(ask(kNginx, 16).second, expected_text({kNginx + " 5 IN TXT \"replicas=2 ready=0\""}));
  const auto incremental = feed_->current();
  EXPECT_TRUE(testing::same_snapshot(*full_rebuild(incremental->serial()), *incremental));
}

}  // namespace
}  // namespace ordinal::zones
