// kill -9 in the middle of a stream of writes loses nothing that was acknowledged, and
// resourceVersions keep going up after the restart.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "integration/acknowledged_writes.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

TEST(Crash, SigkillDuringWritesLosesNothingAcknowledged) {
  TempDir dir;
  std::mt19937 random(std::random_device{}());
  Acknowledged all_acked;
  for (int round = 0; round < 3; ++round) {
    Server server(dir.path() / "data");
    Acknowledged acked;
    std::atomic<bool> first_acked = false;
    std::thread writer(
        [&] { acked = write_until_killed(server.api_url(), "crash", round, &first_acked); });
    // The kill lands a random while after the first acknowledged write: on a loaded machine
    // a fixed delay from the start could end the round before any write was answered.
    for (int i = 0; i < 3000 && !first_acked; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 1000)(random)));
    EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
    writer.join();
    EXPECT_GT(acked.rv_by_name.size(), 0u) << "round " << round << " wrote nothing";
    all_acked.add(acked);

    Server restarted(dir.path() / "data");
    all_acked.max_rv = expect_acknowledged_present(restarted.api_url(), "crash", all_acked,
                                                   "probe-" + std::to_string(round));
    restarted.stop(SIGTERM);
  }
}

}  // namespace
}  // namespace ordinal::testing
