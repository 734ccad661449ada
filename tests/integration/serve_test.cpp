// `ordinal serve` as users run it: addresses on port 0, ready, start-up manifests, SIGTERM,
// restart on the same data directory, a corrupt store.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "identity/json.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

using identity::Json;

TEST(Serve, PrintsTheBoundAddressesThenReady) {
  TempDir dir;
  Server server(dir.path() / "data");
  ASSERT_EQ(server.lines().size(), 3u);
  EXPECT_EQ(server.lines()[0].rfind("dns udp 127.0.0.1:", 0), 0u) << server.lines()[0];
  EXPECT_EQ(server.lines()[1].rfind("dns tcp 127.0.0.1:", 0), 0u) << server.lines()[1];
  EXPECT_NE(server.lines()[0], "dns udp 127.0.0.1:0");
  EXPECT_EQ(server.api_url().rfind("http://127.0.0.1:", 0), 0u) << server.api_url();
  EXPECT_NE(server.api_url(), "http://127.0.0.1:0");
  auto health = server.ordinal({"get", "ns"});
  EXPECT_EQ(health.exit_code, 0) << health.err;
}

TEST(Serve, SigtermDrainsAndExitsZero) {
  TempDir dir;
  Server server(dir.path() / "data");
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

// The field after the command name's closing parenthesis, counted from 1 as proc(5) does.
long stat_field(const std::filesystem::path& stat_file, int field) {
  std::ifstream in(stat_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream rest(text.substr(text.rfind(')') + 2));
  std::string value;
  for (int i = 3; i <= field; ++i) rest >> value;
  return std::stol(value);
}

// Reconciling yields to the threads that answer and publish DNS: the controller thread is named
// for operators and runs 15 nice levels below the rest of the server.
TEST(Serve, ControllersRunAtALowerPriorityThanDns) {
  TempDir dir;
  Server server(dir.path() / "data");
  const std::filesystem::path proc = "/proc/" + std::to_string(server.pid());
  constexpr int kNice = 19;  // proc(5): the nice value is field 19 of stat
  const long server_nice = stat_field(proc / "stat", kNice);
  std::vector<long> controllers;
  for (const auto& task : std::filesystem::directory_iterator(proc / "task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    std::getline(comm, name);
    if (name == "controllers") controllers.push_back(stat_field(task.path() / "stat", kNice));
  }
  ASSERT_EQ(controllers.size(), 1u);
  EXPECT_EQ(controllers[0], std::min(server_nice + 15, 19L));
}

TEST(Serve, StartupManifestsAreAppliedBeforeReady) {
  TempDir dir;
  Server server(dir.path() / "data", {"-f", kNginxExample, "-n", "test"});
  auto sts = server.ordinal({"get", "sts", "web", "-n", "test", "-o", "json"});
  ASSERT_EQ(sts.exit_code, 0) << sts.err;
  EXPECT_EQ(Json::parse(sts.out)["spec"]["replicas"], 3);
  auto ingress = server.ordinal({"get", "ingress", "nginx", "-n", "test", "-o", "name"});
  EXPECT_EQ(ingress.out, "ingress.networking.k8s.io/nginx\n") << ingress.err;
}

TEST(Serve, ObjectsSurviveARestart) {
  TempDir dir;
  std::string rv;
  {
    Server server(dir.path() / "data");
    ASSERT_EQ(server.ordinal({"apply", "-f", kNginxExample, "-n", "test"}).exit_code, 0);
    auto svc = server.ordinal({"get", "svc", "nginx", "-n", "test", "-o", "json"});
    rv = Json::parse(svc.out)["metadata"]["resourceVersion"];
    EXPECT_EQ(server.stop(SIGTERM), 0);
  }
  Server again(dir.path() / "data");
  auto svc = again.ordinal({"get", "svc", "nginx", "-n", "test", "-o", "json"});
  ASSERT_EQ(svc.exit_code, 0) << svc.err;
  EXPECT_EQ(Json::parse(svc.out)["metadata"]["resourceVersion"], rv);
}

TEST(Serve, CorruptStoreIsReportedNotReset) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "data");
  {
    std::ofstream garbage(dir.path() / "data" / "ordinal.db", std::ios::binary);
    garbage << std::string(8192, 'x');
  }
  auto result = run_ordinal({"serve", "--data-dir", (dir.path() / "data").string(), "--api-listen",
                             "127.0.0.1:0", "--dns-listen", "127.0.0.1:0"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("ordinal.db"), std::string::npos) << result.err;
  std::ifstream still(dir.path() / "data" / "ordinal.db", std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(still)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, std::string(8192, 'x')) << "the store must not be reset";
}

TEST(Serve, BadFlagsAreClearErrors) {
  auto result = run_ordinal({"serve", "--api-listen", "nonsense"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("--api-listen \"nonsense\""), std::string::npos) << result.err;
}

TEST(Serve, StrictNamespacesRefusesUnknownNamespaces) {
  TempDir dir;
  Server server(dir.path() / "data", {"--strict-namespaces"});
  auto result = server.ordinal({"apply", "-f", kNginxExample, "-n", "nope"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("namespaces \"nope\" not found"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace ordinal::testing
