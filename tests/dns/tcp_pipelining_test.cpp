// DNS over TCP against the real DnsServer on a loopback port picked at run time, through raw
// sockets: pipelining (RFC 7766 §6.2.1.1), messages split across writes, framing errors, the
// idle timeout (RFC 7766 §6.2.3) and the connection cap (RFC 7766 §6.2.2).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dns/dns_server.hpp"
#include "tests/dns/dns_test_util.hpp"
#include "zones/snapshot_holder.hpp"

namespace ordinal::dns {
namespace {

using namespace ordinal::dns::testing;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

/// A connected TCP socket with a 3 s receive timeout, or -1.
int connect_tcp(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  ASSERT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(bytes.size()));
}

/// `message` with its two-octet length prefix.
std::string framed(const std::string& message) {
  std::string out;
  zones::append_u16(out, static_cast<std::uint16_t>(message.size()));
  return out + message;
}

std::string query_for(const std::string& name, std::uint16_t id, std::uint16_t qtype = 1) {
  return make_query(name, qtype,
                    {.qclass = 1, .edns_size = std::nullopt, .edns_version = 0, .id = id});
}

/// True when the server closed the connection (end of stream or reset) within 3 s.
bool closed_by_server(int fd) {
  char byte = 0;
  const ssize_t n = ::recv(fd, &byte, 1, 0);
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

/// The first A record's address in the Answer section, or "".
std::string first_address(const ldns::PacketPtr& packet) {
  const auto answers = section_text(ldns_pkt_answer(packet.get()));
  return answers.empty() ? "" : answers[0].substr(answers[0].rfind(' ') + 1);
}

class TcpPipeliningTest : public ::testing::Test {
 protected:
  void start(DnsServerOptions options) {
    holder_.publish(headless_nginx(60));
    options.listen = {"127.0.0.1:0"};
    server_ = std::make_unique<DnsServer>(options, holder_);
    server_->start();
    const std::string bound = server_->bound_addresses().at(1);
    port_ = static_cast<std::uint16_t>(std::stoi(bound.substr(bound.rfind(':') + 1)));
  }
  void SetUp() override { start(DnsServerOptions{}); }

  zones::SnapshotHolder holder_;
  std::unique_ptr<DnsServer> server_;
  std::uint16_t port_ = 0;
};

TEST_F(TcpPipeliningTest, HundredQueriesInOneSendGetHundredAnswersInOrder) {  // RFC 7766 §6.2.1.1
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  std::string all;
  for (std::uint16_t id = 0; id < 100; ++id) {
    all += framed(query_for("web-" + std::to_string(id % 60) + ".nginx.test.svc.cluster.local.",
                            static_cast<std::uint16_t>(1000 + id)));
  }
  send_all(fd, all);
  for (std::uint16_t id = 0; id < 100; ++id) {
    const auto reply = read_tcp_reply(fd);
    ASSERT_TRUE(reply) << "answer " << id;
    EXPECT_EQ(ldns_pkt_id(reply.get()), 1000 + id);
    EXPECT_EQ(ldns_pkt_get_rcode(reply.get()), LDNS_RCODE_NOERROR);
    EXPECT_EQ(first_address(reply), "10.1.0." + std::to_string(id % 60 + 1));
  }
  ::close(fd);
}

TEST_F(TcpPipeliningTest, LargeAnswersBeyondOneWriteAllArrive) {
  // 200 answers of 60 A records each (about 1 KB apiece) are more than one gathered write.
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  std::string all;
  for (std::uint16_t id = 0; id < 200; ++id) {
    all += framed(query_for("nginx.test.svc.cluster.local.", id));
  }
  send_all(fd, all);
  for (std::uint16_t id = 0; id < 200; ++id) {
    const auto reply = read_tcp_reply(fd);
    ASSERT_TRUE(reply) << "answer " << id;
    EXPECT_EQ(ldns_pkt_id(reply.get()), id);
    EXPECT_EQ(ldns_pkt_ancount(reply.get()), 60);
    EXPECT_FALSE(ldns_pkt_tc(reply.get()));
  }
  ::close(fd);
}

TEST_F(TcpPipeliningTest, QuerySplitAcrossThreeWritesIsAnswered) {  // RFC 7766 §8
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  const std::string message = framed(query_for("web-7.nginx.test.svc.cluster.local.", 77));
  // The first write cuts the length prefix itself in half.
  send_all(fd, message.substr(0, 1));
  std::this_thread::sleep_for(milliseconds(50));
  send_all(fd, message.substr(1, 10));
  std::this_thread::sleep_for(milliseconds(50));
  send_all(fd, message.substr(11));
  const auto reply = read_tcp_reply(fd);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 77);
  EXPECT_EQ(first_address(reply), "10.1.0.8");
  ::close(fd);
}

TEST_F(TcpPipeliningTest, MessageLargerThanOneReadIsAnswered) {
  // A query whose OPT record carries 30,000 octets of padding (RFC 7830), sent in pieces.
  std::string query = make_query("web-3.nginx.test.svc.cluster.local.", 1,
                                 {.qclass = 1, .edns_size = 1232, .edns_version = 0, .id = 9});
  constexpr std::uint16_t kPadding = 30000;
  query.resize(query.size() - 2);  // the OPT RDLENGTH, rewritten below
  zones::append_u16(query, kPadding + 4);
  zones::append_u16(query, 12);  // option code: Padding
  zones::append_u16(query, kPadding);
  query += std::string(kPadding, '\0');
  const std::string message = framed(query);
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  for (std::size_t at = 0; at < message.size(); at += 7000) {
    send_all(fd, message.substr(at, 7000));
    std::this_thread::sleep_for(milliseconds(10));
  }
  const auto reply = read_tcp_reply(fd);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 9);
  EXPECT_EQ(first_address(reply), "10.1.0.4");
  ::close(fd);
}

