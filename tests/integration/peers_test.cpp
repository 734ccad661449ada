// `ordinal peers` against the real server's DNS (dns.md §2.3, §2.5, §6.2): the bootstrap barrier
// started before the pods exist returns once the third member has an address; with two of three
// members it times out naming the missing one; and the etcd, json and named-port forms.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include "integration/cluster.hpp"
#include "integration/peer_set_manifest.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class Peers : public ::testing::Test {
 protected:
  TempDir dir_;
  Server server_{dir_.path() / "data", {"--sim-ready-after", "500ms"}};

  void apply(int replicas) {
    const auto path = dir_.path() / "nginx.yaml";
    std::ofstream(path) << peer_set_manifest(replicas);
    ASSERT_EQ(server_.ordinal({"apply", "-f", path.string(), "-n", "test"}).exit_code, 0);
  }
  std::string pod_ip(const std::string& name) {
    const auto pod = get_object(server_, "pod", name, "test");
    return pod.is_object() ? pod["status"].value("podIP", "") : "";
  }
  std::vector<std::string> peers_args(std::vector<std::string> extra) {
    std::vector<std::string> args = {"peers", "nginx.test", "--dns",
                                     "127.0.0.1:" + server_.dns_port()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  // Waits until `count` members answer SRV with addresses in the additional section.
  void wait_for_members(std::size_t count) {
    ASSERT_TRUE(wait_until(
        [&] { return dig(server_, "SRV", "nginx.test.svc.cluster.local").size() == count; }));
  }
};

TEST_F(Peers, WaitStartedBeforeThePodsReturnsOnceTheThirdHasAnAddress) {
  auto waiting = std::async(std::launch::async, [&] {
    return run_ordinal(peers_args({"--wait", "--min", "3", "--timeout", "25s"}));
  });
  std::this_thread::sleep_for(300ms);  // it asks (NXDOMAIN) before anything exists
  ASSERT_EQ(waiting.wait_for(0s), std::future_status::timeout);
  apply(3);
  Clock::time_point third_address{};
  ASSERT_TRUE(wait_until([&] {
    if (pod_ip("web-2").empty()) return false;
    third_address = Clock::now();
    return true;
  }));
  ASSERT_EQ(waiting.wait_for(20s), std::future_status::ready);
  const auto returned = Clock::now();
  const CommandResult result = waiting.get();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "web-0.nginx.test.svc.cluster.local:80\n"
            "web-1.nginx.test.svc.cluster.local:80\n"
            "web-2.nginx.test.svc.cluster.local:80\n");
  // The backoff is capped at 2 s, so the barrier notices within one interval and a query.
  EXPECT_LT(returned - third_address, 3s);
}

TEST_F(Peers, TimeoutWithTwoOfThreeNamesTheMissingMember) {
  apply(2);
  wait_for_members(2);
  const auto started = Clock::now();
  const auto result = run_ordinal(peers_args({"--wait", "--min", "3", "--timeout", "2s"}));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_GE(Clock::now() - started, 2s);
  EXPECT_NE(result.err.find("2 of 3 resolve"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("missing: web-2.nginx.test.svc.cluster.local"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(Peers, TimeoutWithNothingFoundSaysSo) {
  const auto result = run_ordinal(peers_args({"--wait", "--min", "2", "--timeout", "1s"}));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("0 of 2 resolve; no member was found (last answer: NXDOMAIN)"),
            std::string::npos)
      << result.err;
}

TEST_F(Peers, EtcdFormatFromTheNamedPeerPort) {
  apply(3);
  wait_for_members(6);  // the bare name lists both ports of each member
  const auto etcd =
      run_ordinal(peers_args({"--port-name", "peer", "--format", "etcd", "--scheme", "https"}));
  EXPECT_EQ(etcd.exit_code, 0) << etcd.err;
  EXPECT_EQ(etcd.out,
            "--initial-cluster=web-0=https://web-0.nginx.test.svc.cluster.local:2380,"
            "web-1=https://web-1.nginx.test.svc.cluster.local:2380,"
            "web-2=https://web-2.nginx.test.svc.cluster.local:2380\n");
  // The bare name gives the lowest port; --port overrides it.
  const auto overridden = run_ordinal(peers_args({"--format", "etcd", "--port", "2381"}));
  EXPECT_NE(overridden.out.find("web-1=http://web-1.nginx.test.svc.cluster.local:2381,"),
            std::string::npos)
      << overridden.out << overridden.err;
}

TEST_F(Peers, JsonCarriesThePodAddresses) {
  apply(3);
  wait_for_members(6);
  const auto result = run_ordinal(peers_args({"--format", "json", "--port-name", "web"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto members = Json::parse(result.out);
  ASSERT_EQ(members.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string pod = "web-" + std::to_string(i);
    EXPECT_EQ(members[i]["name"], pod);
    EXPECT_EQ(members[i]["ordinal"], i);
    EXPECT_EQ(members[i]["port"], 80);
    EXPECT_EQ(members[i]["addresses"], Json::array({pod_ip(pod)}));
  }
}

TEST_F(Peers, UnknownServiceWithoutWaitFailsAtOnce) {
  const auto result =
      run_ordinal({"peers", "nope", "-n", "test", "--dns", "127.0.0.1:" + server_.dns_port()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("SRV nope.test.svc.cluster.local answered NXDOMAIN"), std::string::npos)
      << result.err;
}

// --expect-replicas reads the member count from the Service's TXT `replicas=R` (issue 6 item 3).
TEST_F(Peers, ExpectReplicasWaitsForThePublishedCount) {
  apply(2);
  ASSERT_TRUE(wait_until([&] {
    const auto txt = dig(server_, "TXT", "nginx.test.svc.cluster.local");
    return std::any_of(txt.begin(), txt.end(), [](const std::string& line) {
      return line.find("replicas=2") != std::string::npos;
    });
  }));
  const auto result = run_ordinal(peers_args({"--expect-replicas", "--timeout", "20s"}));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "web-0.nginx.test.svc.cluster.local:80\nweb-1.nginx.test.svc.cluster.local:80\n");
}

// A server that publishes no count (--no-peer-records) gets a clear error at once, not a wait.
TEST(PeersWithoutPeerRecords, ExpectReplicasSaysThereIsNoCount) {
  TempDir dir;
  Server server(dir.path() / "data", {"--sim-ready-after", "100ms", "--no-peer-records"});
  const auto path = dir.path() / "nginx.yaml";
  std::ofstream(path) << peer_set_manifest(1);
  ASSERT_EQ(server.ordinal({"apply", "-f", path.string(), "-n", "test"}).exit_code, 0);
  ASSERT_TRUE(
      wait_until([&] { return dig(server, "SRV", "nginx.test.svc.cluster.local").size() == 2; }));
  const auto result = run_ordinal({"peers", "nginx.test", "--dns", "127.0.0.1:" + server.dns_port(),
                                   "--expect-replicas", "--timeout", "20s"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("publishes no replica count for nginx.test.svc.cluster.local"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace ordinal::testing
