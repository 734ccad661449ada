// A real etcd cluster on `ordinal serve --runtime process`: the users' example bootstraps its
// three members through ordinal's DNS, survives the loss of a member (`sim fail`), and keeps its
// data through a scale to zero and back.
#include <gtest/gtest.h>

#include "controller/process_spawn.hpp"
#include "integration/process_runtime.hpp"

namespace ordinal::testing {
namespace {

using namespace std::chrono_literals;

const std::string kEtcdExample = std::string(ORDINAL_SOURCE_DIR) + "/examples/etcd.yaml";

// `etcdctl ARGS` against `endpoints`; the output, or nullopt when it fails.
std::optional<std::string> etcdctl(const std::vector<std::string>& endpoints,
                                   const std::string& args) {
  std::string list;
  for (const auto& e : endpoints) list += (list.empty() ? "" : ",") + ("http://" + e + ":2379");
  return shell_output("ETCDCTL_API=3 etcdctl --dial-timeout=2s --command-timeout=5s --endpoints=" +
                      list + " " + args);
}

std::vector<std::string> etcd_addresses(const Server& server) {
  return testing::ready_addresses(server, "etcd", 3);
}

TEST(Etcd, ClusterBootstrapsThroughDnsSurvivesAFailedMemberAndAScaleToZero) {
  if (!controller::private_namespaces_available())
    GTEST_SKIP() << "needs root and mount namespaces (unshare CLONE_NEWNS|CLONE_NEWUTS) for "
                    "--runtime process pods";
  if (!installed("etcd") || !installed("etcdctl"))
    GTEST_SKIP() << "etcd is not installed (Debian packages etcd-server and etcd-client)";

  TempDir dir;
  const std::string range = own_range();
  Server server(dir.path(), {"--runtime", "process", "--pod-cidr", range + "0/24", "--pod-dns",
                             range + "1", "-f", kEtcdExample});
  std::vector<std::string> members;
  ASSERT_TRUE(wait_until([&] { return !(members = etcd_addresses(server)).empty(); }, 60s))
      << server.ordinal({"get", "pods", "-o", "wide"}).out << server.ordinal({"logs", "etcd-0"}).out
      << server.errors();
  for (const auto& address : members) EXPECT_EQ(address.rfind(range, 0), 0u) << address;
  EXPECT_EQ(std::count(members.begin(), members.end(), range + "1"), 0);  // the pods' nameserver

  // One cluster of three, formed from the SRV records ordinal served.
  auto list = etcdctl(members, "member list");
  ASSERT_TRUE(list);
  EXPECT_EQ(std::count(list->begin(), list->end(), '\n'), 3) << *list;
  for (const std::string name : {"etcd-0", "etcd-1", "etcd-2"})
    EXPECT_NE(list->find(", " + name + ", http://" + name + ".etcd.default.svc.cluster.local:2380"),
              std::string::npos)
        << *list;
  for (const std::string key : {"alpha", "beta", "gamma"})
    ASSERT_TRUE(etcdctl(members, "put " + key + " value-of-" + key));
  EXPECT_NE(server.ordinal({"logs", "pod/etcd-0"}).out.find("etcd"), std::string::npos);

  // A member fails: the controller replaces it under the same name, with the same volume, and
  // it rejoins as the member it was.
  const Json failed = get_object(server, "pod", "etcd-1", "default");
  const std::string volume = volume_of(server, "data-etcd-1");
  ASSERT_EQ(server.ordinal({"sim", "fail", "pod/etcd-1"}).exit_code, 0);
  ASSERT_TRUE(wait_until(
      [&] {
        const Json pod = get_object(server, "pod", "etcd-1", "default");
        return !pod.is_null() && pod["metadata"]["uid"] != failed["metadata"]["uid"] &&
               !(members = etcd_addresses(server)).empty();
      },
      60s))
      << server.ordinal({"get", "pods", "-o", "wide"}).out << server.errors();
  EXPECT_EQ(volume_of(server, "data-etcd-1"), volume);
  list = etcdctl({members[1]}, "member list");
  ASSERT_TRUE(list);
  EXPECT_EQ(std::count(list->begin(), list->end(), '\n'), 3) << *list;
  auto read = etcdctl({members[1]}, "get alpha --print-value-only");
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, "value-of-alpha\n");

  // Scale to zero and back: the claims keep the data.
  ASSERT_EQ(server.ordinal({"scale", "statefulset/etcd", "--replicas=0"}).exit_code, 0);
  ASSERT_TRUE(wait_until([&] { return list_objects(server, "pods", "default").empty(); }, 30s));
  ASSERT_EQ(server.ordinal({"scale", "statefulset/etcd", "--replicas=3"}).exit_code, 0);
  ASSERT_TRUE(wait_until([&] { return !(members = etcd_addresses(server)).empty(); }, 60s))
      << server.ordinal({"get", "pods", "-o", "wide"}).out << server.errors();
  for (const std::string key : {"alpha", "beta", "gamma"}) {
    read = etcdctl(members, "get " + key + " --print-value-only");
    ASSERT_TRUE(read);
    EXPECT_EQ(*read, "value-of-" + key + "\n");
  }
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace ordinal::testing
