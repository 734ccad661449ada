// One pod's containers as real local processes (without namespaces, so it runs as any user):
// logs per run, restarts with back-off, readiness probes, SIGTERM then SIGKILL.
#include "controller/process_pod.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "controller/process_pod_files.hpp"

namespace ordinal::controller {
namespace {

using namespace std::chrono_literals;
using State = ContainerSnapshot::State;

class ProcessPodTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "process-pod-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  PodLaunch launch(const std::string& script, const std::string& policy = "Always") {
    PodLaunch pod;
    pod.ns = "test";
    pod.name = "p-0";
    pod.uid = "uid-1";
    pod.pod_ip = "127.0.0.1";
    pod.restart_policy = policy;
    pod.log_root = root_;
    pod.backoff_base = 200ms;
    ContainerLaunch c;
    c.container.name = "main";
    c.spec.argv = {"/bin/sh", "-c", script};
    c.spec.env = {"PATH=/usr/bin:/bin", "GREETING=hello"};
    pod.containers.push_back(std::move(c));
    return pod;
  }

  std::string log(int run) const {
    std::ifstream in(container_log_path(root_, "test", "p-0", "uid-1", "main", run));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  static bool eventually(const std::function<bool()>& condition, std::chrono::seconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (condition()) return true;
      std::this_thread::sleep_for(20ms);
    }
    return condition();
  }

  std::filesystem::path root_;
};

TEST_F(ProcessPodTest, RunsTheCommandAndKeepsItsOutput) {
  ProcessPod pod(launch("echo $GREETING from $0; exec sleep 30"));
  pod.start();
  ASSERT_TRUE(eventually([&] { return pod.snapshot()[0].state == State::Running; }));
  EXPECT_TRUE(pod.snapshot()[0].ready);  // no probe: ready while running
  ASSERT_TRUE(eventually([&] { return log(0) == "hello from /bin/sh\n"; })) << log(0);
}

TEST_F(ProcessPodTest, CrashingContainerBacksOffAndRestarts) {
  ProcessPod pod(launch("echo run; exit 3"));
  pod.start();
  ASSERT_TRUE(eventually([&] { return pod.snapshot()[0].reason == "CrashLoopBackOff"; }));
  const ContainerSnapshot first = pod.snapshot()[0];
  ASSERT_TRUE(first.last.has_value());
  EXPECT_EQ(first.last->exit_code, 3);
  EXPECT_EQ(first.last->reason, "Error");
  ASSERT_TRUE(
      eventually([&] { return pod.snapshot()[0].restart_count >= 1 && log(1) == "run\n"; }));
  EXPECT_EQ(log(0), "run\n");  // each run has its own log, as `logs --previous` reads them
}

TEST_F(ProcessPodTest, CrashLoopKeepsOnlyTheCurrentAndPreviousLogs) {
  ProcessPod pod(launch("echo run; exit 3"));
  pod.start();
  const auto logs = root_ / "test_p-0_uid-1" / "main";
  const auto count_logs = [&] {
    std::error_code ec;
    return std::distance(std::filesystem::directory_iterator(logs, ec),
                         std::filesystem::directory_iterator());
  };
  // A crash loop would otherwise leave one file per run until the disk is full.
  ASSERT_TRUE(eventually([&] {
    EXPECT_LE(count_logs(), 2);
    return log(3) == "run\n";
  }));
  EXPECT_FALSE(std::filesystem::exists(logs / "0.log"));
  EXPECT_FALSE(std::filesystem::exists(logs / "1.log"));
  EXPECT_EQ(log(2), "run\n");  // what `logs --previous` reads
}

TEST_F(ProcessPodTest, NeverRestartedContainerTerminates) {
  ProcessPod pod(launch("exit 0", "Never"));
  pod.start();
  ASSERT_TRUE(eventually([&] { return pod.snapshot()[0].state == State::Terminated; }));
  EXPECT_EQ(pod.snapshot()[0].terminated->reason, "Completed");
  EXPECT_EQ(pod.snapshot()[0].restart_count, 0);
}

TEST_F(ProcessPodTest, MissingExecutableIsAStartError) {
  PodLaunch spec = launch("");
  spec.containers[0].spec.argv = {"no-such-program-here"};
  ProcessPod pod(spec);
  pod.start();
  ASSERT_TRUE(eventually([&] { return pod.snapshot()[0].reason == "RunContainerError"; }));
  EXPECT_NE(pod.snapshot()[0].message.find("executable file not found"), std::string::npos);
}

TEST_F(ProcessPodTest, ConfigErrorIsReportedAndNothingStarts) {
  PodLaunch spec = launch("");
  spec.containers[0].error = "container main has no command";
  ProcessPod pod(spec);
  pod.start();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(pod.snapshot()[0].reason, "CreateContainerConfigError");
  EXPECT_EQ(pod.snapshot()[0].message, "container main has no command");
}

TEST_F(ProcessPodTest, StopSendsTermThenKillAtTheDeadline) {
  // The container ignores SIGTERM: only SIGKILL at the deadline ends it.
  ProcessPod pod(launch("trap '' TERM; echo up; while :; do sleep 0.05; done"));
  pod.start();
  ASSERT_TRUE(eventually([&] { return log(0) == "up\n"; }));
  const auto asked = std::chrono::steady_clock::now();
  pod.stop(std::chrono::system_clock::now() + 700ms);
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(pod.stopped());  // SIGTERM alone did not end it
  ASSERT_TRUE(eventually([&] { return pod.stopped(); }));
  EXPECT_GE(std::chrono::steady_clock::now() - asked, 650ms);
  EXPECT_EQ(pod.snapshot()[0].terminated->exit_code, 128 + 9);
}

TEST_F(ProcessPodTest, ExecReadinessProbeDecidesReady) {
  PodLaunch spec = launch("exec sleep 30");
  const std::string flag = (root_ / "ready-flag").string();
  spec.containers[0].container.readiness_probe = identity::Json::parse(
      R"({"exec": {"command": ["test", "-e", ")" + flag + R"("]}, "periodSeconds": 1})");
  ProcessPod pod(spec);
  pod.start();
  ASSERT_TRUE(eventually([&] { return pod.snapshot()[0].state == State::Running; }));
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(pod.snapshot()[0].ready);
  std::ofstream(flag) << "";
  EXPECT_TRUE(eventually([&] { return pod.snapshot()[0].ready; }, 5s));
}

}  // namespace
}  // namespace ordinal::controller
