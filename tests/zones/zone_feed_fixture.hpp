#pragma once
// A ZoneFeed over a real registry in a temporary directory, with queries against its current
// snapshot and a full rebuild from the registry's objects to compare with.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "dns/ldns.hpp"
#include "dns/query_handler.hpp"
#include "identity/registry.hpp"
#include "tests/dns/dns_test_util.hpp"
#include "tests/zones/snapshot_compare.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_feed.hpp"

namespace ordinal::zones::testing {

using namespace ordinal::dns::testing;
using identity::Json;

inline Json endpoints(std::initializer_list<std::pair<const char*, const char*>> list) {
  Json out = Json::array();
  for (const auto& [ip, host] : list) {
    out.push_back({{"addresses", {ip}}, {"hostname", host}, {"conditions", {{"ready", true}}}});
  }
  return out;
}

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

  /// The snapshot build_snapshot() makes from the registry's objects now.
  std::shared_ptr<const ZoneSnapshot> full_rebuild(std::uint32_t serial) {
    std::vector<Json> objects;
    std::vector<std::string> namespaces;
    for (const char* kind : {"Service", "EndpointSlice", "Pod"}) {
      for (const auto& object : registry_->list(kind, std::nullopt).items) {
        objects.push_back(*object);
      }
    }
    for (const auto& object : registry_->list("Namespace", std::nullopt).items) {
      namespaces.push_back((*object)["metadata"]["name"].get<std::string>());
    }
    ZoneInputs inputs = inputs_from(objects, namespaces);
    for (const auto& object : registry_->list("StatefulSet", std::nullopt).items) {
      inputs.sets.push_back(*set_from_json(*object));
    }
    return build_snapshot(inputs, ZoneConfig{}, serial);
  }

  /// Creates the headless Service test/nginx with one ready endpoint (web-0, 10.244.0.10),
  /// then starts a feed on the registry.
  ::testing::AssertionResult start_on_headless_nginx() {
    if (!registry_->create(service("test", "nginx", {{"clusterIP", "None"}})))
      return ::testing::AssertionFailure() << "the Service was refused";
    if (!registry_->create(slice("test", "nginx-a", "nginx", Json::array(),
                                 endpoints({{"10.244.0.10", "web-0"}})))) {
      return ::testing::AssertionFailure() << "the EndpointSlice was refused";
    }
    feed_ = std::make_unique<ZoneFeed>(*registry_, ZoneConfig{});
    feed_->start();
    return ::testing::AssertionSuccess();
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

}  // namespace ordinal::zones::testing
