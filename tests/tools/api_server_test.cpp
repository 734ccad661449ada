// ApiServer over real sockets on 127.0.0.1, driven with curl: plain requests, keep-alive, the
// body limit, and watch streams (events after the watch started, bookmarks, timeouts, expiry,
// and stop() ending them).
#include "tools/api/api_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <thread>
#include <vector>

#include "tests/tools/api_test_fixture.hpp"

namespace ordinal::api::testing {
namespace {

using namespace std::chrono_literals;

// Runs a shell command and returns its standard output.
std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  ::pclose(pipe);
  return out;
}

// Reads a streaming command's output line by line on its own thread.
class Streamer {
 public:
  explicit Streamer(const std::string& command) {
    pipe_ = ::popen(command.c_str(), "r");
    done_ = std::async(std::launch::async, [this] {
      std::vector<std::string> lines;
      char buffer[65536];
      while (pipe_ != nullptr && std::fgets(buffer, sizeof buffer, pipe_) != nullptr) {
        std::lock_guard lock(mu_);
        lines_.emplace_back(buffer);
      }
      if (pipe_ != nullptr) ::pclose(pipe_);
    });
  }
  // Waits until a line containing `text` arrived (true) or `timeout` passed (false).
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mu_);
        for (const auto& line : lines_)
          if (line.find(text) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  // Waits for the command to exit; false when it is still running after `timeout`.
  bool finished(std::chrono::milliseconds timeout) {
    return done_.wait_for(timeout) == std::future_status::ready;
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  FILE* pipe_ = nullptr;
  std::mutex mu_;
  std::vector<std::string> lines_;
  std::future<void> done_;
};

class ServerTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (std::system("curl --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "curl is missing";
  }
  void start() {
    server_ = std::make_unique<ApiServer>(io_, "127.0.0.1", 0, *handler_);
    server_->start();
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    // Once every connection has closed, run() returns on its own.
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!io_.stopped() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(10ms);
    stopped_by_itself_ = io_.stopped();
    io_.stop();
    for (auto& t : threads_) t.join();
    server_.reset();
    ApiFixture::TearDown();
    EXPECT_TRUE(stopped_by_itself_ || threads_.empty()) << "connections outlived stop()";
  }
  std::string curl(const std::string& args) { return run("curl -sS --max-time 10 " + args); }
  std::string url(const std::string& path) { return "'" + server_->url() + path + "'"; }
  bool wait_for_watches(std::int64_t n) {
    for (int i = 0; i < 500; ++i) {
      if (handler_->metrics().open_watches() == n) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  boost::asio::io_context io_;
  std::unique_ptr<ApiServer> server_;
  std::vector<std::thread> threads_;
  bool stopped_by_itself_ = false;
};

TEST_F(ServerTest, UrlNamesTheBoundPort) {
  start();
  EXPECT_EQ(server_->url().rfind("http://127.0.0.1:", 0), 0u);
  EXPECT_NE(server_->url(), "http://127.0.0.1:0");
}

TEST_F(ServerTest, AnswersPlainRequests) {
  start();
  EXPECT_EQ(curl("-w ' %{http_code}' " + url("/healthz")), "ok 200");
  std::string created =
      curl("-w '\\n%{http_code}' -H 'Content-Type: application/json' --data-binary '" +
           pod("a").dump() + "' " + url("/api/v1/namespaces/test/pods"));
  EXPECT_EQ(created.substr(created.size() - 3), "201") << created;
  std::string missing = curl("-w '\\n%{http_code}' " + url("/api/v1/namespaces/test/pods/zz"));
  EXPECT_NE(missing.find("pods \\\"zz\\\" not found"), std::string::npos) << missing;
  EXPECT_EQ(missing.substr(missing.size() - 3), "404");
}

TEST_F(ServerTest, KeepsConnectionsAlive) {
  start();
  std::string out = curl("-v " + url("/healthz") + " " + url("/version") + " 2>&1");
  EXPECT_NE(out.find("Re-using existing connection"), std::string::npos) << out;
  EXPECT_NE(out.find("v1.32.0"), std::string::npos);
}

TEST_F(ServerTest, BodiesOverThreeMebibytesAre413) {
  start();
  auto file = dir_ / "big.json";
  std::filesystem::create_directories(dir_);
  std::ofstream(file) << std::string(4 * 1024 * 1024, ' ');
  std::string out = curl(
      "-o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' "
      "--data-binary @" +
      file.string() + " " + url("/api/v1/namespaces/test/pods"));
  EXPECT_EQ(out, "413");
}

TEST_F(ServerTest, WatchSeesObjectsCreatedAfterItStartedAndStopEndsIt) {
  start();
  send("GET", "/api");
  const std::string rv = std::to_string(registry_->resource_version());
  Streamer watch("curl -sN --max-time 30 " +
                 url("/api/v1/namespaces/test/pods?watch=1&resourceVersion=" + rv));
  ASSERT_TRUE(wait_for_watches(1));
  ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("late")).status, 201u);
  EXPECT_TRUE(watch.wait_for("\"name\":\"late\"", 5s));
  auto lines = watch.lines();
  ASSERT_FALSE(lines.empty());
  Json event = Json::parse(lines.back());
  EXPECT_EQ(event["type"], "ADDED");
  server_->stop();
  EXPECT_TRUE(watch.finished(5s)) << "stop() did not end the watch";
  EXPECT_TRUE(wait_for_watches(0));
}

TEST_F(ServerTest, WatchFromZeroListsFirstAndSendsBookmarksUntilTheTimeout) {
  start();
  ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod("early")).status, 201u);
  Streamer watch(
      "curl -sN --max-time 30 " +
      url("/api/v1/watch/namespaces/test/pods?allowWatchBookmarks=true&timeoutSeconds=7"));
  EXPECT_TRUE(watch.wait_for("\"name\":\"early\"", 5s));
  ASSERT_TRUE(watch.wait_for("\"type\":\"BOOKMARK\"", 8s));
  EXPECT_TRUE(watch.finished(8s)) << "timeoutSeconds did not end the watch";
  for (const auto& line : watch.lines()) {
    Json event = Json::parse(line);
    if (event["type"] != "BOOKMARK") continue;
    EXPECT_EQ(event["object"]["kind"], "Pod");
    EXPECT_EQ(event["object"]["metadata"]["resourceVersion"],
              std::to_string(registry_->resource_version()));
  }
}

TEST_F(ServerTest, WatchFromATooOldResourceVersionIsExpired) {
  registry_options_.history_limit = 1;
  open({});
  start();
  for (const char* name : {"a", "b", "c"})
    ASSERT_EQ(send("POST", "/api/v1/namespaces/test/pods", pod(name)).status, 201u);
  std::string out = curl(url("/api/v1/namespaces/test/pods?watch=1&resourceVersion=1"));
  Json event = Json::parse(out, nullptr, false);
  ASSERT_TRUE(event.is_object()) << out;
  EXPECT_EQ(event["type"], "ERROR");
  EXPECT_EQ(event["object"]["code"], 410);
  EXPECT_EQ(event["object"]["reason"], "Expired");
}

TEST_F(ServerTest, ClosedWatchClientsAreNoticed) {
  start();
  {
    Streamer watch("curl -sN --max-time 1 " + url("/api/v1/pods?watch=1"));
    ASSERT_TRUE(wait_for_watches(1));
    EXPECT_TRUE(watch.finished(5s));
  }
  EXPECT_TRUE(wait_for_watches(0));
}

}  // namespace
}  // namespace ordinal::api::testing
