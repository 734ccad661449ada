// The server on real sockets: DnsServer on port 0, asked with dig over UDP and TCP (dns.md §4,
// §12), raw sockets for pipelined TCP and garbage datagrams.
#include "dns/dns_server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "tests/dns/dns_test_util.hpp"
#include "zones/snapshot_holder.hpp"

namespace ordinal::dns {
namespace {

using namespace ordinal::dns::testing;
using identity::Json;

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  pclose(pipe);
  return out;
}

class DnsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    holder_.publish(headless_nginx(60, 1));
    server_ = std::make_unique<DnsServer>(DnsServerOptions{{"127.0.0.1:0"}, {}, 2}, holder_);
    server_->start();
    const auto bound = server_->bound_addresses();
    ASSERT_EQ(bound.size(), 2U);
    port_ = bound[0].substr(bound[0].rfind(':') + 1);
  }
  std::string dig(const std::string& args) {
    return run("dig @127.0.0.1 -p " + port_ + " +time=2 +tries=1 " + args + " 2>&1");
  }
  zones::SnapshotHolder holder_;
  std::unique_ptr<DnsServer> server_;
  std::string port_;
};

TEST_F(DnsServerTest, BoundAddressesNameUdpAndTcpOnTheSamePort) {
  const auto bound = server_->bound_addresses();
  EXPECT_EQ(bound[0], "dns udp 127.0.0.1:" + port_);
  EXPECT_EQ(bound[1], "dns tcp 127.0.0.1:" + port_);
  EXPECT_NE(port_, "0");
}

TEST_F(DnsServerTest, AnswersOverUdp) {
  EXPECT_EQ(dig("+short web-7.nginx.test.svc.cluster.local A"), "10.1.0.8\n");
}

TEST_F(DnsServerTest, AnswersOverTcp) {
  EXPECT_EQ(dig("+tcp +short web-7.nginx.test.svc.cluster.local A"), "10.1.0.8\n");
}

TEST_F(DnsServerTest, AuthoritativeNxDomainWithSoa) {  // dns.md §4
  const std::string out = dig("nope.test.svc.cluster.local A");
  EXPECT_NE(out.find("status: NXDOMAIN"), std::string::npos) << out;
  EXPECT_NE(out.find("flags: qr aa rd;"), std::string::npos) << out;
  EXPECT_NE(out.find("cluster.local.\t\t5\tIN\tSOA\tns.dns.cluster.local."), std::string::npos)
      << out;
}

TEST_F(DnsServerTest, LargeAnswerTruncatedOverUdpCompleteOverTcp) {  // dns.md §12
  const std::string udp = dig("+noedns +ignore nginx.test.svc.cluster.local A");
  EXPECT_NE(udp.find(" tc "), std::string::npos) << udp;
  const std::string tcp = dig("+tcp +short nginx.test.svc.cluster.local A");
  EXPECT_EQ(std::count(tcp.begin(), tcp.end(), '\n'), 60) << tcp;
  const std::string edns = dig("+bufsize=1232 +short nginx.test.svc.cluster.local A");
  EXPECT_EQ(std::count(edns.begin(), edns.end(), '\n'), 60) << edns;
}

TEST_F(DnsServerTest, NewSnapshotIsServedAtOnce) {  // STYLE rule 1: publish = pointer swap
  EXPECT_EQ(dig("+short web-70.nginx.test.svc.cluster.local A"), "");
  holder_.publish(headless_nginx(80, 2));
  EXPECT_EQ(dig("+short web-70.nginx.test.svc.cluster.local A"), "10.1.0.71\n");
  EXPECT_NE(dig("+short cluster.local SOA").find(" 2 7200 1800 86400 5"), std::string::npos);
}

TEST_F(DnsServerTest, SeveralQueriesOnOneTcpConnection) {  // RFC 7766 pipelining
  const int fd = connect_to(port_, SOCK_STREAM);
  ASSERT_GE(fd, 0);
  std::string both;
  for (std::uint16_t id = 1; id <= 2; ++id) {
    const std::string query =
        make_query("web-" + std::to_string(id) + ".nginx.test.svc.cluster.local.", 1,
                   {.qclass = 1, .edns_size = std::nullopt, .edns_version = 0, .id = id});
    zones::append_u16(both, static_cast<std::uint16_t>(query.size()));
    both += query;
  }
  ASSERT_EQ(::send(fd, both.data(), both.size(), 0), static_cast<ssize_t>(both.size()));
  for (std::uint16_t id = 1; id <= 2; ++id) {
    auto packet = read_tcp_reply(fd);
    ASSERT_TRUE(packet);
    EXPECT_EQ(ldns_pkt_id(packet.get()), id);
    EXPECT_EQ(ldns_pkt_ancount(packet.get()), 1);
  }
  ::close(fd);
}

