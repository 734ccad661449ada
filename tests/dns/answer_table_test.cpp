// Answers of the cluster zone, as a table in the style of CoreDNS handler_test.go: qname, qtype
// -> rcode and the expected records in zone-file text. Each row names the dns.md rule it checks
// and runs three ways: through the query pipeline in process, and against the DNS server on
// loopback sockets, asked with ldns's resolver over UDP and over TCP.
#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <tuple>

#include "dns/dns_server.hpp"
#include "dns/ldns.hpp"
#include "dns/query_handler.hpp"
#include "tests/dns/dns_test_util.hpp"
#include "zones/snapshot_holder.hpp"

namespace ordinal::dns {
namespace {

using namespace ordinal::dns::testing;
using identity::Json;

constexpr std::uint32_t kSerial = 1700000000;

std::vector<Json> cluster() {
  Json http = Json::array({{{"name", "http"}, {"protocol", "TCP"}, {"port", 80}}});
  Json http8080 = Json::array({{{"name", "http"}, {"protocol", "TCP"}, {"port", 8080}}});
  auto ep = [](const std::string& ip, const std::string& host, std::optional<bool> ready) {
    Json e = {{"addresses", {ip}}};
    if (!host.empty()) e["hostname"] = host;
    if (ready) e["conditions"] = {{"ready", *ready}};
    return e;
  };
  Json v6 = slice("test", "hdls1-b", "hdls1", http8080,
                  {ep("fd00::5", "web-3", true), ep("fd00::6", "", true)});
  v6["addressType"] = "IPv6";
  return {
      service("test", "svc1", {{"clusterIP", "10.0.0.1"}, {"ports", http}}),
      slice("test", "svc1-abc", "svc1", http, {ep("172.0.0.1", "", true)}),
      service("test", "svcempty", {{"clusterIP", "10.0.0.2"}, {"ports", http}}),
      service("test", "hdls1", {{"clusterIP", "None"}, {"ports", http}}),
      slice("test", "hdls1-a", "hdls1", http8080,
            {ep("172.0.0.2", "web-0", true), ep("172.0.0.3", "web-1", std::nullopt),
             ep("172.0.0.4", "web-2", false), ep("172.0.0.5", "", true)}),
      v6,
      service("test", "hdlsnotready", {{"clusterIP", "None"}}),
      slice("test", "hdlsnotready-a", "hdlsnotready", Json::array(), {ep("172.0.0.7", "", false)}),
      service("test", "hdlspub", {{"clusterIP", "None"}, {"publishNotReadyAddresses", true}}),
      slice("test", "hdlspub-a", "hdlspub", Json::array(), {ep("172.0.0.9", "x-0", false)}),
      service("test", "noports", {{"clusterIP", "None"}}),
      slice("test", "noports-a", "noports", Json::array(), {ep("172.0.0.20", "", true)}),
      service("test", "dual",
              {{"clusterIP", "10.0.0.3"},
               {"clusterIPs", {"10.0.0.3", "fd00::3"}},
               {"ports",
                {{{"name", "dns"}, {"protocol", "UDP"}, {"port", 53}},
                 {{"name", "dns-tcp"}, {"protocol", "TCP"}, {"port", 53}}}}}),
      service("test", "ext", {{"type", "ExternalName"}, {"externalName", "example.net"}}),
      service("test", "extin",
              {{"type", "ExternalName"}, {"externalName", "svc1.test.svc.cluster.local"}}),
      service("test", "extip", {{"type", "ExternalName"}, {"externalName", "1.2.3.4"}}),
      service("other", "other-svc", {{"clusterIP", "None"}}),
      slice("other", "other-svc-a", "other-svc", Json::array(), {ep("172.0.0.2", "", true)}),
      pod("test", "web-0", "172.0.0.2"),
      pod("test", "gone", "172.0.0.30", true),
  };
}

struct Case {
  const char* rule;
  std::string qname;
  std::uint16_t qtype;
  int rcode;
  std::vector<std::string> answer;
  std::vector<std::string> additional = {};
  std::string soa_zone = "cluster.local.";  ///< owner of the SOA expected in negative answers
};

constexpr std::uint16_t A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, MX = 15, TXT = 16, AAAA = 28,
                        SRV = 33, HTTPS = 65, ANY = 255;
constexpr int kNoError = 0, kNxDomain = 3;
const std::string Z = ".cluster.local.";

std::vector<Case> cases() {
  const std::string t = ".test.svc" + Z;
  return {
      {"6.1.1 ClusterIP A", "svc1" + t, A, kNoError, {"svc1" + t + " 5 IN A 10.0.0.1"}},
      {"6.1.1 ClusterIP family it lacks: NODATA", "svc1" + t, AAAA, kNoError, {}},
      {"3.3 svcempty: ClusterIP without endpoints answers",
       "svcempty" + t,
       A,
       kNoError,
       {"svcempty" + t + " 5 IN A 10.0.0.2"}},
      {"6.2.1 named-port SRV, ClusterIP, with glue",
       "_http._tcp.svc1" + t,
       SRV,
       kNoError,
       {"_http._tcp.svc1" + t + " 5 IN SRV 0 100 80 svc1" + t},
       {"svc1" + t + " 5 IN A 10.0.0.1"}},
      {"6.2.1 bare SRV, ClusterIP",
       "svc1" + t,
       SRV,
       kNoError,
       {"svc1" + t + " 5 IN SRV 0 100 80 svc1" + t},
       {"svc1" + t + " 5 IN A 10.0.0.1"}},
      {"6.1.2 [CDNS] endpoint name under ClusterIP",
       "172-0-0-1.svc1" + t,
       A,
       kNoError,
       {"172-0-0-1.svc1" + t + " 5 IN A 172.0.0.1"}},
      {"6.1.1 headless A: ready addresses; absent ready = ready (2.3)",
       "hdls1" + t,
       A,
       kNoError,
       {"hdls1" + t + " 5 IN A 172.0.0.2", "hdls1" + t + " 5 IN A 172.0.0.3",
        "hdls1" + t + " 5 IN A 172.0.0.5"}},
      {"6.1.1 headless AAAA across slices",
       "hdls1" + t,
       AAAA,
       kNoError,
       {"hdls1" + t + " 5 IN AAAA fd00::5", "hdls1" + t + " 5 IN AAAA fd00::6"}},
      {"6.1.2 hostname endpoint",
       "web-0.hdls1" + t,
       A,
       kNoError,
       {"web-0.hdls1" + t + " 5 IN A 172.0.0.2"}},
      {"2.3 not-ready endpoint is invisible", "web-2.hdls1" + t, A, kNxDomain, {}},
      {"2.4 rule 3 dashed IPv4 endpoint name",
       "172-0-0-5.hdls1" + t,
       A,
       kNoError,
       {"172-0-0-5.hdls1" + t + " 5 IN A 172.0.0.5"}},
      {"2.4 rule 3 dashed IPv6 endpoint name",
       "fd00--6.hdls1" + t,
       AAAA,
       kNoError,
       {"fd00--6.hdls1" + t + " 5 IN AAAA fd00::6"}},
      {"6.2.2 headless SRV: weight 100/5, targetPort, glue",
       "_http._tcp.hdls1" + t,
       SRV,
       kNoError,
       {"_http._tcp.hdls1" + t + " 5 IN SRV 0 20 8080 web-0.hdls1" + t,
        "_http._tcp.hdls1" + t + " 5 IN SRV 0 20 8080 web-1.hdls1" + t,
        "_http._tcp.hdls1" + t + " 5 IN SRV 0 20 8080 172-0-0-5.hdls1" + t,
        "_http._tcp.hdls1" + t + " 5 IN SRV 0 20 8080 web-3.hdls1" + t,
        "_http._tcp.hdls1" + t + " 5 IN SRV 0 20 8080 fd00--6.hdls1" + t},
       {"web-0.hdls1" + t + " 5 IN A 172.0.0.2", "web-1.hdls1" + t + " 5 IN A 172.0.0.3",
        "172-0-0-5.hdls1" + t + " 5 IN A 172.0.0.5", "web-3.hdls1" + t + " 5 IN AAAA fd00::5",
        "fd00--6.hdls1" + t + " 5 IN AAAA fd00::6"}},
      {"6.2.1 bare SRV headless",
       "hdls1" + t,
       SRV,
       kNoError,
       {"hdls1" + t + " 5 IN SRV 0 20 8080 web-0.hdls1" + t,
        "hdls1" + t + " 5 IN SRV 0 20 8080 web-1.hdls1" + t,
        "hdls1" + t + " 5 IN SRV 0 20 8080 172-0-0-5.hdls1" + t,
        "hdls1" + t + " 5 IN SRV 0 20 8080 web-3.hdls1" + t,
        "hdls1" + t + " 5 IN SRV 0 20 8080 fd00--6.hdls1" + t}},
      {"6.2.1 wrong protocol: NXDOMAIN", "_http._udp.hdls1" + t, SRV, kNxDomain, {}},
      {"6.2.1 unknown port name: NXDOMAIN", "_nope._tcp.hdls1" + t, SRV, kNxDomain, {}},
      {"D1 _<proto> empty non-terminal: NODATA", "_tcp.hdls1" + t, SRV, kNoError, {}},
      {"D5 A at _<port>._<proto>: NODATA", "_http._tcp.hdls1" + t, A, kNoError, {}},
      {"D8 port/proto without underscores: NXDOMAIN", "http.tcp.hdls1" + t, SRV, kNxDomain, {}},
      {"6.1.1 headless without ready endpoints: NXDOMAIN", "hdlsnotready" + t, A, kNxDomain, {}},
      {"6.1.1 headless without ready endpoints, any type: NXDOMAIN",
       "hdlsnotready" + t,
       SRV,
       kNxDomain,
       {}},
      {"2.3 publishNotReadyAddresses",
       "hdlspub" + t,
       A,
       kNoError,
       {"hdlspub" + t + " 5 IN A 172.0.0.9"}},
      {"6.2.2 slice without ports: SRV NODATA", "noports" + t, SRV, kNoError, {}},
      {"6.2.2 dual-stack bare SRV: N=4 weight 25, one record, A+AAAA glue",
       "dual" + t,
       SRV,
       kNoError,
       {"dual" + t + " 5 IN SRV 0 25 53 dual" + t},
       {"dual" + t + " 5 IN A 10.0.0.3", "dual" + t + " 5 IN AAAA fd00::3"}},
      {"6.2.2 dual-stack named SRV weight 50",
       "_dns._udp.dual" + t,
       SRV,
       kNoError,
       {"_dns._udp.dual" + t + " 5 IN SRV 0 50 53 dual" + t}},
      {"6.1.1 dual-stack AAAA", "dual" + t, AAAA, kNoError, {"dual" + t + " 5 IN AAAA fd00::3"}},
      {"6.4 ExternalName CNAME",
       "ext" + t,
       CNAME,
       kNoError,
       {"ext" + t + " 5 IN CNAME example.net."}},
      {"6.4 ExternalName A, target out of zone: CNAME alone",
       "ext" + t,
       A,
       kNoError,
       {"ext" + t + " 5 IN CNAME example.net."}},
      {"D6 ExternalName other type: CNAME",
       "ext" + t,
       TXT,
       kNoError,
       {"ext" + t + " 5 IN CNAME example.net."}},
      {"6.4 ExternalName in-zone target chased",
       "extin" + t,
       A,
       kNoError,
       {"extin" + t + " 5 IN CNAME svc1" + t, "svc1" + t + " 5 IN A 10.0.0.1"}},
      {"6.4 ExternalName IP literal: NXDOMAIN", "extip" + t, A, kNxDomain, {}},
      {"6.4 _<port>._<proto> under ExternalName: NXDOMAIN",
       "_http._tcp.ext" + t,
       SRV,
       kNxDomain,
       {}},
      {"6.5 SOA at apex",
       "cluster.local.",
       SOA,
       kNoError,
       {"cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1700000000 7200 "
        "1800 86400 5"}},
      {"6.6 NS at apex with glue",
       "cluster.local.",
       NS,
       kNoError,
       {"cluster.local. 5 IN NS ns.dns.cluster.local."},
       {"ns.dns.cluster.local. 5 IN A 127.0.0.1"}},
      {"7 apex A: NODATA", "cluster.local.", A, kNoError, {}},
      {"D3 apex TXT: NODATA", "cluster.local.", TXT, kNoError, {}},
      {"6.7 dns-version TXT, TTL 28800",
       "dns-version.cluster.local.",
       TXT,
       kNoError,
       {"dns-version.cluster.local. 28800 IN TXT \"1.1.0\""}},
      {"D2 dns-version A: NODATA", "dns-version.cluster.local.", A, kNoError, {}},
      {"6.1.3 ns.dns A",
       "ns.dns.cluster.local.",
       A,
       kNoError,
       {"ns.dns.cluster.local. 5 IN A 127.0.0.1"}},
      {"D13 dns.<zone>: NODATA", "dns.cluster.local.", A, kNoError, {}},
      {"3.3 svc.<zone>: NODATA", "svc.cluster.local.", A, kNoError, {}},
      {"3.3 pod.<zone>: NODATA", "pod.cluster.local.", A, kNoError, {}},
      {"3.3 existing namespace: NODATA", "test.svc.cluster.local.", A, kNoError, {}},
      {"3.3 namespace without Services: NODATA", "empty-ns.svc.cluster.local.", A, kNoError, {}},
      {"7 missing namespace: NXDOMAIN", "nope.svc.cluster.local.", A, kNxDomain, {}},
      {"7 missing Service: NXDOMAIN", "nope" + t, A, kNxDomain, {}},
      {"7 x.<zone>: NXDOMAIN", "x.cluster.local.", A, kNxDomain, {}},
      {"7 one label too many: NXDOMAIN", "x.web-0.hdls1" + t, A, kNxDomain, {}},
      {"D4 SOA at a missing name: NXDOMAIN", "nope" + t, SOA, kNxDomain, {}},
      {"6.8 MX at a Service: NODATA", "svc1" + t, MX, kNoError, {}},
      {"6.8 HTTPS at a Service: NODATA", "svc1" + t, HTTPS, kNoError, {}},
      {"6.8 RFC 8482 ANY: one RRset", "svc1" + t, ANY, kNoError, {"svc1" + t + " 5 IN A 10.0.0.1"}},
      {"6.4 CNAME asked at a non-alias: NODATA", "svc1" + t, CNAME, kNoError, {}},
      {"9 verified pod record",
       "172-0-0-2.test.pod.cluster.local.",
       A,
       kNoError,
       {"172-0-0-2.test.pod.cluster.local. 5 IN A 172.0.0.2"}},
      {"9 terminating pod: NXDOMAIN", "172-0-0-30.test.pod.cluster.local.", A, kNxDomain, {}},
      {"9 unknown pod IP: NXDOMAIN", "10-9-9-9.test.pod.cluster.local.", A, kNxDomain, {}},
      {"9 pod name is no address: NXDOMAIN", "web-0.test.pod.cluster.local.", A, kNxDomain, {}},
      {"9 <ns>.pod: NODATA", "test.pod.cluster.local.", A, kNoError, {}},
      {"9 AAAA for an IPv4 pod name: NODATA",
       "172-0-0-2.test.pod.cluster.local.",
       AAAA,
       kNoError,
       {}},
      {"D9 extra label on a pod record: NXDOMAIN",
       "x.172-0-0-2.test.pod.cluster.local.",
       A,
       kNxDomain,
       {}},
      {"6.3 PTR of a cluster IP",
       "1.0.0.10.in-addr.arpa.",
       PTR,
       kNoError,
       {"1.0.0.10.in-addr.arpa. 5 IN PTR svc1" + t}},
      {"6.3 PTR of an endpoint in two Services",
       "2.0.0.172.in-addr.arpa.",
       PTR,
       kNoError,
       {"2.0.0.172.in-addr.arpa. 5 IN PTR web-0.hdls1" + t,
        "2.0.0.172.in-addr.arpa. 5 IN PTR 172-0-0-2.other-svc.other.svc" + Z}},
      {"6.3 PTR of a not-ready endpoint: NXDOMAIN, reverse SOA",
       "4.0.0.172.in-addr.arpa.",
       PTR,
       kNxDomain,
       {},
       {},
       "in-addr.arpa."},
      {"D10 A at an existing reverse name: NODATA",
       "1.0.0.10.in-addr.arpa.",
       A,
       kNoError,
       {},
       {},
       "in-addr.arpa."},
      {"6.3 IPv6 PTR",
       "5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.",
       PTR,
       kNoError,
       {"5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa. 5 IN PTR "
        "web-3.hdls1" +
        t}},
  };
}

enum class Path { InProcess, Udp, Tcp };
constexpr Path kPaths[] = {Path::InProcess, Path::Udp, Path::Tcp};

const char* path_name(Path path) {
  switch (path) {
    case Path::InProcess:
      return "InProcess";
    case Path::Udp:
      return "Udp";
    case Path::Tcp:
      return "Tcp";
  }
  return "?";
}

class AnswerTable : public ::testing::TestWithParam<std::tuple<Case, Path>> {
 protected:
  static void SetUpTestSuite() {
    snapshot_ = zones::build_snapshot(inputs_from(cluster(), {"test", "other", "empty-ns"}),
                                      zones::ZoneConfig{}, kSerial);
    holder_ = std::make_unique<zones::SnapshotHolder>();
    holder_->publish(snapshot_);
    server_ = std::make_unique<DnsServer>(DnsServerOptions{{"127.0.0.1:0"}, {}, 1}, *holder_);
    server_->start();
    const std::string bound = server_->bound_addresses().at(0);
    port_ = static_cast<std::uint16_t>(std::stoi(bound.substr(bound.rfind(':') + 1)));
  }
  static void TearDownTestSuite() {
    server_->stop();
    server_.reset();
    holder_.reset();
  }

