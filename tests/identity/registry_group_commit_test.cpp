// Group commit: writers that arrive together share one transaction, yet each gets the answer it
// would have got alone, every acknowledged write is stored, and a crash in the middle of many
// concurrent writers loses none that was acknowledged.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "identity/registry.hpp"
#include "registry_fixture.hpp"

namespace ordinal::identity {
namespace {

using testing::config_map;
using testing::rv_number;

constexpr int kWriters = 16;

TEST(RegistryGroupCommit, ConcurrentWritersAreAllStoredWithDistinctIncreasingVersions) {
  testing::TempDir dir;
  std::vector<std::uint64_t> versions;
  std::mutex mu;
  {
    auto registry = Registry::open(dir.path());
    std::vector<std::thread> threads;
    for (int t = 0; t < kWriters; ++t)
      threads.emplace_back([&, t] {
        std::uint64_t last = 0;
        for (int i = 0; i < 20; ++i) {
          auto r =
              registry->create(config_map("t", "w" + std::to_string(t) + "-" + std::to_string(i)));
          ASSERT_TRUE(r.ok()) << r.error().message;
          EXPECT_GT(rv_number(*r), last) << "one writer's versions go up";
          last = rv_number(*r);
          std::lock_guard lock(mu);
          versions.push_back(last);
        }
      });
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(std::set(versions.begin(), versions.end()).size(), versions.size())
      << "every write has its own resourceVersion";
  auto reopened = Registry::open(dir.path());
  EXPECT_EQ(reopened->list("ConfigMap", "t").items.size(), std::size_t{kWriters * 20});
  EXPECT_EQ(reopened->resource_version(), std::size_t{kWriters * 20});
}

TEST(RegistryGroupCommit, WritersRacingForOneNameGetOneSuccessAndConflictsForTheRest) {
  testing::TempDir dir;
  auto registry = Registry::open(dir.path());
  for (int round = 0; round < 10; ++round) {
    std::atomic<int> created{0}, exists{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kWriters; ++t)
      threads.emplace_back([&] {
        auto r = registry->create(config_map("t", "same-" + std::to_string(round)));
        if (r.ok())
          ++created;
        else if (r.error().code == 409)
          ++exists;
      });
    for (auto& t : threads) t.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(exists.load(), kWriters - 1);
  }
}

// The child: kWriters threads create ConfigMaps and report each acknowledged name's index
// through the pipe (one int per write: thread * 1,000,000 + i); killed with SIGKILL.
[[noreturn]] void write_until_killed(const std::filesystem::path& dir, int fd) {
  try {
    auto registry = Registry::open(dir);
    std::mutex pipe_mu;
    std::vector<std::thread> threads;
    for (int t = 0; t < kWriters; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0;; ++i) {
          auto r =
              registry->create(config_map("t", "c" + std::to_string(t) + "-" + std::to_string(i)));
          if (!r.ok()) _exit(2);
          const int ack = t * 1000000 + i;
          std::lock_guard lock(pipe_mu);
          if (write(fd, &ack, sizeof ack) != static_cast<ssize_t>(sizeof ack)) _exit(3);
        }
      });
    for (auto& t : threads) t.join();
  } catch (...) {
    _exit(4);
  }
  _exit(5);
}

TEST(RegistryGroupCommit, ManyConcurrentWritersLoseNothingAcknowledgedOnSigkill) {
  testing::TempDir dir;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    write_until_killed(dir.path(), fds[1]);
  }
  close(fds[1]);
  std::vector<int> acks;
  int ack = 0;
  while (acks.size() < 200 && read(fds[0], &ack, sizeof ack) == sizeof ack) acks.push_back(ack);
  ASSERT_EQ(acks.size(), 200u) << "the writers did not get going";
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself, exit " << WEXITSTATUS(status);
  while (read(fds[0], &ack, sizeof ack) == sizeof ack) acks.push_back(ack);
  close(fds[0]);
  auto registry = Registry::open(dir.path());
  for (int a : acks) {
    const std::string name = "c" + std::to_string(a / 1000000) + "-" + std::to_string(a % 1000000);
    ASSERT_TRUE(registry->get({"ConfigMap", "t", name}).ok())
        << "acknowledged write lost: " << name;
  }
  RecordProperty("acknowledged", static_cast<int>(acks.size()));
}

}  // namespace
}  // namespace ordinal::identity
