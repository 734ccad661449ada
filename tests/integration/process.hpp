#pragma once
// Test support: run the real `ordinal` binary, as a one-shot command or as a server.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace ordinal::testing {

/// The users' example (examples/nginx.yaml).
inline const std::string kNginxExample = std::string(ORDINAL_SOURCE_DIR) + "/examples/nginx.yaml";

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

/// Starts `args` (args[0] is the program's path) with its standard output, and its standard
/// error too when `with_stderr`, written to `output`; returns its pid.
inline pid_t spawn_to_file(std::vector<std::string> args, const std::filesystem::path& output,
                           bool with_stderr) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 1);
    if (with_stderr) ::dup2(fd, 2);
    ::close(fd);
    auto argv = argv_of(args);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
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

/// `ordinal serve` on loopback port 0 with a data dir of its own; waits for `ready`. A thread
/// keeps reading its stdout and stderr, so a chatty server never blocks on a full pipe.
/// `launcher`, when given, is the command line that execs the server (its arguments follow).
class Server {
 public:
  explicit Server(const std::filesystem::path& data_dir, std::vector<std::string> extra = {},
                  std::vector<std::string> launcher = {}) {
    std::vector<std::string> args = std::move(launcher);
    args.insert(args.end(), {ORDINAL_BINARY, "serve", "--data-dir", data_dir.string(),
                             "--dns-listen", "127.0.0.1:0"});
    // The API on a free port unless the test names its own address.
    if (std::find(extra.begin(), extra.end(), "--api-listen") == extra.end())
      args.insert(args.end(), {"--api-listen", "127.0.0.1:0"});
    args.insert(args.end(), extra.begin(), extra.end());
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
      auto argv = argv_of(args);
      ::execvp(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    reader_ = std::thread([this, out = out[0], err = err[0]] { read_output(out, err); });
    wait_ready();
  }
  ~Server() {
    if (pid_ > 0) stop(SIGKILL);
    if (reader_.joinable()) reader_.join();
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// "http://127.0.0.1:NNNN"
  [[nodiscard]] const std::string& api_url() const { return api_url_; }
  /// Every line printed before `ready`.
  [[nodiscard]] const std::vector<std::string>& lines() const { return lines_; }
  /// The DNS port the server printed (`dns udp 127.0.0.1:NNNN`).
  [[nodiscard]] std::string dns_port() const {
    for (const auto& line : lines_)
      if (line.rfind("dns udp ", 0) == 0) return line.substr(line.rfind(':') + 1);
    throw std::runtime_error("no dns udp line");
  }
  /// The server's process id (-1 once stopped), to read its /proc entries.
  [[nodiscard]] pid_t pid() const { return pid_; }
  /// Everything the server wrote on stderr so far.
  [[nodiscard]] std::string errors() const {
    std::lock_guard lock(mu_);
    return err_text_;
  }
  /// Sends `signal` and waits; returns the exit code (128+signal when killed).
  int stop(int signal = SIGTERM) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (reader_.joinable()) reader_.join();
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  /// Runs a client verb against this server.
  CommandResult ordinal(std::vector<std::string> args, const std::string& input = "") const {
    args.insert(args.begin(), {"--server", api_url_});
    return run_ordinal(std::move(args), input);
  }

 private:
  void read_output(int out, int err) {
    std::string buffer;
    for (int open_fds = 2; open_fds > 0;) {
      pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
      if (::poll(fds, 2, 1000) <= 0) continue;
      for (auto& fd : fds) {
        if (fd.fd < 0 || !(fd.revents & (POLLIN | POLLHUP))) continue;
        std::string chunk;
        const bool more = drain(fd.fd, chunk);
        std::lock_guard lock(mu_);
        (fd.fd == out ? out_text_ : err_text_) += chunk;
        if (!more) {
          ::close(fd.fd);
          (fd.fd == out ? out : err) = -1;
          --open_fds;
        }
      }
      cv_.notify_all();
    }
    std::lock_guard lock(mu_);
    finished_ = true;
    cv_.notify_all();
  }

  void wait_ready() {
    std::unique_lock lock(mu_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::size_t seen = 0;
    for (;;) {
      for (auto nl = out_text_.find('\n', seen); nl != std::string::npos;
           nl = out_text_.find('\n', seen)) {
        std::string line = out_text_.substr(seen, nl - seen);
        seen = nl + 1;
        if (line == "ready") return;
        lines_.push_back(line);
        if (line.rfind("api ", 0) == 0) api_url_ = line.substr(4);
      }
      if (finished_) throw std::runtime_error("ordinal serve exited before ready: " + err_text_);
      if (cv_.wait_until(lock, deadline) == std::cv_status::timeout)
        throw std::runtime_error("ordinal serve did not print ready in time: " + err_text_);
    }
  }

  pid_t pid_ = -1;
  std::thread reader_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string out_text_;
  std::string err_text_;
  bool finished_ = false;
  std::string api_url_;
  std::vector<std::string> lines_;
};

/// A long-running client command (e.g. `get pods -w -o json`) whose stdout goes to a file,
/// read after stop().
class Background {
 public:
  Background(const Server& server, std::vector<std::string> args,
             const std::filesystem::path& output)
      : output_(output) {
    args.insert(args.begin(), {ORDINAL_BINARY, "--server", server.api_url()});
    pid_ = spawn_to_file(std::move(args), output, false);
  }
  ~Background() {
    if (pid_ > 0) stop();
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  /// Stops the command and returns everything it printed.
  std::string stop() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    std::ifstream in(output_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::filesystem::path output_;
  pid_t pid_ = -1;
};

}  // namespace ordinal::testing