TEST_F(TcpPipeliningTest, TwoConnectionsInterleave) {
  const int first = connect_tcp(port_);
  const int second = connect_tcp(port_);
  ASSERT_GE(first, 0);
  ASSERT_GE(second, 0);
  const std::string half_done = framed(query_for("web-1.nginx.test.svc.cluster.local.", 1));
  send_all(first, half_done.substr(0, 12));
  // The first connection's incomplete query holds up nobody else.
  send_all(second, framed(query_for("web-2.nginx.test.svc.cluster.local.", 2)));
  auto reply = read_tcp_reply(second);
  ASSERT_TRUE(reply);
  EXPECT_EQ(first_address(reply), "10.1.0.3");
  send_all(first,
           half_done.substr(12) + framed(query_for("web-3.nginx.test.svc.cluster.local.", 3)));
  send_all(second, framed(query_for("web-4.nginx.test.svc.cluster.local.", 4)));
  reply = read_tcp_reply(first);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 1);
  EXPECT_EQ(first_address(reply), "10.1.0.2");
  reply = read_tcp_reply(second);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 4);
  reply = read_tcp_reply(first);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 3);
  ::close(first);
  ::close(second);
}

TEST_F(TcpPipeliningTest, ZeroLengthPrefixClosesAfterTheAnswersDue) {  // RFC 1035 §4.2.2 framing
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  send_all(fd, framed(query_for("web-5.nginx.test.svc.cluster.local.", 5)) + std::string(2, '\0') +
                   framed(query_for("web-6.nginx.test.svc.cluster.local.", 6)));
  const auto reply = read_tcp_reply(fd);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 5);
  // Nothing after the broken prefix is answered.
  EXPECT_TRUE(closed_by_server(fd));
  ::close(fd);
}

TEST_F(TcpPipeliningTest, MessageShorterThanAHeaderClosesTheConnection) {  // RFC 1035 §4.1.1
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  send_all(fd, framed("\x12\x34\x01\x00\x00"));
  EXPECT_TRUE(closed_by_server(fd));
  ::close(fd);
}

TEST_F(TcpPipeliningTest,
       MalformedQueryGetsFormErrAndTheConnectionGoesOn) {  // dns.md, RFC 7766 §6.2.1
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  std::string bad = query_for("web-1.nginx.test.svc.cluster.local.", 0x4242);
  bad[12] = 70;  // a label longer than 63 octets
  send_all(fd, framed(bad) + framed(query_for("web-2.nginx.test.svc.cluster.local.", 43)));
  auto reply = read_tcp_reply(fd);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 0x4242);
  EXPECT_EQ(ldns_pkt_get_rcode(reply.get()), LDNS_RCODE_FORMERR);
  reply = read_tcp_reply(fd);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 43);
  EXPECT_EQ(first_address(reply), "10.1.0.3");
  ::close(fd);
}

class TcpLimitsTest : public TcpPipeliningTest {
 protected:
  void SetUp() override {
    DnsServerOptions options;
    options.tcp_idle_timeout_ms = 400;
    options.max_tcp_connections = 2;
    start(options);
  }
};

TEST_F(TcpLimitsTest, IdleConnectionIsClosedAfterTheTimeout) {  // RFC 7766 §6.2.3
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  const auto opened = Clock::now();
  EXPECT_TRUE(closed_by_server(fd));
  const auto waited = Clock::now() - opened;
  EXPECT_GE(waited, milliseconds(350));
  EXPECT_LT(waited, milliseconds(2500));
  ::close(fd);
}

