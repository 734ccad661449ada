// Issue 5: the real kubectl works against `ordinal serve` "with none at all when the API listens
// on 127.0.0.1:8080, kubectl's own default" — no --server, no kubeconfig. The users' example
// with kubectl alone, as the README tells a newcomer: apply, get pods, scale, get pvc.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "integration/cluster.hpp"
#include "integration/kubectl_path.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

// Whether nothing listens on 127.0.0.1:8080 (a `make run` may hold it).
bool port_8080_free() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(8080);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool free = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return free;
}

// `kubectl ARGS` with an empty HOME and KUBECONFIG, so kubectl falls back to its default server.
CommandResult plain_kubectl(const std::string& kubectl, const std::filesystem::path& dir,
                            const std::string& args) {
  std::ofstream(dir / "kubeconfig") << "";
  std::filesystem::create_directories(dir / "home");
  const std::string command = "HOME=" + (dir / "home").string() +
                              " KUBECONFIG=" + (dir / "kubeconfig").string() + " timeout 60 " +
                              kubectl + " " + args + " 2>&1";
  CommandResult result;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) result.out += buf;
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  return result;
}

TEST(KubectlDefaultServer, TheUsersExampleWithKubectlAlone) {
  const std::string kubectl = kubectl_path();
  if (kubectl.empty()) GTEST_SKIP() << "kubectl is not installed: this test needs it";
  if (!port_8080_free()) GTEST_SKIP() << "127.0.0.1:8080 is in use, so kubectl's default is taken";
  TempDir dir;
  Server server(dir.path() / "data",
                {"--api-listen", "127.0.0.1:8080", "--sim-ready-after", "200ms"});
  const std::string example = std::string(ORDINAL_SOURCE_DIR) + "/examples/nginx.yaml";

  const auto applied = plain_kubectl(kubectl, dir.path(), "apply -f " + example + " -n test");
  ASSERT_EQ(applied.exit_code, 0) << applied.out;
  EXPECT_NE(applied.out.find("statefulset.apps/web created"), std::string::npos) << applied.out;
  ASSERT_TRUE(wait_until([&] {
    return ready_pods(server, "test", "web-") ==
           std::vector<std::string>{"web-0", "web-1", "web-2"};
  }));
  const auto pods = plain_kubectl(kubectl, dir.path(), "get pods -n test");
  ASSERT_EQ(pods.exit_code, 0) << pods.out;
  EXPECT_NE(pods.out.find("web-2   1/1     Running"), std::string::npos) << pods.out;

  const auto scaled =
      plain_kubectl(kubectl, dir.path(), "scale statefulset/web --replicas=1 -n test");
  ASSERT_EQ(scaled.exit_code, 0) << scaled.out;
  ASSERT_TRUE(wait_until([&] { return list_objects(server, "pods", "test").size() == 1; }));
  // The example has no claim templates: kubectl lists none, as it would on a real cluster.
  const auto claims = plain_kubectl(kubectl, dir.path(), "get pvc -n test");
  ASSERT_EQ(claims.exit_code, 0) << claims.out;
  EXPECT_NE(claims.out.find("No resources found in test namespace."), std::string::npos)
      << claims.out;
}

}  // namespace
}  // namespace ordinal::testing
