// Zone transfers and NOTIFY signed with TSIG (issue 10 item 2, `--tsig-key`; RFC 8945): Knot
// DNS and NSD configured with the key transfer the zones and follow a scale-up through signed
// NOTIFY and IXFR; kdig with the key transfers too, verifying every message; an unsigned AXFR
// from an allowed address is REFUSED and one signed with a wrong secret gets NOTAUTH/BADSIG.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "integration/cluster.hpp"
#include "integration/dig_reply.hpp"
#include "integration/free_port.hpp"
#include "integration/process.hpp"
#include "integration/secondary_servers.hpp"

namespace ordinal::testing {
namespace {

using namespace std::chrono_literals;

const TransferKey kKey{"xfr.key", "hmac-sha256", "c2VjcmV0LWtleS1vZi10aGUtdGVzdHMtMzItb2N0ZXRz"};
const std::string kThree =
    "web-0.nginx.test.svc.cluster.local. web-1.nginx.test.svc.cluster.local. "
    "web-2.nginx.test.svc.cluster.local. ";

/// kdig's AXFR of cluster.local from `port`, with `-y key` when `key` is not empty.
std::vector<std::string> kdig_axfr(const std::string& port, const std::string& key) {
  return command_lines("kdig +tcp +time=2 +retry=0 -p " + port + " @127.0.0.1 " +
                       (key.empty() ? "" : "-y " + key + " ") + "AXFR cluster.local");
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

/// The SOA records kdig printed: two for a whole transfer.
std::size_t soa_count(const std::vector<std::string>& lines) {
  return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), [](const auto& line) {
    return !line.empty() && line[0] != ';' && parse_dig_record(line).type == "SOA";
  }));
}

TEST(SecondariesWithTsig, KnotAndNsdTransferAndFollowAScaleUpWithSignedMessages) {
  if (!installed("/usr/sbin/knotd") || !installed("/usr/sbin/nsd")) {
    GTEST_SKIP() << "knotd and nsd are needed (tools/install-deps.sh installs them)";
  }
  TempDir dir;
  const int knot_port = free_port();
  const int nsd_port = free_port();
  Server primary(dir.path() / "data",
                 {"--sim-ready-after", "100ms", "--allow-transfer", "127.0.0.1/32", "--tsig-key",
                  kKey.spec(), "--notify", "127.0.0.1:" + std::to_string(knot_port), "--notify",
                  "127.0.0.1:" + std::to_string(nsd_port)});
  ASSERT_TRUE(apply_slow_stopping_example(primary, dir.path()));
  ASSERT_EQ(primary.ordinal({"scale", "statefulset/web", "--replicas=1", "-n", "test"}).exit_code,
            0);
  const std::string one = "web-0.nginx.test.svc.cluster.local. ";
  ASSERT_TRUE(wait_until([&] { return members(primary.dns_port()) == one; }, 60s));
  auto knot =
      start_knot_secondary(dir.path() / "knot", primary.dns_port(), kZones, knot_port, kKey);
  auto nsd = start_nsd_secondary(dir.path() / "nsd", primary.dns_port(), kZones, nsd_port, kKey);
  const std::vector<const Secondary*> secondaries{knot.get(), nsd.get()};
  for (const Secondary* secondary : secondaries) {
    ASSERT_TRUE(wait_until([&] { return members(secondary->port()) == one; }, 20s))
        << secondary->name() << " did not transfer the zone\n"
        << secondary->log();
  }

  ASSERT_EQ(primary.ordinal({"scale", "statefulset/web", "--replicas=3", "-n", "test"}).exit_code,
            0);
  ASSERT_TRUE(wait_until([&] { return members(primary.dns_port()) == kThree; }, 60s));
  for (const Secondary* secondary : secondaries) {
    // Well inside their refresh interval: only a NOTIFY they accepted explains it.
    ASSERT_TRUE(wait_until([&] { return members(secondary->port()) == kThree; }, 10s))
        << secondary->name() << " did not follow the scale-up\n"
        << secondary->log();
  }
  const std::string knot_log = knot->log();
  EXPECT_NE(knot_log.find("IXFR"), std::string::npos) << knot_log;
}

TEST(SecondariesWithTsig, KdigTransfersOnlyWithTheKey) {
  if (!installed("/usr/bin/kdig")) GTEST_SKIP() << "kdig is needed (knot-dnsutils)";
  TempDir dir;
  // Several keys, in the algorithms ldns cannot check in the unit test.
  const TransferKey second{"second.key", "hmac-sha224", kKey.secret};
  const TransferKey third{"third.key", "hmac-sha384", kKey.secret};
  Server primary(dir.path() / "data",
                 {"--allow-transfer", "127.0.0.1/32", "--tsig-key", kKey.spec(), "--tsig-key",
                  second.spec(), "--tsig-key", third.spec()});
  const std::string port = primary.dns_port();

  // kdig checks the signature of every message it reads.
  for (const TransferKey& key : {kKey, second, third}) {
    const auto signed_lines = kdig_axfr(port, key.spec());
    EXPECT_EQ(soa_count(signed_lines), 2u) << ::testing::PrintToString(signed_lines);
    EXPECT_FALSE(mentions(signed_lines, ";; ERROR") || mentions(signed_lines, ";; WARNING"))
        << ::testing::PrintToString(signed_lines);
  }

  const auto unsigned_lines = kdig_axfr(port, "");
  EXPECT_TRUE(mentions(unsigned_lines, "REFUSED")) << ::testing::PrintToString(unsigned_lines);
  EXPECT_EQ(soa_count(unsigned_lines), 0u);

  TransferKey wrong = kKey;
  wrong.secret = "b3RoZXItc2VjcmV0LW9mLXRoZS10ZXN0cy0zMi1vY3Q=";
  const auto wrong_lines = kdig_axfr(port, wrong.spec());
  EXPECT_TRUE(mentions(wrong_lines, "BADSIG")) << ::testing::PrintToString(wrong_lines);
  EXPECT_EQ(soa_count(wrong_lines), 0u);

  // Ordinary queries stay unsigned and answered, over UDP and TCP.
  EXPECT_EQ(ask(primary, "SOA cluster.local").status, "NOERROR");
  EXPECT_EQ(ask(primary, "SOA cluster.local", true).status, "NOERROR");
}

}  // namespace
}  // namespace ordinal::testing
