// The bootstrap barrier of `ordinal peers --wait` on a test clock: the backoff schedule (50 ms
// doubling to 2 s), asking afresh after negative answers, the deadline, a count taken from the
// published replica number, and the fatal case that ends the wait early.
#include "tools/cli/peers_barrier.hpp"

#include <gtest/gtest.h>

namespace ordinal::cli {
namespace {

using std::chrono::milliseconds;

class FakeClock {
 public:
  BarrierClock clock() {
    return {[this] { return now_; },
            [this](milliseconds pause) {
              sleeps_.push_back(pause);
              now_ += pause;
            }};
  }
  std::vector<milliseconds> sleeps_;
  std::chrono::steady_clock::time_point now_{};
};

// `listed` members web-0..; the first `resolved` of them have an address.
BarrierRound round_with(int resolved, int listed) {
  std::vector<SrvRecord> srvs;
  std::vector<AddressRecord> addresses;
  for (int i = 0; i < listed; ++i) {
    const std::string target = "web-" + std::to_string(i) + ".nginx.test.svc.cluster.local.";
    srvs.push_back({target, 80});
    if (i < resolved) addresses.push_back({target, "10.0.0." + std::to_string(i + 1)});
  }
  BarrierRound round;
  round.peers = members_from_records(srvs, addresses, 0, 0);
  if (listed == 0) round.note = "NXDOMAIN";
  return round;
}

TEST(PeersBarrier, BackoffDoublesFrom50msTo2sAndAsksAfreshEachRound) {
  FakeClock fake;
  int asked = 0;
  const auto result = wait_for_members(
      [&](milliseconds) {
        ++asked;
        // NXDOMAIN for eight rounds, then the three members at once.
        return asked <= 8 ? round_with(0, 0) : round_with(3, 3);
      },
      3, std::chrono::minutes(5), fake.clock());
  EXPECT_TRUE(result.reached);
  EXPECT_EQ(result.rounds, 9);
  EXPECT_EQ(fake.sleeps_,
            (std::vector<milliseconds>{milliseconds(50), milliseconds(100), milliseconds(200),
                                       milliseconds(400), milliseconds(800), milliseconds(1600),
                                       milliseconds(2000), milliseconds(2000)}));
  EXPECT_EQ(with_addresses(result.last.peers).size(), 3u);
}

TEST(PeersBarrier, ListedMembersWithoutAddressDoNotCount) {
  FakeClock fake;
  int asked = 0;
  const auto result =
      wait_for_members([&](milliseconds) { return round_with(++asked >= 3 ? 3 : 2, 3); }, 3,
                       std::chrono::seconds(10), fake.clock());
  EXPECT_TRUE(result.reached);
  EXPECT_EQ(result.rounds, 3);
}

TEST(PeersBarrier, TimesOutAtTheDeadlineWithTheLastRound) {
  FakeClock fake;
  const auto start = fake.now_;
  std::vector<milliseconds> remaining;
  const auto result = wait_for_members(
      [&](milliseconds left) {
        remaining.push_back(left);
        return round_with(2, 2);
      },
      3, std::chrono::seconds(2), fake.clock());
  EXPECT_FALSE(result.reached);
  EXPECT_EQ(result.target, 3);
  EXPECT_EQ(fake.now_ - start, std::chrono::seconds(2));  // never sleeps past the deadline
  EXPECT_EQ(remaining.back(), milliseconds(0));           // one last question at the deadline
  EXPECT_EQ(result.last.peers.size(), 2u);
}

TEST(PeersBarrier, MinZeroIsReachedAtOnce) {
  FakeClock fake;
  const auto result = wait_for_members([&](milliseconds) { return round_with(0, 0); }, 0,
                                       std::chrono::seconds(2), fake.clock());
  EXPECT_TRUE(result.reached);
  EXPECT_TRUE(fake.sleeps_.empty());
}

TEST(PeersBarrier, CountFromThePublishedReplicas) {
  FakeClock fake;
  int asked = 0;
  const auto result = wait_for_members(
      [&](milliseconds) {
        ++asked;
        BarrierRound round = round_with(asked, 5);
        if (asked >= 2) round.expected = 4;  // the count appears with the Service
        return round;
      },
      std::nullopt, std::chrono::seconds(30), fake.clock());
  EXPECT_TRUE(result.reached);
  EXPECT_EQ(result.target, 4);
  EXPECT_EQ(result.rounds, 4);
}

TEST(PeersBarrier, UnknownCountTimesOutWithoutTarget) {
  FakeClock fake;
  const auto result = wait_for_members([&](milliseconds) { return round_with(3, 3); }, std::nullopt,
                                       std::chrono::seconds(1), fake.clock());
  EXPECT_FALSE(result.reached);
  EXPECT_FALSE(result.target.has_value());
}

TEST(PeersBarrier, FatalRoundEndsTheWait) {
  FakeClock fake;
  const auto result = wait_for_members(
      [&](milliseconds) {
        BarrierRound round = round_with(0, 0);
        round.fatal = "no replica count";
        return round;
      },
      std::nullopt, std::chrono::minutes(5), fake.clock());
  EXPECT_FALSE(result.reached);
  EXPECT_EQ(result.rounds, 1);
  EXPECT_EQ(result.last.fatal, "no replica count");
}

}  // namespace
}  // namespace ordinal::cli
