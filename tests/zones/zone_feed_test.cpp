// The feed keeps the zone in step with the registry: the first snapshot is there when start()
// returns, and every write to a Service, EndpointSlice or Pod publishes a new one (with a
// larger serial) that the query path answers from at once.
#include "zones/zone_feed.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "dns/ldns.hpp"
#include "dns/query_handler.hpp"
#include "identity/registry.hpp"
#include "tests/dns/dns_test_util.hpp"

namespace ordinal::zones {
namespace {

using namespace ordinal::dns::testing;
using identity::Json;

class ZoneFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ordinal-zone-feed-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    registry_ = identity::Registry::open(dir_);
  }
  void TearDown() override {
    feed_.reset();
    registry_.reset();
    std::filesystem::remove_all(dir_);
  }

  /// rcode and sorted answer text for `qname`/`qtype` from the feed's current snapshot.
  std::pair<int, std::vector<std::string>> ask(const std::string& qname, std::uint16_t qtype) {
    std::string reply;
    const auto snapshot = feed_->current();
    if (dns::handle_query(bytes(make_query(qname, qtype)), snapshot.get(), dns::Transport::Udp, {},
                          reply) != dns::QueryAction::Reply) {
      return {-1, {}};
    }
    auto packet = dns::ldns::packet_from_wire(reply);
    if (!packet) return {-1, {}};
    return {static_cast<int>(ldns_pkt_get_rcode(packet.get())),
            section_text(ldns_pkt_answer(packet.get()))};
  }

  /// Waits until the feed published more than `seen` snapshots.
  bool wait_for_publish(std::uint64_t seen) {
    for (int i = 0; i < 200; ++i) {
      if (feed_->publishes() > seen) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::filesystem::path dir_;
  std::unique_ptr<identity::Registry> registry_;
  std::unique_ptr<ZoneFeed> feed_;
};

Json endpoints(std::initializer_list<std::pair<const char*, const char*>> list) {
  Json out = Json::array();
  for (const auto& [ip, host] : list) {
    out.push_back({{"addresses", {ip}}, {"hostname", host}, {"conditions", {{"ready", true}}}});
  }
  return out;
}

const std::string kNginx = "nginx.test.svc.cluster.local.";

TEST_F(ZoneFeedTest, FirstSnapshotPublishedBeforeStartReturns) {
  ASSERT_TRUE(registry_->create(
      {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "test"}}}}));
  ASSERT_TRUE(registry_->create(service("test", "nginx", {{"clusterIP", "None"}})));
  ASSERT_TRUE(registry_->create(
      slice("test", "nginx-a", "nginx", Json::array(), endpoints({{"10.244.0.10", "web-0"}}))));
  feed_ = std::make_unique<ZoneFeed>(*registry_, ZoneConfig{});
  feed_->start();
  ASSERT_NE(feed_->current(), nullptr);
  EXPECT_EQ(ask("web-0." + kNginx, 1).second,
            expected_text({"web-0." + kNginx + " 5 IN A 10.244.0.10"}));
  EXPECT_EQ(ask("test.svc.cluster.local.", 1).first, 0);  // namespace exists: NODATA
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

}  // namespace
}  // namespace ordinal::zones
