#include "controller/process_probe.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "controller/process_spawn.hpp"

namespace ordinal::controller {
namespace {

using SteadyClock = std::chrono::steady_clock;  // timeouts, not the reconcilers' Clock

std::chrono::seconds seconds_field(const identity::Json& probe, const char* name,
                                   std::chrono::seconds fallback, bool allow_zero) {
  const auto it = probe.find(name);
  if (it == probe.end() || !it->is_number_integer()) return fallback;
  const auto value = it->get<long long>();
  return value > 0 || (allow_zero && value == 0) ? std::chrono::seconds{value} : fallback;
}

// A port given as a number or as the name of one of the container's ports; 0 when unknown.
int port_of(const identity::Json& port, const identity::Container& container) {
  if (port.is_number_integer()) return port.get<int>();
  if (!port.is_string()) return 0;
  if (const auto* named = container.find_port(port.get<std::string>()))
    return named->container_port.value_or(0);
  try {
    return std::stoi(port.get<std::string>());
  } catch (const std::exception&) {
    return 0;
  }
}

// A connected TCP socket to host:port within `timeout`, or -1 with `error` set.
int connect_within(const std::string& host, int port, std::chrono::milliseconds timeout,
                   std::string& error) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    error = "host " + host + " is not an IPv4 address";
    return -1;
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::strerror(errno);
    return -1;
  }
  const std::string target = "dial tcp " + host + ":" + std::to_string(port) + ": ";
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
      errno != EINPROGRESS) {
    error = target + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  pollfd p{fd, POLLOUT, 0};
  int so_error = 0;
  socklen_t length = sizeof so_error;
  if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1 ||
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &length) != 0 || so_error != 0) {
    error = target + (so_error != 0 ? std::strerror(so_error) : "i/o timeout");
    ::close(fd);
    return -1;
  }
  return fd;
}

ProbeResult tcp_probe(const identity::Json& spec, const identity::Container& container,
                      const std::string& host, std::chrono::milliseconds timeout) {
  ProbeResult result;
  const int fd = connect_within(host, port_of(spec.value("port", identity::Json()), container),
                                timeout, result.message);
  if (fd < 0) return result;
  ::close(fd);
  result.success = true;
  return result;
}

ProbeResult http_probe(const identity::Json& spec, const identity::Container& container,
                       const std::string& host, std::chrono::milliseconds timeout) {
  ProbeResult result;
  const auto deadline = SteadyClock::now() + timeout;
  const int port = port_of(spec.value("port", identity::Json()), container);
  const int fd = connect_within(host, port, timeout, result.message);
  if (fd < 0) return result;
  const std::string request = "GET " + spec.value("path", std::string("/")) +
                              " HTTP/1.0\r\nHost: " + host + ":" + std::to_string(port) +
                              "\r\nUser-Agent: kube-probe/1.32\r\nAccept: */*\r\n\r\n";
  std::string reply;
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
      static_cast<ssize_t>(request.size())) {
    // The status line is all a probe needs.
    while (reply.find("\r\n") == std::string::npos && SteadyClock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 1))) != 1) break;
      char buffer[512];
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      reply.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  const std::size_t space = reply.find(' ');
  const int status = space == std::string::npos ? 0 : std::atoi(reply.c_str() + space + 1);
  result.success = status >= 200 && status < 400;
  if (!result.success)
    result.message = status == 0 ? "Get http://" + host + ":" + std::to_string(port) +
                                       spec.value("path", std::string("/")) + ": no HTTP answer"
                                 : "HTTP probe failed with statuscode: " + std::to_string(status);
  return result;
}

ProbeResult exec_probe(const identity::Json& spec, pid_t pid, const std::vector<std::string>& env,
                       std::chrono::milliseconds timeout) {
  ProbeResult result;
  std::vector<std::string> argv;
  for (const auto& part : spec.value("command", identity::Json::array()))
    if (part.is_string()) argv.push_back(part.get<std::string>());
  std::string path = "/usr/local/bin:/usr/bin:/bin";
  for (const auto& entry : env)
    if (entry.rfind("PATH=", 0) == 0) path = entry.substr(5);
  const std::string exe = argv.empty() ? "" : find_executable(argv[0], path);
  if (exe.empty()) {
    result.message = "exec probe: command not found";
    return result;
  }
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  std::vector<std::string> env_copy = env;
  std::vector<char*> envp;
  for (auto& entry : env_copy) envp.push_back(entry.data());
  envp.push_back(nullptr);
  const std::string mnt = "/proc/" + std::to_string(pid) + "/ns/mnt";
  const std::string uts = "/proc/" + std::to_string(pid) + "/ns/uts";
  const int mnt_fd = ::open(mnt.c_str(), O_RDONLY | O_CLOEXEC);
  const int uts_fd = ::open(uts.c_str(), O_RDONLY | O_CLOEXEC);
  const pid_t child = ::fork();
  if (child == 0) {
    // Joining fails harmlessly when the container shares ours (no private namespaces).
    if (mnt_fd >= 0) (void)::setns(mnt_fd, CLONE_NEWNS);
    if (uts_fd >= 0) (void)::setns(uts_fd, CLONE_NEWUTS);
    const int null_fd = ::open("/dev/null", O_RDWR);
    ::dup2(null_fd, 0);
    ::dup2(null_fd, 1);
    ::dup2(null_fd, 2);
    ::execve(exe.c_str(), args.data(), envp.data());
    ::_exit(127);
  }
  for (int fd : {mnt_fd, uts_fd})
    if (fd >= 0) ::close(fd);
  if (child < 0) {
    result.message = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  const auto deadline = SteadyClock::now() + timeout;
  int status = 0;
  while (::waitpid(child, &status, WNOHANG) == 0) {
    if (SteadyClock::now() >= deadline) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      result.message = "command timed out";
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  result.success = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!result.success) result.message = "command failed";
  return result;
}

}  // namespace

ProbeTiming ProbeTiming::from_json(const identity::Json& probe) {
  ProbeTiming timing;
  if (!probe.is_object()) return timing;
  timing.initial_delay = seconds_field(probe, "initialDelaySeconds", timing.initial_delay, true);
  timing.period = seconds_field(probe, "periodSeconds", timing.period, false);
  timing.timeout = seconds_field(probe, "timeoutSeconds", timing.timeout, false);
  timing.success_threshold = static_cast<int>(
      seconds_field(probe, "successThreshold", std::chrono::seconds{1}, false).count());
  timing.failure_threshold = static_cast<int>(
      seconds_field(probe, "failureThreshold", std::chrono::seconds{3}, false).count());
  return timing;
}

ProbeResult run_probe(const identity::Json& probe, const identity::Container& container,
                      const std::string& pod_ip, pid_t pid, const std::vector<std::string>& env) {
  const std::chrono::milliseconds timeout = ProbeTiming::from_json(probe).timeout;
  if (probe.contains("tcpSocket")) {
    const auto& spec = probe["tcpSocket"];
    return tcp_probe(spec, container, spec.value("host", pod_ip), timeout);
  }
  if (probe.contains("httpGet")) {
    const auto& spec = probe["httpGet"];
    return http_probe(spec, container, spec.value("host", pod_ip), timeout);
  }
  if (probe.contains("exec")) return exec_probe(probe["exec"], pid, env, timeout);
  return ProbeResult{false, "probe has no tcpSocket, httpGet or exec handler"};
}

}  // namespace ordinal::controller