TEST_F(DnsServerTest, GarbageDatagramsDoNotStopTheServer) {
  const int fd = connect_to(port_, SOCK_DGRAM);
  ASSERT_GE(fd, 0);
  const std::string junk[] = {std::string("\x01", 1), std::string(12, '\xff'),
                              make_query("nginx.test.svc.cluster.local.", 1).substr(0, 20),
                              std::string(3000, 'x')};
  for (const auto& packet : junk) ::send(fd, packet.data(), packet.size(), 0);
  ::close(fd);
  EXPECT_EQ(dig("+short web-1.nginx.test.svc.cluster.local A"), "10.1.0.2\n");
}

/// Malformed queries of each kind the parser rejects, as whole packets.
std::vector<std::pair<std::string, std::string>> malformed_queries() {
  const std::string name = "web-1.nginx.test.svc.cluster.local.";
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("truncated header", make_query(name, 1).substr(0, 5));
  std::string label = make_query(name, 1);
  label[12] = 60;  // the first label claims 60 octets
  label.resize(30);
  out.emplace_back("label length past the end", label);
  out.emplace_back("compression loop",
                   make_query(name, 1).substr(0, 12) + std::string("\xC0\x0C\x00\x01\x00\x01", 6));
  std::string counts = make_query(name, 1);
  counts[7] = 5;  // five answers that are not there
  out.emplace_back("counts beyond the packet", counts);
  std::string no_question = make_query(name, 1);
  no_question[5] = 0;
  out.emplace_back("no question", no_question);
  std::string huge_edns = make_query(name, 1);
  huge_edns[11] = 1;  // an OPT record whose data claims 65,535 octets
  huge_edns += std::string("\x00\x00\x29\x10\x00\x00\x00\x00\x00\xFF\xFF", 11);
  out.emplace_back("huge EDNS", huge_edns);
  return out;
}

// The malformed inputs, on real sockets: each gets FORMERR or no answer, and the server
// goes on answering over UDP and TCP.
TEST_F(DnsServerTest, MalformedQueriesGetFormErrOrNothingAndTheServerGoesOn) {
  for (const auto& [what, packet] : malformed_queries()) {
    const int udp = connect_to(port_, SOCK_DGRAM);
    ASSERT_GE(udp, 0);
    timeval short_wait{0, 200000};
    setsockopt(udp, SOL_SOCKET, SO_RCVTIMEO, &short_wait, sizeof short_wait);
    ASSERT_EQ(::send(udp, packet.data(), packet.size(), 0), static_cast<ssize_t>(packet.size()));
    char reply[512];
    const ssize_t n = ::recv(udp, reply, sizeof reply, 0);
    ::close(udp);
    if (n > 0) {
      ASSERT_GE(n, 4) << what;
      EXPECT_EQ(reply[3] & 0x0F, 1) << what << ": answered, but not with FORMERR";
    }
    const int tcp = connect_to(port_, SOCK_STREAM);
    ASSERT_GE(tcp, 0);
    std::string framed;
    zones::append_u16(framed, static_cast<std::uint16_t>(packet.size()));
    framed += packet;
    ASSERT_EQ(::send(tcp, framed.data(), framed.size(), 0), static_cast<ssize_t>(framed.size()));
    // Raw octets: a FORMERR echoes a question ldns may not decode.
    if (const std::string body = read_tcp_message(tcp); !body.empty()) {
      ASSERT_GE(body.size(), 4U) << what;
      EXPECT_EQ(body[3] & 0x0F, 1) << what << " over TCP: answered, but not with FORMERR";
    }
    ::close(tcp);
    EXPECT_EQ(dig("+short web-1.nginx.test.svc.cluster.local A"), "10.1.0.2\n") << "after " << what;
    EXPECT_EQ(dig("+tcp +short web-1.nginx.test.svc.cluster.local A"), "10.1.0.2\n")
        << "after " << what;
  }
}

TEST_F(DnsServerTest, BurstsOfDatagramsAreAnsweredInFull) {  // batched receive and send
  const int fd = connect_to(port_, SOCK_DGRAM);
  ASSERT_GE(fd, 0);
  // Bursts of 100 (more than one batch of 32) stay below the default socket buffers on both
  // sides, so nothing may be lost on loopback.
  constexpr std::uint16_t kBurst = 100;
  for (int round = 0; round < 3; ++round) {
    for (std::uint16_t id = 0; id < kBurst; ++id) {
      const std::string query =
          make_query("web-" + std::to_string(id % 60) + ".nginx.test.svc.cluster.local.", 1,
                     {.qclass = 1, .edns_size = std::nullopt, .edns_version = 0, .id = id});
      ASSERT_EQ(::send(fd, query.data(), query.size(), 0), static_cast<ssize_t>(query.size()));
    }
    std::vector<bool> seen(kBurst, false);
    char buffer[1024];
    for (int answered = 0; answered < kBurst;) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      auto packet = ldns::packet_from_wire(std::string(buffer, static_cast<std::size_t>(n)));
      ASSERT_TRUE(packet);
      ASSERT_LT(ldns_pkt_id(packet.get()), kBurst);
      EXPECT_EQ(ldns_pkt_ancount(packet.get()), 1);
      if (!seen[ldns_pkt_id(packet.get())]) ++answered;
      seen[ldns_pkt_id(packet.get())] = true;
    }
    EXPECT_EQ(std::count(seen.begin(), seen.end(), true), kBurst) << "round " << round;
  }
  ::close(fd);
}

