// DNS answers follow the registry at once (issue 4 item 3: "a pod that becomes Ready (or is
// deleted) is in (or out of) the answers of the next query after the write is acknowledged";
// done when "after `scale statefulset/web --replicas=1`, each pod leaves every answer on the
// first query after its deletion starts"), and the peer-discovery extensions of issue 6 item 3
// as dig sees them, on the real server with the users' example.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "integration/cluster.hpp"
#include "integration/dig_reply.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

const std::string kNginx = "nginx.test.svc.cluster.local.";

bool mentions(const std::vector<DigRecord>& records, const std::string& text) {
  return std::any_of(records.begin(), records.end(), [&](const DigRecord& rr) {
    return rr.owner.find(text) != std::string::npos || rr.rdata.find(text) != std::string::npos;
  });
}

/// Every answer that could name `pod` (address `ip`) leaves it out: SRV (bare and named
/// port), the Service's A set, the pod's own name, and the PTR of its address.
void expect_absent(const Server& server, const std::string& pod, const std::string& ip,
                   const std::string& when) {
  const std::string fqdn = pod + "." + kNginx;
  for (const std::string& query : {"SRV " + kNginx, "SRV _web._tcp." + kNginx}) {
    const DigReply srv = ask(server, query);
    EXPECT_FALSE(mentions(srv.answer, fqdn)) << query << " names " << pod << " " << when;
  }
  const DigReply service = ask(server, "A " + kNginx);
  EXPECT_FALSE(mentions(service.answer, ip)) << "A " << kNginx << " has " << ip << " " << when;
  const DigReply own = ask(server, "A " + fqdn);
  EXPECT_EQ(own.status, "NXDOMAIN") << fqdn << " " << when;
  const DigReply ptr = ask(server, "-x " + ip);
  EXPECT_FALSE(mentions(ptr.answer, fqdn)) << "PTR " << ip << " " << when;
}

void expect_present(const Server& server, const std::string& pod, const std::string& ip) {
  const std::string fqdn = pod + "." + kNginx;
  EXPECT_TRUE(mentions(ask(server, "SRV " + kNginx).answer, fqdn)) << pod;
  EXPECT_TRUE(mentions(ask(server, "A " + kNginx).answer, ip)) << pod;
  EXPECT_TRUE(mentions(ask(server, "A " + fqdn).answer, ip)) << pod;
  EXPECT_TRUE(mentions(ask(server, "-x " + ip).answer, fqdn)) << pod;
}

class DnsFollowsWrites : public ::testing::Test {
 protected:
  TempDir dir_;
  Server server_{dir_.path() / "data", {"--sim-ready-after", "200ms"}};

  void SetUp() override {
    ASSERT_TRUE(apply_slow_stopping_example(server_, dir_.path()));
    // The slice lists all three, so what follows is not the slice controller catching up.
    ASSERT_TRUE(wait_until([&] { return ask(server_, "SRV " + kNginx).answer.size() == 3; }));
  }
  std::string pod_ip(const std::string& name) {
    return get_object(server_, "pod", name, "test")["status"].value("podIP", "");
  }
  void sim_ready(const std::string& pod, bool ready) {
    ASSERT_EQ(
        server_.ordinal({"sim", "ready", "pod/" + pod, ready ? "true" : "false", "-n", "test"})
            .exit_code,
        0);
  }
};

TEST_F(DnsFollowsWrites, ReadinessIsAnsweredOnTheFirstQueryAfterTheAck) {
  const std::string ip = pod_ip("web-1");
  ASSERT_FALSE(ip.empty());
  for (int round = 0; round < 3; ++round) {
    sim_ready("web-1", false);
    expect_absent(server_, "web-1", ip, "after `sim ready pod/web-1 false`");
    sim_ready("web-1", true);
    expect_present(server_, "web-1", ip);
  }
}

