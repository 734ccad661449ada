// A full disk under the data dir (issue: reliability): writes fail with a clear 5xx and leave
// nothing of themselves, everything acknowledged before stays, and DNS keeps answering.
//
// The data dir is a small tmpfs mounted in a mount namespace of the server's own (`unshare`),
// so it disappears with the server and nothing outside the test sees it. Where namespaces or
// mounts are not allowed the test is skipped, saying why.
#include <gtest/gtest.h>

#include <set>

#include "integration/cluster.hpp"
#include "integration/process.hpp"
#include "tools/cli/api_client.hpp"
#include "tools/cli/transport.hpp"

namespace ordinal::testing {
namespace {

constexpr const char* kSize = "4m";

/// True when this process may mount a tmpfs in a private mount namespace.
bool can_mount_tmpfs(const std::filesystem::path& dir) {
  const auto probe = dir / "probe";
  std::filesystem::create_directories(probe);
  return command_lines("unshare --mount --propagation private mount -t tmpfs -o size=64k tmpfs " +
                       probe.string() + " && echo mounted") == std::vector<std::string>{"mounted"};
}

identity::Json config_map(const std::string& name, std::size_t bytes) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", "test"}}},
          {"data", {{"blob", std::string(bytes, 'x')}}}};
}

/// Creates ConfigMaps of `bytes` each until one is refused; returns the names acknowledged and
/// the refusal.
std::pair<std::vector<std::string>, identity::ApiError> fill(cli::ApiClient& client,
                                                             const std::string& prefix,
                                                             std::size_t bytes) {
  const identity::KindInfo& kind = *identity::find_kind("ConfigMap");
  std::vector<std::string> acknowledged;
  for (int i = 0; i < 100000; ++i) {
    const std::string name = prefix + std::to_string(i);
    auto created = client.create(kind, "test", config_map(name, bytes));
    if (!created.ok()) return {acknowledged, created.error()};
    acknowledged.push_back(name);
  }
  ADD_FAILURE() << "the disk never filled";
  return {acknowledged, {}};
}

TEST(FullDisk, WritesFailCleanlyNothingAcknowledgedIsLostAndDnsKeepsAnswering) {
  TempDir dir;
  if (!can_mount_tmpfs(dir.path()))
    GTEST_SKIP() << "cannot mount a tmpfs in a private mount namespace here (needs root)";
  const auto data = dir.path() / "data";
  std::filesystem::create_directories(data);
  // sh -c 'mount …; exec ordinal serve …': the server runs inside the namespace it mounted.
  Server server(data, {},
                {"unshare", "--mount", "--propagation", "private", "sh", "-c",
                 std::string("mount -t tmpfs -o size=") + kSize + " tmpfs \"$1\" && " +
                     "shift && exec \"$@\"",
                 "sh", data.string()});
  ASSERT_TRUE(apply_slow_stopping_example(server, dir.path()));
  const auto members = dig(server, "SRV", "nginx.test.svc.cluster.local");
  ASSERT_EQ(members.size(), 3u);

  // Something else on the same disk takes a quarter of it (seen through the server's root).
  const auto other_file = std::filesystem::path("/proc/" + std::to_string(server.pid()) + "/root" +
                                                data.string() + "/other-file");
  std::ofstream(other_file) << std::string(1024 * 1024, 'o');
  ASSERT_EQ(std::filesystem::file_size(other_file), 1024u * 1024u);

  auto transport = cli::make_http_transport(server.api_url());
  cli::ApiClient client(*transport);
  // Large objects first, then small ones, so that the disk is full to its last pages.
  auto [big, big_refusal] = fill(client, "big-", 256 * 1024);
  auto [small, refusal] = fill(client, "small-", 512);
  ASSERT_GT(big.size(), 3u) << "the tmpfs filled before the test began";

  for (const auto* error : {&big_refusal, &refusal}) {
    EXPECT_GE(error->code, 500) << error->message;
    EXPECT_LT(error->code, 600) << error->message;
    EXPECT_NE(error->message.find("full"), std::string::npos)
        << "the message says why: " << error->message;
  }
  // The refused objects are not there, not even in part; everything acknowledged is.
  const identity::KindInfo& kind = *identity::find_kind("ConfigMap");
  EXPECT_EQ(client.get(kind, "test", "big-" + std::to_string(big.size())).error().code, 404);
  EXPECT_EQ(client.get(kind, "test", "small-" + std::to_string(small.size())).error().code, 404);
  auto list = client.list(kind, "test", "");
  ASSERT_TRUE(list.ok()) << list.error().message;
  std::set<std::string> listed;
  for (const auto& item : list->at("items")) listed.insert(name_of(item));
  for (const auto* names : {&big, &small})
    for (const auto& name : *names) EXPECT_TRUE(listed.count(name)) << name << " was lost";
  EXPECT_EQ(listed.size(), big.size() + small.size()) << "only what was acknowledged";

  // A scale-up: either its write is refused (the set unchanged), or it fits in the last pages
  // and the controller cannot store the new pods. Both ways the same three pods are served.
  const auto scaled = server.ordinal({"scale", "statefulset/web", "--replicas=5", "-n", "test"});
  if (scaled.exit_code != 0) {
    EXPECT_NE(scaled.err.find("full"), std::string::npos) << scaled.err;
    EXPECT_EQ(get_object(server, "statefulset", "web", "test")["spec"]["replicas"], 3);
  } else {
    EXPECT_TRUE(wait_until([&] {
      return server.errors().find("disk is full") != std::string::npos;
    })) << "the controller says why it cannot go on: "
        << server.errors();
  }
  EXPECT_EQ(dig(server, "SRV", "nginx.test.svc.cluster.local"), members);
  EXPECT_FALSE(dig(server, "A", "web-0.nginx.test.svc.cluster.local").empty());

  // Space freed on the disk (another file's removed) lets writes through again.
  std::filesystem::remove(other_file);
  auto after = client.create(kind, "test", config_map("after", 512));
  EXPECT_TRUE(after.ok()) << after.error().message;
  EXPECT_TRUE(client.get(kind, "test", "after").ok());
  // The set converges to what was stored, as if nothing had happened.
  const int replicas = get_object(server, "statefulset", "web", "test")["spec"]["replicas"];
  std::vector<std::string> expected;
  for (int i = 0; i < replicas; ++i) expected.push_back("web-" + std::to_string(i));
  EXPECT_TRUE(wait_until([&] { return ready_pods(server, "test", "web-") == expected; }))
      << "expected " << replicas << " Ready pods";
  EXPECT_EQ(dig(server, "SRV", "nginx.test.svc.cluster.local").size(),
            static_cast<std::size_t>(replicas));
  EXPECT_EQ(server.stop(SIGTERM), 0) << server.errors();
}

}  // namespace
}  // namespace ordinal::testing