/// A second server for another domain stands in for the --upstream resolver.
class ForwardingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    zones::ZoneConfig config;
    config.domain = "example.internal";
    Json eps = Json::array({{{"addresses", {"10.9.0.1"}}, {"hostname", "db-0"}}});
    upstream_snapshots_.publish(
        zones::build_snapshot(inputs_from({service("prod", "db", {{"clusterIP", "None"}}),
                                           slice("prod", "db-a", "db", Json::array(), eps)},
                                          {"prod"}),
                              config, 1));
    upstream_ =
        std::make_unique<DnsServer>(DnsServerOptions{{"127.0.0.1:0"}, {}, 1}, upstream_snapshots_);
    upstream_->start();
    const auto bound = upstream_->bound_addresses()[0];
    upstream_address_ = bound.substr(bound.rfind(' ') + 1);
  }
  std::string start_server(std::vector<std::string> upstreams, std::size_t max_forwards = 256) {
    snapshots_.publish(headless_nginx(3, 1));
    DnsServerOptions options{{"127.0.0.1:0"}, std::move(upstreams), 1};
    options.max_forwards = max_forwards;
    server_ = std::make_unique<DnsServer>(options, snapshots_);
    server_->start();
    const auto bound = server_->bound_addresses()[0];
    return bound.substr(bound.rfind(':') + 1);
  }
  zones::SnapshotHolder upstream_snapshots_;
  std::unique_ptr<DnsServer> upstream_;
  std::string upstream_address_;
  zones::SnapshotHolder snapshots_;
  std::unique_ptr<DnsServer> server_;
};

TEST_F(ForwardingTest, NamesOutsideTheZoneGoUpstream) {  // dns.md §11, cli.md --upstream
  const std::string port = start_server({upstream_address_});
  const std::string base = "dig @127.0.0.1 -p " + port + " +time=3 +tries=1 ";
  EXPECT_EQ(run(base + "+short db-0.db.prod.svc.example.internal A"), "10.9.0.1\n");
  EXPECT_EQ(run(base + "+tcp +short db-0.db.prod.svc.example.internal A"), "10.9.0.1\n");
  // Our own zone is still answered here.
  EXPECT_EQ(run(base + "+short web-1.nginx.test.svc.cluster.local A"), "10.1.0.2\n");
}

TEST_F(ForwardingTest, SilentUpstreamGivesServFail) {
  // Nothing answers on this address: the upstream server was stopped.
  upstream_->stop();
  const std::string port = start_server({upstream_address_});
  const std::string out =
      run("dig @127.0.0.1 -p " + port + " +time=5 +tries=1 db.prod.svc.example.internal A");
  EXPECT_NE(out.find("status: SERVFAIL"), std::string::npos) << out;
}

TEST_F(ForwardingTest, ForwardsBeyondTheCapAreRefusedAtOnce) {
  // An upstream that receives and never answers: each forward holds its slot until it times out.
  const int black_hole = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(black_hole, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(::getsockname(black_hole, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string port =
      start_server({"127.0.0.1:" + std::to_string(ntohs(address.sin_port))}, 1);
  const std::string query =
      "dig @127.0.0.1 -p " + port + " +time=5 +tries=1 db.prod.svc.example.internal A";
  std::string first;
  std::thread waiting([&] { first = run(query); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::string second = run(query);
  waiting.join();
  EXPECT_NE(second.find("status: REFUSED"), std::string::npos) << second;
  EXPECT_NE(first.find("status: SERVFAIL"), std::string::npos) << first;
  // The slot is free again once the first forward has given up.
  const std::string third = run(query);
  EXPECT_NE(third.find("status: SERVFAIL"), std::string::npos) << third;
  ::close(black_hole);
}

TEST(DnsServerStart, UnusableAddressThrowsNamingIt) {
  zones::SnapshotHolder holder;
  DnsServer server(DnsServerOptions{{"192.0.2.1:0"}, {}, 1}, holder);
  try {
    server.start();
    FAIL() << "start() did not throw";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("192.0.2.1:0"), std::string::npos) << error.what();
  }
  DnsServer bad(DnsServerOptions{{"not-an-address:53"}, {}, 1}, holder);
  EXPECT_THROW(bad.start(), std::runtime_error);
}

}  // namespace
}  // namespace ordinal::dns
