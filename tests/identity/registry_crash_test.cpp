// Crash safety: a child process writes as fast as it can and reports each acknowledged write
// through a pipe; it is killed with SIGKILL at a random moment. Every write it acknowledged must
// be in the store afterwards, and the counter must go on upwards.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <random>
#include <thread>

#include "identity/registry.hpp"
#include "registry_fixture.hpp"

namespace ordinal::identity {
namespace {

struct Ack {
  std::uint64_t index = 0;
  std::uint64_t resource_version = 0;
};

// The child: never returns. Writes ConfigMaps r<round>-<i> and reports each acknowledged one.
[[noreturn]] void write_until_killed(const std::filesystem::path& dir, int round, int fd) {
  try {
    auto registry = Registry::open(dir);
    for (std::uint64_t i = 0;; ++i) {
      auto created = registry->create(
          testing::config_map("t", "r" + std::to_string(round) + "-" + std::to_string(i)));
      if (!created.ok()) _exit(2);
      const Ack ack{i, testing::rv_number(*created)};
      if (write(fd, &ack, sizeof ack) != static_cast<ssize_t>(sizeof ack)) _exit(3);
    }
  } catch (...) {
    _exit(4);
  }
}

// Reads acknowledgements until end of file, or until `limit` of them arrived.
std::vector<Ack> read_acks(int fd, std::size_t limit = SIZE_MAX) {
  std::vector<Ack> acks;
  Ack ack;
  std::size_t got = 0;
  while (acks.size() < limit) {
    const ssize_t n = read(fd, reinterpret_cast<char*>(&ack) + got, sizeof ack - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
    if (got == sizeof ack) {
      acks.push_back(ack);
      got = 0;
    }
  }
  return acks;
}

TEST(RegistryCrash, EveryAcknowledgedWriteSurvivesSigkill) {
  testing::TempDir dir;
  std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<int> delay_ms(0, 300);
  std::uint64_t highest_seen = 0;
  for (int round = 0; round < 5; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      write_until_killed(dir.path(), round, fds[1]);
    }
    close(fds[1]);
    // Kill it at a random moment once it is writing, not while it is still opening the store.
    std::vector<Ack> acks = read_acks(fds[0], 1);
    ASSERT_EQ(acks.size(), 1u) << "the writer never acknowledged a write";
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "the writer stopped by itself, exit " << WEXITSTATUS(status);
    for (const Ack& ack : read_acks(fds[0])) acks.push_back(ack);
    close(fds[0]);

    auto registry = Registry::open(dir.path());
    for (const Ack& ack : acks) {
      const std::string name = "r" + std::to_string(round) + "-" + std::to_string(ack.index);
      auto stored = registry->get({"ConfigMap", "t", name});
      ASSERT_TRUE(stored.ok()) << "acknowledged write lost: " << name;
      EXPECT_EQ(testing::rv_number(*stored), ack.resource_version);
      EXPECT_GT(ack.resource_version, highest_seen) << "resourceVersions went backwards";
      highest_seen = ack.resource_version;
    }
    EXPECT_GE(registry->resource_version(), highest_seen);
    // The next write continues above everything handed out before the crash.
    auto next = registry->create(testing::config_map("t", "after-" + std::to_string(round)));
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(testing::rv_number(*next), registry->resource_version());
    EXPECT_GT(testing::rv_number(*next), highest_seen);
    highest_seen = testing::rv_number(*next);
    RecordProperty("acknowledged_round_" + std::to_string(round), static_cast<int>(acks.size()));
  }
}

}  // namespace
}  // namespace ordinal::identity