  /// The reply to `c` by way of `path`, or null when none came.
  static ldns::PacketPtr ask(const Case& c, Path path) {
    if (path == Path::InProcess) {
      std::string reply;
      if (handle_query(bytes(make_query(c.qname, c.qtype)), snapshot_.get(), Transport::Udp, {},
                       reply) != QueryAction::Reply)
        return nullptr;
      return ldns::packet_from_wire(reply);
    }
    ldns::ResolverPtr resolver(ldns_resolver_new());
    ldns::RdfPtr address(ldns_rdf_new_frm_str(LDNS_RDF_TYPE_A, "127.0.0.1"));
    EXPECT_EQ(ldns_resolver_push_nameserver(resolver.get(), address.get()), LDNS_STATUS_OK);
    ldns_resolver_set_port(resolver.get(), port_);
    ldns_resolver_set_usevc(resolver.get(), path == Path::Tcp);
    ldns_resolver_set_fallback(resolver.get(), false);  // a truncated UDP answer must show
    ldns_resolver_set_recursive(resolver.get(), false);
    ldns_resolver_set_retry(resolver.get(), 1);
    ldns_resolver_set_timeout(resolver.get(), timeval{2, 0});
    ldns::RdfPtr name(ldns_dname_new_frm_str(c.qname.c_str()));
    ldns_pkt* raw = nullptr;
    const ldns_status status = ldns_resolver_send(
        &raw, resolver.get(), name.get(), static_cast<ldns_rr_type>(c.qtype), LDNS_RR_CLASS_IN, 0);
    ldns::PacketPtr packet(raw);
    if (status != LDNS_STATUS_OK) return nullptr;
    return packet;
  }

