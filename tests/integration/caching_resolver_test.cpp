// A caching resolver in front of ordinal (issue 6 item 3): unbound, on loopback, forwards the
// cluster zone to ordinal. A member of a set that is asked for before it has an address gets a
// negative answer whose SOA TTL and minimum are 0, so unbound keeps no negative entry and
// resolves the member within one second of it getting an address — where an ordinary SOA
// minimum (5 s, dns.md §5) would hide it for five.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <optional>
#include <thread>

#include "integration/cluster.hpp"
#include "integration/free_port.hpp"
#include "integration/peer_set_manifest.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string find_unbound() {
  for (const char* path : {"/usr/sbin/unbound", "/usr/bin/unbound"})
    if (::access(path, X_OK) == 0) return path;
  return "";
}

// unbound in the foreground with a stub zone for cluster.local pointing at ordinal. Another
// process may take the chosen port between the check and unbound's bind: then unbound exits at
// once and is started again on another port.
class Unbound {
 public:
  Unbound(const std::string& binary, const std::filesystem::path& dir,
          const std::string& ordinal_port) {
    using namespace std::chrono_literals;
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = free_port();
      pid_ = start(binary, dir, ordinal_port);
      std::this_thread::sleep_for(300ms);
      if (::waitpid(pid_, nullptr, WNOHANG) == 0) return;  // still running: it has its ports
    }
    pid_ = -1;
  }
  ~Unbound() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  Unbound(const Unbound&) = delete;
  Unbound& operator=(const Unbound&) = delete;

  /// The records of a `dig +short` through the resolver; empty for a negative answer or
  /// none (dig's own ";;" messages are not records).
  [[nodiscard]] std::vector<std::string> ask(const std::string& type,
                                             const std::string& name) const {
    auto lines = dig_lines("dig +short +time=1 +tries=1 -p " + std::to_string(port_) +
                           " @127.0.0.1 " + type + " " + name);
    std::erase_if(lines, [](const std::string& line) { return line.rfind(";;", 0) == 0; });
    return lines;
  }

 private:
  pid_t start(const std::string& binary, const std::filesystem::path& dir,
              const std::string& ordinal_port) const {
    const auto config = dir / "unbound.conf";
    std::ofstream(config) << "server:\n"
                          << "  interface: 127.0.0.1\n  port: " << port_ << "\n"
                          << "  do-daemonize: no\n  use-syslog: no\n  logfile: \"\"\n"
                          << "  username: \"\"\n  chroot: \"\"\n  directory: \"" << dir.string()
                          << "\"\n  pidfile: \"" << (dir / "unbound.pid").string() << "\"\n"
                          << "  do-ip6: no\n  access-control: 127.0.0.0/8 allow\n"
                          << "  do-not-query-localhost: no\n  module-config: \"iterator\"\n"
                          << "  domain-insecure: \"cluster.local\"\n"
                          << "stub-zone:\n  name: \"cluster.local\"\n"
                          << "  stub-addr: 127.0.0.1@" << ordinal_port << "\n";
    std::vector<std::string> args = {binary, "-d", "-c", config.string()};
    const pid_t pid = ::fork();
    if (pid == 0) {
      auto argv = argv_of(args);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    return pid;
  }

  int port_ = 0;
  pid_t pid_ = -1;
};

TEST(CachingResolver, ResolvesAMemberWithinOneSecondOfItsAddress) {
  const std::string unbound = find_unbound();
  if (unbound.empty())
    GTEST_SKIP() << "unbound is not installed (tools/install-deps.sh installs it)";
  TempDir dir;
  Server server(dir.path() / "data", {"--sim-ready-after", "1s"});
  Unbound resolver(unbound, dir.path(), server.dns_port());
  const std::string member = "web-2.nginx.test.svc.cluster.local";
  ASSERT_TRUE(wait_until([&] { return !resolver.ask("SOA", "cluster.local").empty(); }, 10s))
      << "unbound does not answer for cluster.local";

  const auto path = dir.path() / "nginx.yaml";
  std::ofstream(path) << peer_set_manifest(3);
  ASSERT_EQ(server.ordinal({"apply", "-f", path.string(), "-n", "test"}).exit_code, 0);

  // Ask for the member through the resolver all along, so a cached negative answer would show.
  std::optional<Clock::time_point> has_address, resolves;
  std::size_t negative_answers = 0;
  const auto deadline = Clock::now() + 30s;
  while (Clock::now() < deadline && !resolves) {
    const auto asked_api = Clock::now();
    if (!has_address) {
      const auto pod = get_object(server, "pod", "web-2", "test");
      if (pod.is_object() && !pod["status"].value("podIP", "").empty()) has_address = Clock::now();
    }
    if (resolver.ask("A", member).empty()) {
      ++negative_answers;
    } else {
      resolves = Clock::now();
      // The address came after the API was asked in this round: count from before that.
      if (!has_address) has_address = asked_api;
    }
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(has_address) << "web-2 never got an address";
  ASSERT_TRUE(resolves) << "unbound never resolved " << member;
  EXPECT_GT(negative_answers, 0U) << "the member was never asked for before it had an address";
  EXPECT_LE(*resolves - *has_address, 1s)
      << "unbound resolved " << member << " "
      << std::chrono::duration_cast<std::chrono::milliseconds>(*resolves - *has_address).count()
      << " ms after it got an address";
}

}  // namespace
}  // namespace ordinal::testing
