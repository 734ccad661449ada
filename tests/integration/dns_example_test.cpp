// Cluster DNS for the users' example on the real server, asked with dig (issue "Done when" of
// the DNS work; dns.md): SRV with addresses in the additional section, pod A and PTR, named-port
// SRV, NXDOMAIN and NODATA with the SOA, and pods leaving the answers as they are deleted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

#include "integration/cluster.hpp"
#include "integration/dig_reply.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

bool has_record(const std::vector<DigRecord>& records, const std::string& name,
                const std::string& type, const std::string& rdata_part = "") {
  return std::any_of(records.begin(), records.end(), [&](const DigRecord& record) {
    return record.owner == name && record.type == type &&
           record.rdata.find(rdata_part) != std::string::npos;
  });
}

class DnsExample : public ::testing::Test {
 protected:
  TempDir dir_;
  Server server_{dir_.path() / "data", {"--sim-ready-after", "200ms"}};

  void SetUp() override { ASSERT_TRUE(apply_slow_stopping_example(server_, dir_.path())); }
  std::string pod_ip(const std::string& name) {
    return get_object(server_, "pod", name, "test")["status"].value("podIP", "");
  }
};

TEST_F(DnsExample, SrvListsTheMembersWithTheirAddresses) {
  for (const bool tcp : {false, true}) {
    const auto reply = ask(server_, "SRV nginx.test.svc.cluster.local", tcp);
    EXPECT_EQ(reply.status, "NOERROR");
    ASSERT_EQ(reply.answer.size(), 3u) << (tcp ? "tcp" : "udp");
    for (const std::string pod : {"web-0", "web-1", "web-2"}) {
      const std::string target = pod + ".nginx.test.svc.cluster.local.";
      EXPECT_TRUE(has_record(reply.answer, "nginx.test.svc.cluster.local.", "SRV", " 80 " + target))
          << pod;
      EXPECT_TRUE(has_record(reply.additional, target, "A", pod_ip(pod))) << pod;
    }
  }
}

TEST_F(DnsExample, PodNameAddressReverseAndNamedPort) {
  const std::string ip = pod_ip("web-0");
  ASSERT_FALSE(ip.empty());
  const auto a = ask(server_, "A web-0.nginx.test.svc.cluster.local");
  EXPECT_TRUE(has_record(a.answer, "web-0.nginx.test.svc.cluster.local.", "A", ip));
  const auto ptr = ask(server_, "-x " + ip);
  EXPECT_EQ(ptr.status, "NOERROR");
  ASSERT_EQ(ptr.answer.size(), 1u);
  EXPECT_NE(ptr.answer[0].line.find("PTR\tweb-0.nginx.test.svc.cluster.local."), std::string::npos)
      << ptr.answer[0].line;
  const auto named = ask(server_, "SRV _web._tcp.nginx.test.svc.cluster.local");
  EXPECT_EQ(named.answer.size(), 3u);
  EXPECT_TRUE(has_record(named.answer, "_web._tcp.nginx.test.svc.cluster.local.", "SRV",
                         " 80 web-1.nginx.test.svc.cluster.local."));
}

TEST_F(DnsExample, NxdomainAndNodataCarryTheSoa) {
  const auto missing = ask(server_, "A web-9.nginx.test.svc.cluster.local");
  EXPECT_EQ(missing.status, "NXDOMAIN");
  EXPECT_TRUE(missing.answer.empty());
  EXPECT_TRUE(has_record(missing.authority, "cluster.local.", "SOA"));
  const auto nodata = ask(server_, "AAAA web-0.nginx.test.svc.cluster.local");
  EXPECT_EQ(nodata.status, "NOERROR");
  EXPECT_TRUE(nodata.answer.empty());
  EXPECT_TRUE(has_record(nodata.authority, "cluster.local.", "SOA"));
}

// A pod whose deletion has started leaves every answer. The path is pod -> EndpointSlice
// controller -> zone, so the test allows that hop 200 ms: whenever the state read before a
// query shows a pod terminating or gone, a query made 200 ms later must not name it.
TEST_F(DnsExample, ScaledDownPodsLeaveTheAnswers) {
  ASSERT_EQ(server_.ordinal({"scale", "statefulset/web", "--replicas=1", "-n", "test"}).exit_code,
            0);
  bool saw_terminating = false;
  for (int round = 0; round < 100; ++round) {
    std::set<std::string> leaving;
    std::size_t live = 0;
    const auto pods = list_objects(server_, "pods", "test");
    for (const std::string name : {"web-1", "web-2"}) {
      const auto it = std::find_if(pods.begin(), pods.end(),
                                   [&](const Json& pod) { return name_of(pod) == name; });
      if (it == pods.end() || is_terminating(*it)) leaving.insert(name);
    }
    for (const auto& pod : pods) live += is_terminating(pod) ? 0U : 1U;
    saw_terminating = saw_terminating || live < pods.size();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto srv = ask(server_, "SRV nginx.test.svc.cluster.local");
    for (const auto& name : leaving) {
      EXPECT_FALSE(has_record(srv.answer, "nginx.test.svc.cluster.local.", "SRV",
                              name + ".nginx.test.svc.cluster.local."))
          << name << " is still answered after its deletion started";
      const auto a = ask(server_, "A " + name + ".nginx.test.svc.cluster.local");
      EXPECT_TRUE(a.answer.empty()) << name;
    }
    if (live == 1 && pods.size() == 1) {
      EXPECT_EQ(srv.answer.size(), 1u);
      EXPECT_TRUE(saw_terminating) << "no terminating pod was ever asked about";
      return;
    }
  }
  FAIL() << "the set did not scale down to one pod";
}

}  // namespace
}  // namespace ordinal::testing