TEST_F(TcpLimitsTest, QueriesKeepAConnectionOpenPastTheTimeout) {
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  for (std::uint16_t id = 0; id < 8; ++id) {  // 8 × 150 ms: three times the timeout
    send_all(fd, framed(query_for("web-1.nginx.test.svc.cluster.local.", id)));
    const auto reply = read_tcp_reply(fd);
    ASSERT_TRUE(reply) << "query " << id;
    EXPECT_EQ(ldns_pkt_id(reply.get()), id);
    std::this_thread::sleep_for(milliseconds(150));
  }
  ::close(fd);
}

TEST_F(TcpLimitsTest, TricklingAnIncompleteQueryDoesNotKeepAConnection) {
  const int fd = connect_tcp(port_);
  ASSERT_GE(fd, 0);
  const std::string message = framed(query_for("web-1.nginx.test.svc.cluster.local.", 1));
  const auto opened = Clock::now();
  // One octet every 100 ms never completes the query within the timeout.
  bool closed = false;
  for (std::size_t i = 0; i + 1 < message.size() && !closed; ++i) {
    closed = ::send(fd, message.data() + i, 1, MSG_NOSIGNAL) != 1;
    std::this_thread::sleep_for(milliseconds(100));
    closed = closed || Clock::now() - opened > milliseconds(1500);
  }
  EXPECT_TRUE(closed_by_server(fd));
  EXPECT_LT(Clock::now() - opened, milliseconds(2500));
  ::close(fd);
}

TEST_F(TcpLimitsTest, AtTheCapTheLeastRecentlyActiveConnectionIsClosed) {  // RFC 7766 §6.2.2
  const int oldest = connect_tcp(port_);
  ASSERT_GE(oldest, 0);
  send_all(oldest, framed(query_for("web-1.nginx.test.svc.cluster.local.", 1)));
  ASSERT_TRUE(read_tcp_reply(oldest));
  const int recent = connect_tcp(port_);
  ASSERT_GE(recent, 0);
  send_all(recent, framed(query_for("web-2.nginx.test.svc.cluster.local.", 2)));
  ASSERT_TRUE(read_tcp_reply(recent));
  const int newest = connect_tcp(port_);
  ASSERT_GE(newest, 0);
  send_all(newest, framed(query_for("web-3.nginx.test.svc.cluster.local.", 3)));
  auto reply = read_tcp_reply(newest);
  ASSERT_TRUE(reply);
  EXPECT_EQ(first_address(reply), "10.1.0.4");
  EXPECT_TRUE(closed_by_server(oldest));
  send_all(recent, framed(query_for("web-4.nginx.test.svc.cluster.local.", 4)));
  reply = read_tcp_reply(recent);
  ASSERT_TRUE(reply);
  EXPECT_EQ(ldns_pkt_id(reply.get()), 4);
  ::close(oldest);
  ::close(recent);
  ::close(newest);
}

/// A second server for another domain stands in for the --upstream resolver.
TEST(TcpForwarding, ForwardedQueryInAPipelineKeepsItsPlace) {  // dns.md §11
  zones::ZoneConfig config;
  config.domain = "example.internal";
  Json eps = Json::array({{{"addresses", {"10.9.0.1"}}, {"hostname", "db-0"}}});
  zones::SnapshotHolder upstream_zone;
  upstream_zone.publish(
      zones::build_snapshot(inputs_from({service("prod", "db", {{"clusterIP", "None"}}),
                                         slice("prod", "db-a", "db", Json::array(), eps)},
                                        {"prod"}),
                            config, 1));
  DnsServer upstream(DnsServerOptions{{"127.0.0.1:0"}, {}, 1}, upstream_zone);
  upstream.start();
  const std::string upstream_bound = upstream.bound_addresses()[0];
  zones::SnapshotHolder ours;
  ours.publish(headless_nginx(3));
  DnsServer server(
      DnsServerOptions{{"127.0.0.1:0"}, {upstream_bound.substr(upstream_bound.rfind(' ') + 1)}, 1},
      ours);
  server.start();
  const std::string bound = server.bound_addresses()[1];
  const int fd =
      connect_tcp(static_cast<std::uint16_t>(std::stoi(bound.substr(bound.rfind(':') + 1))));
  ASSERT_GE(fd, 0);
  send_all(fd, framed(query_for("web-0.nginx.test.svc.cluster.local.", 1)) +
                   framed(query_for("db-0.db.prod.svc.example.internal.", 2)) +
                   framed(query_for("web-2.nginx.test.svc.cluster.local.", 3)));
  const std::string expected[] = {"10.1.0.1", "10.9.0.1", "10.1.0.3"};
  for (std::uint16_t id = 1; id <= 3; ++id) {
    const auto reply = read_tcp_reply(fd);
    ASSERT_TRUE(reply) << "answer " << id;
    EXPECT_EQ(ldns_pkt_id(reply.get()), id);
    EXPECT_EQ(first_address(reply), expected[id - 1]);
  }
  ::close(fd);
}

}  // namespace
}  // namespace ordinal::dns
