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
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

const std::string kExample = std::string(ORDINAL_SOURCE_DIR) + "/examples/nginx.yaml";
const std::string kNginx = "nginx.test.svc.cluster.local.";

struct Rr {
  std::string owner, ttl, type, rdata;
};

struct DigReply {
  std::string status;  ///< NOERROR, NXDOMAIN, ...
  std::vector<Rr> answer, authority;
};

Rr parse_rr(const std::string& line) {
  std::istringstream in(line);
  Rr rr;
  std::string cls;
  in >> rr.owner >> rr.ttl >> cls >> rr.type;
  std::getline(in >> std::ws, rr.rdata);
  return rr;
}

/// One dig query over UDP with the answer and authority sections.
DigReply ask(const Server& server, const std::string& args) {
  const std::string command = "dig +time=2 +tries=1 +nocmd +nostats +noquestion -p " +
                              server.dns_port() + " @127.0.0.1 " + args + " 2>&1";
  DigReply reply;
  std::vector<Rr>* section = nullptr;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[1024];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) {
      std::string line(buf);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      if (const auto at = line.find("status: "); at != std::string::npos)
        reply.status = line.substr(at + 8, line.find(',', at) - at - 8);
      if (line.rfind(";; ANSWER SECTION", 0) == 0) section = &reply.answer;
      if (line.rfind(";; AUTHORITY SECTION", 0) == 0) section = &reply.authority;
      if (line.rfind(";; ADDITIONAL SECTION", 0) == 0) section = nullptr;
      if (line.empty() || line[0] == ';') continue;
      if (section != nullptr) section->push_back(parse_rr(line));
    }
    ::pclose(pipe);
  }
  return reply;
}

bool mentions(const std::vector<Rr>& records, const std::string& text) {
  return std::any_of(records.begin(), records.end(), [&](const Rr& rr) {
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
    // Containers that take a second to stop, so that deleted pods stay terminating a while.
    std::ifstream in(kExample);
    std::string example((std::istreambuf_iterator<char>(in)), {});
    const std::string anchor = "  template:\n    metadata:\n";
    example.insert(example.find(anchor) + anchor.size(),
                   "      annotations:\n        sim.ordinal.dev/stop-after: 1s\n");
    const auto path = dir_.path() / "nginx.yaml";
    std::ofstream(path) << example;
    ASSERT_EQ(server_.ordinal({"apply", "-f", path.string(), "-n", "test"}).exit_code, 0);
    ASSERT_TRUE(wait_until([&] {
      return ready_pods(server_, "test", "web-") ==
             std::vector<std::string>{"web-0", "web-1", "web-2"};
    }));
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
