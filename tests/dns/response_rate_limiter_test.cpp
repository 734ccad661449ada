// Response-rate limiting (`serve --rrl`, issue 8 "Security"): budgets per client prefix and
// response class, the slip to truncated replies, and the server dropping what is over the rate
// while TCP still answers.
#include "dns/response_rate_limiter.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "dns/dns_server.hpp"
#include "tests/dns/dns_test_util.hpp"
#include "zones/snapshot_holder.hpp"

namespace ordinal::dns {
namespace {

using namespace ordinal::dns::testing;
using Verdict = ResponseRateLimiter::Verdict;

sockaddr_in client(const char* address) {
  sockaddr_in out{};
  out.sin_family = AF_INET;
  ::inet_pton(AF_INET, address, &out.sin_addr);
  return out;
}

// A response to `qname` A with `rcode` and, for NOERROR, one answer record's worth of bytes.
std::string reply(const std::string& qname, std::uint8_t rcode = 0) {
  std::string out = make_query(qname, 1);
  out[2] = static_cast<char>(0x84);  // QR AA
  out[3] = static_cast<char>(rcode);
  if (rcode == 0) {
    out[7] = 1;  // ANCOUNT
    out += std::string(16, '\x01');
  }
  return out;
}

std::vector<Verdict> run(ResponseRateLimiter& limiter, const sockaddr_in& from,
                         const std::string& response, int times, std::uint32_t second) {
  std::vector<Verdict> verdicts;
  for (int i = 0; i < times; ++i)
    verdicts.push_back(limiter.check(reinterpret_cast<const sockaddr*>(&from), response, second));
  return verdicts;
}

TEST(ResponseRateLimiter, BeyondTheRateEverySlipthIsTruncatedTheRestDropped) {
  ResponseRateLimiter limiter({.responses_per_second = 3, .slip = 2, .table_size = 1024});
  const auto verdicts = run(limiter, client("192.0.2.7"), reply("web-0.nginx.test."), 7, 100);
  EXPECT_EQ(verdicts,
            (std::vector<Verdict>{Verdict::Send, Verdict::Send, Verdict::Send, Verdict::Drop,
                                  Verdict::Slip, Verdict::Drop, Verdict::Slip}));
  EXPECT_EQ(limiter.limited(), 4u);
  // A new second brings a new budget.
  EXPECT_EQ(run(limiter, client("192.0.2.7"), reply("web-0.nginx.test."), 1, 101)[0],
            Verdict::Send);
}

TEST(ResponseRateLimiter, ClientsOfOnePrefixShareABudgetOtherPrefixesHaveTheirOwn) {
  ResponseRateLimiter limiter({.responses_per_second = 2, .slip = 0, .table_size = 1024});
  const std::string answer = reply("web-0.nginx.test.");
  run(limiter, client("192.0.2.7"), answer, 2, 5);
  EXPECT_EQ(run(limiter, client("192.0.2.200"), answer, 1, 5)[0], Verdict::Drop);  // same /24
  EXPECT_EQ(run(limiter, client("198.51.100.7"), answer, 1, 5)[0], Verdict::Send);
}

TEST(ResponseRateLimiter, EachQuestionHasABudgetButEveryNxDomainSharesOne) {
  ResponseRateLimiter limiter({.responses_per_second = 2, .slip = 0, .table_size = 1 << 16});
  const auto from = client("192.0.2.7");
  run(limiter, from, reply("web-0.nginx.test."), 2, 5);
  EXPECT_EQ(run(limiter, from, reply("WEB-0.nginx.test."), 1, 5)[0], Verdict::Drop);  // case
  EXPECT_EQ(run(limiter, from, reply("web-1.nginx.test."), 1, 5)[0], Verdict::Send);
  // Random names cannot each get a budget: all NXDOMAIN to a prefix count together.
  run(limiter, from, reply("random-1.nginx.test.", 3), 2, 5);
  EXPECT_EQ(run(limiter, from, reply("random-2.nginx.test.", 3), 1, 5)[0], Verdict::Drop);
}

TEST(ResponseRateLimiter, OffSendsEverything) {
  ResponseRateLimiter limiter({});
  for (const auto verdict : run(limiter, client("192.0.2.7"), reply("a.test."), 1000, 1))
    EXPECT_EQ(verdict, Verdict::Send);
}

TEST(ResponseRateLimiter, SlippedReplyIsTheQuestionWithTc) {
  std::string response = reply("web-0.nginx.test.");
  truncate_to_question(response);
  const std::string question = make_query("web-0.nginx.test.", 1).substr(12);
  EXPECT_EQ(response.size(), 12 + question.size());
  EXPECT_EQ(response.substr(12), question);
  EXPECT_TRUE(response[2] & 0x02);                         // TC
  EXPECT_EQ(response.substr(6, 6), std::string(6, '\0'));  // no records
}

TEST(ResponseRateLimiter, ServerLimitsUdpAndStillAnswersTcp) {
  zones::SnapshotHolder holder;
  holder.publish(headless_nginx(3, 1));
  DnsServerOptions options{{"127.0.0.1:0"}, {}, 1};
  options.rate_limit = {.responses_per_second = 5, .slip = 2, .table_size = 1024};
  DnsServer server(options, holder);
  server.start();
  const std::string bound = server.bound_addresses()[0];
  const std::string port = bound.substr(bound.rfind(':') + 1);

  const int fd = connect_to(port, SOCK_DGRAM);
  ASSERT_GE(fd, 0);
  timeval short_wait{0, 300000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &short_wait, sizeof short_wait);
  const std::string query = make_query("web-0.nginx.test.svc.cluster.local.", 1);
  constexpr int kSent = 40;
  for (int i = 0; i < kSent; ++i) ::send(fd, query.data(), query.size(), 0);
  int full = 0;
  int truncated = 0;
  char buffer[1024];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
    (buffer[2] & 0x02 ? truncated : full) += 1;
  ::close(fd);
  // Five per second (ten if the burst straddles a second); about half the rest slips.
  EXPECT_GE(full, 5);
  EXPECT_LE(full, 10);
  EXPECT_GE(truncated, (kSent - 10) / 2 - 1);
  EXPECT_LT(full + truncated, kSent);

  // TCP cannot be spoofed and is never limited.
  const int tcp = connect_to(port, SOCK_STREAM);
  ASSERT_GE(tcp, 0);
  const std::string framed = std::string{0, static_cast<char>(query.size())} + query;
  ASSERT_EQ(::send(tcp, framed.data(), framed.size(), 0), static_cast<ssize_t>(framed.size()));
  const ssize_t n = ::recv(tcp, buffer, sizeof buffer, 0);
  ASSERT_GT(n, 14);
  EXPECT_EQ(buffer[2 + 7], 1);  // ANCOUNT low byte: the answer, not a truncated reply
  ::close(tcp);
}

}  // namespace
}  // namespace ordinal::dns
