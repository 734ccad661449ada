// `ordinal serve --follow URL` (issue 10): followers behind one control plane answer DNS as the
// control plane does through scaling, keep answering from their last state while it is away
// (and say so on /readyz), and catch up when it comes back.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "integration/cluster.hpp"
#include "integration/dig_reply.hpp"
#include "integration/free_port.hpp"
#include "integration/process.hpp"

namespace ordinal::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// `ordinal serve --follow URL` on loopback port 0, its output in files of `dir`.
class FollowerProcess {
 public:
  FollowerProcess(const std::filesystem::path& dir, const std::string& url,
                  std::vector<std::string> extra = {})
      : out_(dir / "out"), err_(dir / "err") {
    std::filesystem::create_directories(dir);
    std::vector<std::string> args = {ORDINAL_BINARY, "serve",       "--follow",     url,
                                     "--dns-listen", "127.0.0.1:0", "--api-listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      const int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(out, 1);
      ::dup2(err, 2);
      auto argv = argv_of(args);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~FollowerProcess() {
    if (pid_ > 0) stop(SIGKILL);
  }
  FollowerProcess(const FollowerProcess&) = delete;
  FollowerProcess& operator=(const FollowerProcess&) = delete;

  /// True once the follower printed `ready`.
  bool wait_ready(std::chrono::seconds timeout = 30s) {
    return wait_until([&] { return has_line("ready"); }, timeout);
  }
  [[nodiscard]] bool has_line(const std::string& wanted) const {
    std::istringstream in(read_file(out_));
    for (std::string line; std::getline(in, line);)
      if (line == wanted) return true;
    return false;
  }
  /// The value after `prefix` on the first line starting with it ("" when none yet).
  [[nodiscard]] std::string line_after(const std::string& prefix) const {
    std::istringstream in(read_file(out_));
    for (std::string line; std::getline(in, line);)
      if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    return "";
  }
  [[nodiscard]] std::string dns_port() const {
    const std::string address = line_after("dns udp ");
    return address.substr(address.rfind(':') + 1);
  }
  [[nodiscard]] std::string api_url() const { return line_after("api "); }
  [[nodiscard]] std::string errors() const { return read_file(err_); }
  /// Sends `signal` and waits; returns the exit code (128+signal when killed).
  int stop(int signal = SIGTERM) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
};

struct HttpReply {
  int status = 0;
  std::string body;
};

/// GET `path` from "http://127.0.0.1:PORT" with HTTP/1.0 (the server closes after answering).
HttpReply http_get(const std::string& url, const std::string& path) {
  HttpReply reply;
  const int port = std::stoi(url.substr(url.rfind(':') + 1));
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string text;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: test\r\n\r\n";
    if (::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buf[4096];
      for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
        text.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  if (text.rfind("HTTP/1.", 0) == 0) reply.status = std::stoi(text.substr(9, 3));
  if (const auto end = text.find("\r\n\r\n"); end != std::string::npos)
    reply.body = text.substr(end + 4);
  return reply;
}

/// Status and sorted answer lines (the authority SOA of a negative answer too), with SOA
/// serials masked: each server numbers its own versions of the zone.
std::string follower_summary(const DigReply& reply) {
  std::vector<std::string> lines;
  auto add = [&](const DigRecord& record, const std::string& prefix) {
    std::string line = record.line;
    if (record.type == "SOA") {
      std::istringstream fields(record.rdata);
      std::string mname, rname, serial, rest;
      fields >> mname >> rname >> serial;
      std::getline(fields, rest);
      line = record.owner + " " + record.ttl + " SOA " + mname + " " + rname + " SERIAL" + rest;
    }
    lines.push_back(prefix + line);
  };
  for (const auto& record : reply.answer) add(record, "");
  if (reply.answer.empty())
    for (const auto& record : reply.authority) add(record, "authority ");
  std::sort(lines.begin(), lines.end());
  std::string out = reply.status;
  for (const auto& line : lines) out += "\n" + line;
  return out;
}

std::string first_members(int count) {
  std::string out;
  for (int i = 0; i < count; ++i)
    out += "web-" + std::to_string(i) + ".nginx.test.svc.cluster.local. ";
  return out;
}

/// Waits for the primary to publish `expected` members, then for each follower; a follower
/// must follow within a second.
void expect_followed(const Server& primary, std::vector<FollowerProcess*> followers,
                     const std::string& expected) {
  ASSERT_TRUE(wait_until([&] { return members(primary.dns_port()) == expected; }, 60s))
      << "the primary never showed " << expected;
  const auto lags = follow_times(
      followers.size(),
      [&](std::size_t i) { return members(followers[i]->dns_port()) == expected; }, 10s);
  for (std::size_t i = 0; i < followers.size(); ++i) {
    ASSERT_TRUE(lags[i]) << "a follower never showed " << expected << "\n"
                         << followers[i]->errors();
    EXPECT_LE(*lags[i], 1s) << "a follower followed after " << lags[i]->count() << " ms";
  }
}

/// Every question of `table` answered alike by the primary and each follower (allowing the
/// zone a few seconds to settle, as pods become ready one by one).
void expect_same_answers(const Server& primary, std::vector<FollowerProcess*> followers,
                         const std::vector<std::string>& table) {
  for (FollowerProcess* follower : followers) {
    for (const auto& question : table) {
      std::string theirs, ours;
      const bool same = wait_until(
          [&] {
            ours = follower_summary(ask(primary, question));
            theirs = follower_summary(ask_port(follower->dns_port(), question));
            return ours == theirs;
          },
          5s);
      EXPECT_TRUE(same) << question << "\nprimary:\n" << ours << "\nfollower:\n" << theirs;
    }
  }
}

std::vector<std::string> question_table(const Server& primary) {
  const std::string ip = get_object(primary, "pod", "web-0", "test")["status"].value("podIP", "");
  EXPECT_FALSE(ip.empty());
  return {
      "SRV nginx.test.svc.cluster.local",
      "SRV _web._tcp.nginx.test.svc.cluster.local",
      "A nginx.test.svc.cluster.local",
      "A web-0.nginx.test.svc.cluster.local",
      "AAAA web-0.nginx.test.svc.cluster.local",  // NODATA
      "A web-9.nginx.test.svc.cluster.local",     // NXDOMAIN
      "TXT web-0.nginx.test.svc.cluster.local",
      "TXT nginx.test.svc.cluster.local",
      "-x " + ip,
  };
}

bool scale(const Server& primary, int replicas) {
  return primary
             .ordinal({"scale", "statefulset/web", "--replicas=" + std::to_string(replicas), "-n",
                       "test"})
             .exit_code == 0;
}

TEST(Follower, TwoFollowersAnswerAsThePrimaryThroughScaling) {
  TempDir dir;
  Server primary(dir.path() / "data", {"--sim-ready-after", "100ms"});
  ASSERT_TRUE(apply_slow_stopping_example(primary, dir.path()));
  FollowerProcess one(dir.path() / "one", primary.api_url());
  FollowerProcess two(dir.path() / "two", primary.api_url());
  ASSERT_TRUE(one.wait_ready()) << one.errors();
  ASSERT_TRUE(two.wait_ready()) << two.errors();
  const std::vector<FollowerProcess*> followers{&one, &two};
  expect_followed(primary, followers, first_members(3));
  expect_same_answers(primary, followers, question_table(primary));

  ASSERT_TRUE(scale(primary, 5));
  expect_followed(primary, followers, first_members(5));
  expect_same_answers(primary, followers, question_table(primary));

  ASSERT_TRUE(scale(primary, 1));
  expect_followed(primary, followers, first_members(1));
  expect_same_answers(primary, followers, question_table(primary));

  const auto metrics = http_get(one.api_url(), "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("ordinal_follower_connected 1\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("ordinal_follower_relists_total 1\n"), std::string::npos);
  EXPECT_EQ(one.stop(), 0);
  EXPECT_EQ(two.stop(), 0);
}

TEST(Follower, KeepsAnsweringWhileTheControlPlaneIsAwayAndCatchesUpAfter) {
  TempDir dir;
  const std::string api = "127.0.0.1:" + std::to_string(free_port());
  auto primary = std::make_unique<Server>(
      dir.path() / "data",
      std::vector<std::string>{"--sim-ready-after", "100ms", "--api-listen", api});
  ASSERT_TRUE(apply_slow_stopping_example(*primary, dir.path()));
  FollowerProcess follower(dir.path() / "follower", primary->api_url());
  ASSERT_TRUE(follower.wait_ready()) << follower.errors();
  expect_followed(*primary, {&follower}, first_members(3));
  EXPECT_EQ(http_get(follower.api_url(), "/readyz").status, 200);
  const auto web0 = dig(*primary, "A", "web-0.nginx.test.svc.cluster.local");
  ASSERT_EQ(web0.size(), 1u);

  primary->stop(SIGKILL);
  primary.reset();
  EXPECT_TRUE(
      wait_until([&] { return http_get(follower.api_url(), "/readyz").status == 503; }, 5s));
  const auto down = http_get(follower.api_url(), "/readyz");
  EXPECT_NE(down.body.find("source unreachable since"), std::string::npos) << down.body;
  EXPECT_EQ(http_get(follower.api_url(), "/healthz").status, 200);
  EXPECT_NE(http_get(follower.api_url(), "/metrics").body.find("ordinal_follower_connected 0"),
            std::string::npos);
  // The last state keeps being served.
  EXPECT_EQ(dig_lines("dig +short +time=2 +tries=1 -p " + follower.dns_port() +
                      " @127.0.0.1 A web-0.nginx.test.svc.cluster.local"),
            web0);
  EXPECT_EQ(members(follower.dns_port()), first_members(3));

  // Back on the same data and address: the follower reconnects (resuming or relisting) and
  // follows a change made after the restart.
  primary = std::make_unique<Server>(
      dir.path() / "data",
      std::vector<std::string>{"--sim-ready-after", "100ms", "--api-listen", api});
  EXPECT_TRUE(
      wait_until([&] { return http_get(follower.api_url(), "/readyz").status == 200; }, 15s))
      << http_get(follower.api_url(), "/readyz").body;
  ASSERT_TRUE(scale(*primary, 1));
  expect_followed(*primary, {&follower}, first_members(1));
  expect_same_answers(*primary, {&follower}, question_table(*primary));
  EXPECT_EQ(follower.stop(), 0);
}

TEST(Follower, WaitsForAnUnreachableSourceAndStopsPromptly) {
  TempDir dir;
  const std::string url = "http://127.0.0.1:" + std::to_string(free_port());
  FollowerProcess follower(dir.path() / "follower", url);
  ASSERT_TRUE(wait_until([&] { return !follower.api_url().empty(); }, 10s));
  EXPECT_TRUE(wait_until(
      [&] { return follower.errors().find("waiting for " + url) != std::string::npos; }, 10s))
      << follower.errors();
  EXPECT_FALSE(follower.has_line("ready"));
  EXPECT_EQ(follower.line_after("dns udp "), "");  // no DNS before a complete list
  const auto readyz = http_get(follower.api_url(), "/readyz");
  EXPECT_EQ(readyz.status, 503);
  const auto other = http_get(follower.api_url(), "/api/v1/namespaces/test/pods");
  EXPECT_EQ(other.status, 404);
  EXPECT_NE(other.body.find("follower of " + url), std::string::npos) << other.body;
  const auto asked = Clock::now();
  EXPECT_EQ(follower.stop(SIGTERM), 0);
  EXPECT_LT(Clock::now() - asked, 1s);
}

/// A loopback listener that reads one request per connection and hangs up, to see what a
/// follower sends.
class RequestRecorder {
 public:
  RequestRecorder() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 8);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RequestRecorder() { ::close(fd_); }
  RequestRecorder(const RequestRecorder&) = delete;
  RequestRecorder& operator=(const RequestRecorder&) = delete;
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// The head of the next request ("" after 10 s without one); the connection is then closed.
  std::string next() {
    const int client = ::accept(fd_, nullptr, nullptr);
    if (client < 0) return "";
    std::string text;
    char buf[4096];
    while (text.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::read(client, buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(client);
    return text;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(Follower, SendsTheTokenFileReadAgainOnEveryConnection) {
  TempDir dir;
  RequestRecorder source;
  const auto token = dir.path() / "token";
  std::ofstream(token) << "first-token\n";
  FollowerProcess follower(dir.path() / "follower", source.url(), {"--token-file", token.string()});
  const std::string first = source.next();
  EXPECT_NE(first.find("GET /api/v1/namespaces HTTP/1.1\r\n"), std::string::npos) << first;
  EXPECT_NE(first.find("Authorization: Bearer first-token\r\n"), std::string::npos) << first;
  std::ofstream(token) << "rotated-token\n";  // as a projected token is replaced
  const std::string second = source.next();
  EXPECT_NE(second.find("Authorization: Bearer rotated-token\r\n"), std::string::npos) << second;
  EXPECT_EQ(follower.stop(), 0);
}

/// `openssl s_server -WWW` serving the five lists from files, over TLS with a certificate for
/// 127.0.0.1 that `ca` (self-signed) verifies. Watches fail there (s_server ignores the query
/// and sends the list again), which is enough to see a complete list arrive over https.
class TlsListServer {
 public:
  explicit TlsListServer(const std::filesystem::path& dir) : ca_(dir / "ca.pem") {
    const auto www = dir / "www";
    const std::string key = (dir / "key.pem").string();
    command_lines(
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test -addext "
        "subjectAltName=IP:127.0.0.1 -keyout " +
        key + " -out " + ca_.string());
    const std::pair<const char*, const char*> lists[] = {
        {"api/v1/namespaces", R"({"metadata":{"name":"test"}})"},
        {"api/v1/services",
         R"({"metadata":{"name":"db","namespace":"test"},"spec":{"clusterIP":"10.96.0.7"}})"},
        {"api/v1/pods", ""},
        {"apis/discovery.k8s.io/v1/endpointslices", ""},
        {"apis/apps/v1/statefulsets", ""},
    };
    for (const auto& [path, items] : lists) {
      std::filesystem::create_directories((www / path).parent_path());
      std::ofstream(www / path) << R"({"kind":"List","metadata":{"resourceVersion":"5"},"items":[)"
                                << items << "]}";
    }
    port_ = free_port();
    pid_ = ::fork();
    if (pid_ == 0) {
      if (::chdir(www.c_str()) != 0) ::_exit(127);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      std::vector<std::string> args = {
          "/usr/bin/openssl",    "s_server", "-quiet",     "-WWW", "-accept",
          std::to_string(port_), "-cert",    ca_.string(), "-key", key};
      auto argv = argv_of(args);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~TlsListServer() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  TlsListServer(const TlsListServer&) = delete;
  TlsListServer& operator=(const TlsListServer&) = delete;
  [[nodiscard]] std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] const std::filesystem::path& ca() const { return ca_; }

 private:
  std::filesystem::path ca_;
  int port_ = 0;
  pid_t pid_ = -1;
};

TEST(Follower, HttpsSourcesAreVerifiedAgainstTheCaFile) {
  if (!std::filesystem::exists("/usr/bin/openssl")) GTEST_SKIP() << "needs the openssl tool";
  TempDir dir;
  TlsListServer source(dir.path());
  FollowerProcess trusting(dir.path() / "trusting", source.url(),
                           {"--ca-file", source.ca().string()});
  ASSERT_TRUE(trusting.wait_ready(10s)) << trusting.errors();
  EXPECT_EQ(dig_lines("dig +short +time=2 +tries=1 -p " + trusting.dns_port() +
                      " @127.0.0.1 A db.test.svc.cluster.local"),
            std::vector<std::string>{"10.96.0.7"});
  // Without --ca-file the system's CAs are used, and they do not know this certificate.
  FollowerProcess doubting(dir.path() / "doubting", source.url());
  EXPECT_TRUE(wait_until(
      [&] { return doubting.errors().find("certificate verify failed") != std::string::npos; },
      10s))
      << doubting.errors();
  EXPECT_FALSE(doubting.has_line("ready"));
}

TEST(Follower, RefusesTheFlagsOfTheFullServer) {
  for (const std::vector<std::string>& flags : {std::vector<std::string>{"--data-dir", "somewhere"},
                                                {"-f", "examples/nginx.yaml"},
                                                {"--runtime", "process"},
                                                {"--sim-ready-after", "1s"}}) {
    std::vector<std::string> args = {"serve", "--follow", "http://127.0.0.1:1"};
    args.insert(args.end(), flags.begin(), flags.end());
    const auto result = run_ordinal(args);
    EXPECT_EQ(result.exit_code, 1) << flags[0];
    EXPECT_NE(result.err.find("--follow runs DNS only"), std::string::npos) << result.err;
  }
  const auto lone = run_ordinal({"serve", "--ca-file", "/nonexistent"});
  EXPECT_EQ(lone.exit_code, 1);
  EXPECT_NE(lone.err.find("--ca-file goes with --follow"), std::string::npos) << lone.err;
}

}  // namespace
}  // namespace ordinal::testing