TEST_F(DnsFollowsWrites, ScaledDownPodsLeaveEveryAnswerWhenTheirDeletionStarts) {
  // A live API watch: each event is read as it arrives and DNS is asked at once. The shell
  // prints its pid and becomes curl, so the watch can be stopped once both pods are gone; it
  // ends after 30 s whatever happens, so a missing event fails the test instead of hanging it.
  const std::string command = "sh -c 'echo $$; exec timeout 30 curl -sN \"" + server_.api_url() +
                              "/api/v1/namespaces/test/pods?watch=true\"' 2>/dev/null";
  FILE* watch = ::popen(command.c_str(), "r");
  ASSERT_NE(watch, nullptr);
  char pid_line[32] = {};
  ASSERT_NE(std::fgets(pid_line, sizeof pid_line, watch), nullptr);
  const pid_t curl = static_cast<pid_t>(std::atoi(pid_line));
  std::map<std::string, std::string> ips = {{"web-1", pod_ip("web-1")}, {"web-2", pod_ip("web-2")}};
  ASSERT_EQ(server_.ordinal({"scale", "statefulset/web", "--replicas=1", "-n", "test"}).exit_code,
            0);
  std::set<std::string> terminating, deleted;
  std::string line;
  char buf[65536];
  while (deleted.size() < 2 && std::fgets(buf, sizeof buf, watch) != nullptr) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    const Json event = Json::parse(line, nullptr, false);
    line.clear();
    if (!event.is_object() || !event.contains("object")) continue;
    const std::string name = name_of(event["object"]);
    if (ips.count(name) == 0) continue;
    const std::string type = event.value("type", "");
    if (type == "DELETED") {
      if (deleted.insert(name).second) expect_absent(server_, name, ips[name], "once deleted");
    } else if (is_terminating(event["object"]) && terminating.insert(name).second) {
      expect_absent(server_, name, ips[name], "on the event that set its deletionTimestamp");
    }
  }
  ::kill(curl, SIGTERM);
  ::pclose(watch);
  EXPECT_EQ(terminating, (std::set<std::string>{"web-1", "web-2"}));
  EXPECT_EQ(deleted, (std::set<std::string>{"web-1", "web-2"}));
  EXPECT_EQ(ask(server_, "SRV " + kNginx).answer.size(), 1u);
}

/// Issue 6 item 3: TXT on each member and on the governing Service.
TEST_F(DnsFollowsWrites, PeerTxtRecords) {
  const std::string revision =
      get_object(server_, "pod", "web-2", "test")["metadata"]["labels"].value(
          "controller-revision-hash", "");
  ASSERT_FALSE(revision.empty());
  const DigReply member = ask(server_, "TXT web-2." + kNginx);
  ASSERT_EQ(member.answer.size(), 1u);
  EXPECT_EQ(member.answer[0].rdata, "\"ordinal=2 state=ready revision=" + revision + "\"");
  ASSERT_TRUE(wait_until([&] {
    const DigReply service = ask(server_, "TXT " + kNginx);
    return service.answer.size() == 1 && service.answer[0].rdata == "\"replicas=3 ready=3\"";
  }));
  ASSERT_EQ(server_.ordinal({"scale", "statefulset/web", "--replicas=5", "-n", "test"}).exit_code,
            0);
  const DigReply scaled = ask(server_, "TXT " + kNginx);
  ASSERT_EQ(scaled.answer.size(), 1u);
  EXPECT_EQ(scaled.answer[0].rdata.rfind("\"replicas=5 ready=", 0), 0u) << scaled.answer[0].rdata;
}

/// Issue 6 item 3: a declared member without a ready address is NXDOMAIN with a SOA of TTL and
/// MINIMUM 0; a name outside the declared range keeps the configured SOA (dns.md §5).
TEST_F(DnsFollowsWrites, MembersNotAnswerableYetAreNotCachedAsAbsent) {
  sim_ready("web-1", false);
  const DigReply pending = ask(server_, "A web-1." + kNginx);
  EXPECT_EQ(pending.status, "NXDOMAIN");
  ASSERT_EQ(pending.authority.size(), 1u);
  EXPECT_EQ(pending.authority[0].owner, "cluster.local.");
  EXPECT_EQ(pending.authority[0].type, "SOA");
  EXPECT_EQ(pending.authority[0].ttl, "0");
  EXPECT_EQ(pending.authority[0].rdata.substr(pending.authority[0].rdata.rfind(' ') + 1), "0");
  const DigReply outside = ask(server_, "A web-9." + kNginx);
  EXPECT_EQ(outside.status, "NXDOMAIN");
  ASSERT_EQ(outside.authority.size(), 1u);
  EXPECT_EQ(outside.authority[0].ttl, "5");
  EXPECT_EQ(outside.authority[0].rdata.substr(outside.authority[0].rdata.rfind(' ') + 1), "5");
}

}  // namespace
}  // namespace ordinal::testing
