// A real Redis Cluster on `ordinal serve --runtime process` (examples/redis.yaml, issue 9): the
// members render their configuration with `ordinal peers --template`, form one cluster of three
// masters through ordinal's DNS, take back a replaced member at its new address with its node
// id and data, and keep every key through a scale to zero and back.
#include <gtest/gtest.h>

#include <set>

#include "controller/process_spawn.hpp"
#include "integration/process_runtime.hpp"

namespace ordinal::testing {
namespace {

using namespace std::chrono_literals;

const std::string kRedisExample = std::string(ORDINAL_SOURCE_DIR) + "/examples/redis.yaml";
const int kKeys = 30;  // enough that every master holds some

// `redis-cli -c ARGS` at `address` (following MOVED redirections); nullopt when it fails.
std::optional<std::string> redis(const std::string& address, const std::string& args) {
  return shell_output("timeout 10 redis-cli -c -h " + address + " " + args);
}

std::vector<std::string> redis_addresses(const Server& server) {
  return testing::ready_addresses(server, "redis", 3);
}

// The node ids of CLUSTER NODES at `address`, or empty when it cannot be read.
std::set<std::string> node_ids(const std::string& address) {
  std::set<std::string> ids;
  auto nodes = redis(address, "cluster nodes");
  if (!nodes) return ids;
  std::istringstream lines(*nodes);
  for (std::string line; std::getline(lines, line);)
    if (line.size() >= 40) ids.insert(line.substr(0, 40));
  return ids;
}

// Every key reads back its value through `address`.
void expect_keys(const std::string& address) {
  for (int i = 0; i < kKeys; ++i) {
    const std::string key = "key-" + std::to_string(i);
    EXPECT_EQ(redis(address, "get " + key).value_or("(failed)"), "value-" + key + "\n") << key;
  }
}

TEST(Redis, ClusterFormsFromPeerTemplatesAndKeepsItsMembersAndData) {
  if (!controller::private_namespaces_available())
    GTEST_SKIP() << "needs root and mount namespaces (unshare CLONE_NEWNS|CLONE_NEWUTS) for "
                    "--runtime process pods";
  if (!installed("redis-server") || !installed("redis-cli"))
    GTEST_SKIP() << "Redis is not installed (Debian packages redis-server and redis-tools)";

  TempDir dir;
  const std::string range = own_range();
  Server server(dir.path(), {"--runtime", "process", "--pod-cidr", range + "0/24", "--pod-dns",
                             range + "1", "-f", kRedisExample});
  std::vector<std::string> members;
  ASSERT_TRUE(wait_until([&] { return !(members = redis_addresses(server)).empty(); }, 60s))
      << server.ordinal({"get", "pods", "-o", "wide"}).out
      << server.ordinal({"logs", "redis-0"}).out << server.errors();

  // One cluster of three masters, each announcing its stable DNS name.
  auto nodes = redis(members[0], "cluster nodes");
  ASSERT_TRUE(nodes);
  EXPECT_EQ(std::count(nodes->begin(), nodes->end(), '\n'), 3) << *nodes;
  for (int i = 0; i < 3; ++i) {
    const std::string name = "redis-" + std::to_string(i);
    const auto at = nodes->find(members[static_cast<std::size_t>(i)] + ":6379@16379," + name +
                                ".redis.default.svc.cluster.local ");
    ASSERT_NE(at, std::string::npos) << *nodes;
    EXPECT_NE(nodes->substr(at, nodes->find('\n', at) - at).find("master"), std::string::npos)
        << *nodes;
  }
  const std::set<std::string> ids = node_ids(members[0]);
  ASSERT_EQ(ids.size(), 3u);
  for (int i = 0; i < kKeys; ++i) {
    const std::string key = "key-" + std::to_string(i);
    ASSERT_EQ(redis(members[0], "set " + key + " value-" + key).value_or(""), "OK\n");
  }

  // A member fails: it comes back under the same name with a new address and its own volume,
  // and the cluster takes it back as the node it was.
  const Json failed = get_object(server, "pod", "redis-1", "default");
  const std::string volume = volume_of(server, "data-redis-1");
  ASSERT_EQ(server.ordinal({"sim", "fail", "pod/redis-1"}).exit_code, 0);
  ASSERT_TRUE(wait_until(
      [&] {
        const Json pod = get_object(server, "pod", "redis-1", "default");
        return !pod.is_null() && pod["metadata"]["uid"] != failed["metadata"]["uid"] &&
               !(members = redis_addresses(server)).empty();
      },
      60s))
      << server.ordinal({"get", "pods", "-o", "wide"}).out << server.errors();
  EXPECT_EQ(volume_of(server, "data-redis-1"), volume);
  EXPECT_EQ(node_ids(members[1]), ids);
  expect_keys(members[1]);

  // Scale to zero and back: every address changes, the claims keep the data and node ids.
  ASSERT_EQ(server.ordinal({"scale", "statefulset/redis", "--replicas=0"}).exit_code, 0);
  ASSERT_TRUE(wait_until([&] { return list_objects(server, "pods", "default").empty(); }, 30s));
  // The pods' own directories (logs, resolv.conf, hosts) went with them; the volumes stay.
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "pods"))
    EXPECT_EQ(entry.path().filename().string().rfind("default_redis-", 0), std::string::npos)
        << entry.path();
  ASSERT_EQ(server.ordinal({"scale", "statefulset/redis", "--replicas=3"}).exit_code, 0);
  ASSERT_TRUE(wait_until([&] { return !(members = redis_addresses(server)).empty(); }, 60s))
      << server.ordinal({"get", "pods", "-o", "wide"}).out << server.errors();
  EXPECT_EQ(node_ids(members[2]), ids);
  expect_keys(members[2]);
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace ordinal::testing
