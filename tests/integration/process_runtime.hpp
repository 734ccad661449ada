#pragma once
// Test support for scenarios on `ordinal serve --runtime process` with real clustered programs
// (etcd, Redis): is a program installed, a loopback range of the run's own, the members'
// addresses once they are all Ready, the volume a claim is bound to, and a command's output.
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "controller/process_spawn.hpp"
#include "integration/cluster.hpp"

namespace ordinal::testing {

inline bool installed(const std::string& program) {
  return !controller::find_executable(program, "/usr/local/bin:/usr/bin:/bin").empty();
}

/// A loopback /24 of its own per run ("127.A.B."), so concurrent servers never share pod
/// addresses.
inline std::string own_range() {
  const auto pid = static_cast<unsigned>(::getpid());
  return "127." + std::to_string(100 + pid % 100) + "." + std::to_string(pid / 100 % 250) + ".";
}

/// The pod addresses of `<set>-0` .. `<set>-(replicas-1)` in namespace default, by ordinal;
/// empty unless every one is Running, Ready and not terminating.
inline std::vector<std::string> ready_addresses(const Server& server, const std::string& set,
                                                int replicas) {
  std::vector<std::string> addresses;
  for (int i = 0; i < replicas; ++i) {
    const Json pod = get_object(server, "pod", set + "-" + std::to_string(i), "default");
    if (pod.is_null() || !is_running_and_ready(pod) || is_terminating(pod)) return {};
    addresses.push_back(pod["status"].value("podIP", ""));
  }
  return addresses;
}

/// The PersistentVolume claim `claim` (namespace default) is bound to; "" when none.
inline std::string volume_of(const Server& server, const std::string& claim) {
  const Json pvc = get_object(server, "pvc", claim, "default");
  return pvc.is_null() ? "" : pvc["spec"].value("volumeName", "");
}

/// Runs `command` through the shell; its output (stdout and stderr), or nullopt when it exits
/// non-zero (the output then goes to the test's stderr).
inline std::optional<std::string> shell_output(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  if (::pclose(pipe) != 0) {
    std::fprintf(stderr, "%s: %s", command.c_str(), out.c_str());
    return std::nullopt;
  }
  return out;
}

}  // namespace ordinal::testing
