#pragma once
// Test support: run the real `ordinal` binary, as a one-shot command or as a server.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ordinal::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

/// Reads what is available on `fd` into `into`; false at end of file.
inline bool drain(int fd, std::string& into) {
  char buf[4096];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) into.append(buf, static_cast<std::size_t>(n));
  return n > 0;
}

/// Runs `ordinal ARGS...` to completion with `input` on stdin.
inline CommandResult run_ordinal(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), ORDINAL_BINARY);
  int in[2], out[2], err[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0 || ::pipe(err) != 0) throw std::runtime_error("pipe");
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    auto argv = argv_of(args);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (!input.empty() && ::write(in[1], input.data(), input.size()) < 0) {
  }
  ::close(in[1]);
  CommandResult result;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  while (open_fds > 0 && ::poll(fds, 2, 30000) > 0) {
    for (auto& p : fds) {
      if (p.fd < 0 || !(p.revents & (POLLIN | POLLHUP))) continue;
      if (!drain(p.fd, p.fd == out[0] ? result.out : result.err)) {
        ::close(p.fd);
        p.fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

/// A temporary directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ordinal-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// `ordinal serve` on loopback port 0 with a data dir of its own; waits for `ready`.
class Server {
 public:
  explicit Server(const std::filesystem::path& data_dir, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {ORDINAL_BINARY,    "serve",        "--data-dir",
                                     data_dir.string(), "--api-listen", "127.0.0.1:0",
                                     "--dns-listen",    "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
      auto argv = argv_of(args);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    out_ = out[0];
    err_ = err[0];
    wait_ready();
  }
  ~Server() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_);
    ::close(err_);
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// "http://127.0.0.1:NNNN"
  [[nodiscard]] const std::string& api_url() const { return api_url_; }
  /// Every line printed before `ready`.
  [[nodiscard]] const std::vector<std::string>& lines() const { return lines_; }
  /// Sends `signal` and waits; returns the exit code (128+signal when killed).
  int stop(int signal = SIGTERM) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  /// Runs a client verb against this server.
  CommandResult ordinal(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--server", api_url_});
    return run_ordinal(std::move(args), input);
  }

 private:
  void wait_ready() {
    std::string buffer, errors;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
      if (::poll(fds, 2, 1000) <= 0) continue;
      if (fds[1].revents & POLLIN) drain(err_, errors);
      if ((fds[0].revents & (POLLIN | POLLHUP)) && !drain(out_, buffer))
        throw std::runtime_error("ordinal serve exited before ready: " + errors);
      for (auto nl = buffer.find('\n'); nl != std::string::npos; nl = buffer.find('\n')) {
        std::string line = buffer.substr(0, nl);
        buffer.erase(0, nl + 1);
        if (line == "ready") return;
        lines_.push_back(line);
        if (line.rfind("api ", 0) == 0) api_url_ = line.substr(4);
      }
    }
    throw std::runtime_error("ordinal serve did not print ready in time: " + errors);
  }

  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string api_url_;
  std::vector<std::string> lines_;
};

}  // namespace ordinal::testing