  static std::shared_ptr<const zones::ZoneSnapshot> snapshot_;
  static std::unique_ptr<zones::SnapshotHolder> holder_;
  static std::unique_ptr<DnsServer> server_;
  static std::uint16_t port_;
};
std::shared_ptr<const zones::ZoneSnapshot> AnswerTable::snapshot_;
std::unique_ptr<zones::SnapshotHolder> AnswerTable::holder_;
std::unique_ptr<DnsServer> AnswerTable::server_;
std::uint16_t AnswerTable::port_ = 0;

std::string soa_owner(const ldns_rr_list* authority) {
  if (authority == nullptr || ldns_rr_list_rr_count(authority) != 1) return "<no single SOA>";
  const ldns_rr* rr = ldns_rr_list_rr(authority, 0);
  if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_SOA) return "<not SOA>";
  return zones::to_lower(ldns::rr_to_text(rr).substr(0, ldns::rr_to_text(rr).find_first_of(" \t")));
}

TEST_P(AnswerTable, Answers) {
  const auto& [c, path] = GetParam();
  const ldns::PacketPtr packet = ask(c, path);
  ASSERT_TRUE(packet) << c.rule << ": no reply " << path_name(path);
  EXPECT_EQ(static_cast<int>(ldns_pkt_get_rcode(packet.get())), c.rcode) << c.rule;
  EXPECT_TRUE(ldns_pkt_aa(packet.get())) << c.rule;
  EXPECT_FALSE(ldns_pkt_tc(packet.get())) << c.rule;
  EXPECT_EQ(section_text(ldns_pkt_answer(packet.get())), expected_text(c.answer)) << c.rule;
  if (!c.additional.empty()) {
    EXPECT_EQ(section_text(ldns_pkt_additional(packet.get())), expected_text(c.additional))
        << c.rule;
  }
  if (c.answer.empty()) {
    EXPECT_EQ(soa_owner(ldns_pkt_authority(packet.get())), c.soa_zone) << c.rule;
  } else {
    EXPECT_EQ(ldns_pkt_nscount(packet.get()), 0) << c.rule;
  }
}

std::string case_name(const ::testing::TestParamInfo<std::tuple<Case, Path>>& info) {
  const auto& [c, path] = info.param;
  std::string name =
      std::string(path_name(path)) + "_row" + std::to_string(info.index / std::size(kPaths)) + "_";
  for (char ch : std::string(c.rule)) {
    name.push_back(std::isalnum(static_cast<unsigned char>(ch)) != 0 ? ch : '_');
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(DnsMd, AnswerTable,
                         ::testing::Combine(::testing::ValuesIn(cases()),
                                            ::testing::ValuesIn(kPaths)),
                         case_name);

}  // namespace
}  // namespace ordinal::dns
