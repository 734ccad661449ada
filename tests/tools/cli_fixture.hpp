#pragma once
// Runs `ordinal VERB ...` in process, as a user runs it, against a real API server on
// 127.0.0.1 (port chosen at run time) over a registry in a temporary directory.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/tools/api_test_fixture.hpp"
#include "tools/api/api_server.hpp"
#include "tools/cli/app.hpp"

namespace ordinal::cli::testing {

/// What one command printed and its exit status.
struct Outcome {
  int code = 0;
  std::string out;
  std::string err;
};

/// Runs `ordinal ARGS...` in process, capturing what it prints.
inline Outcome run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "ordinal");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  Outcome outcome;
  outcome.code = run(static_cast<int>(argv.size()), argv.data());
  std::cout.flush();
  std::cerr.flush();
  outcome.out = ::testing::internal::GetCapturedStdout();
  outcome.err = ::testing::internal::GetCapturedStderr();
  return outcome;
}

/// ApiFixture's handler served over HTTP on two threads, and `cli()` to talk to it.
class CliFixture : public api::testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    server_ = std::make_unique<api::ApiServer>(io_, "127.0.0.1", 0, *handler_);
    server_->start();
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  void TearDown() override {
    using namespace std::chrono_literals;
    server_->stop();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!io_.stopped() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(10ms);
    io_.stop();
    for (auto& t : threads_) t.join();
    server_.reset();
    ApiFixture::TearDown();
  }

  /// `ordinal ARGS... --server URL -n test`
  Outcome cli(std::vector<std::string> args) {
    for (const std::string& extra :
         {std::string("--server"), server_->url(), std::string("-n"), std::string("test")})
      args.push_back(extra);
    return run_cli(std::move(args));
  }

  boost::asio::io_context io_;
  std::unique_ptr<api::ApiServer> server_;
  std::vector<std::thread> threads_;
};

}  // namespace ordinal::cli::testing
