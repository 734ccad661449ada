// kill -9 in the middle of a stream of writes loses nothing that was acknowledged, and
// resourceVersions keep going up after the restart.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "identity/kinds.hpp"
#include "integration/process.hpp"
#include "tools/cli/api_client.hpp"
#include "tools/cli/transport.hpp"

namespace ordinal::testing {
namespace {

using identity::Json;

struct Acknowledged {
  std::map<std::string, std::uint64_t> rv_by_name;
  std::uint64_t max_rv = 0;
};

/// Creates ConfigMaps until the server stops answering; records every acknowledged write.
Acknowledged write_until_killed(const std::string& url, int round) {
  auto transport = cli::make_http_transport(url);
  cli::ApiClient client(*transport);
  const identity::KindInfo& kind = *identity::find_kind("ConfigMap");
  Acknowledged acked;
  for (int i = 0;; ++i) {
    const std::string name = "cm-" + std::to_string(round) + "-" + std::to_string(i);
    Json object = {{"apiVersion", "v1"},
                   {"kind", "ConfigMap"},
                   {"metadata", {{"name", name}, {"namespace", "crash"}}},
                   {"data", {{"i", std::to_string(i)}}}};
    try {
      auto created = client.create(kind, "crash", object);
      if (!created) continue;
      const auto rv = std::stoull(created->at("metadata").at("resourceVersion").get<std::string>());
      acked.rv_by_name[name] = rv;
      acked.max_rv = std::max<std::uint64_t>(acked.max_rv, rv);
    } catch (const std::exception&) {
      return acked;  // the server is gone
    }
  }
}

TEST(Crash, SigkillDuringWritesLosesNothingAcknowledged) {
  TempDir dir;
  std::mt19937 random(std::random_device{}());
  std::map<std::string, std::uint64_t> all_acked;
  std::uint64_t max_rv = 0;
  for (int round = 0; round < 3; ++round) {
    Server server(dir.path() / "data");
    Acknowledged acked;
    std::thread writer([&] { acked = write_until_killed(server.api_url(), round); });
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 1200)(random)));
    EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
    writer.join();
    EXPECT_GT(acked.rv_by_name.size(), 0u) << "round " << round << " wrote nothing";
    all_acked.insert(acked.rv_by_name.begin(), acked.rv_by_name.end());
    max_rv = std::max(max_rv, acked.max_rv);

    Server restarted(dir.path() / "data");
    auto transport = cli::make_http_transport(restarted.api_url());
    cli::ApiClient client(*transport);
    auto list = client.list(*identity::find_kind("ConfigMap"), "crash", "");
    ASSERT_TRUE(list.ok()) << list.error().message;
    std::map<std::string, std::uint64_t> present;
    for (const auto& item : list->at("items"))
      present[item["metadata"]["name"]] =
          std::stoull(item["metadata"]["resourceVersion"].get<std::string>());
    for (const auto& [name, rv] : all_acked) {
      ASSERT_TRUE(present.count(name)) << name << " was acknowledged but is lost";
      EXPECT_EQ(present[name], rv) << name;
    }
    Json probe = {
        {"apiVersion", "v1"},
        {"kind", "ConfigMap"},
        {"metadata", {{"name", "probe-" + std::to_string(round)}, {"namespace", "crash"}}}};
    auto created = client.create(*identity::find_kind("ConfigMap"), "crash", probe);
    ASSERT_TRUE(created.ok()) << created.error().message;
    const auto rv = std::stoull(created->at("metadata").at("resourceVersion").get<std::string>());
    EXPECT_GT(rv, max_rv) << "resourceVersions must continue upward after a restart";
    max_rv = rv;
    restarted.stop(SIGTERM);
  }
}

}  // namespace
}  // namespace ordinal::testing
