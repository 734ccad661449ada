#pragma once
// Starting one container of the process runtime: fork, then in the child (before exec) a new
// session, death with the server (PR_SET_PDEATHSIG), and, when asked, a private mount and UTS
// namespace with the pod's hostname and its bind mounts (/etc/resolv.conf, /etc/hosts, volumes).
// Everything the child needs is prepared before fork, so the child makes only system calls.
//
// Thread-safety: spawn() may be called from any thread; the child dies with the calling thread
// (PR_SET_PDEATHSIG), so call it from a thread that lives as long as the container should.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace ordinal::controller {

struct BindMount {
  std::filesystem::path source;  ///< a file or directory on this machine
  std::filesystem::path target;  ///< where the pod sees it; created when missing
  bool read_only = false;
};

struct SpawnSpec {
  std::vector<std::string> argv;  ///< argv[0] is resolved against PATH in `env`
  std::vector<std::string> env;   ///< "NAME=value"
  std::filesystem::path working_dir = "/";
  std::filesystem::path log_file;   ///< stdout and stderr are appended here
  bool private_namespaces = false;  ///< mount + UTS namespace with `hostname` and `mounts`
  std::string hostname;
  std::vector<BindMount> mounts;
};

struct SpawnResult {
  pid_t pid = -1;     ///< the container's process (and process-group) id; -1 on failure
  std::string error;  ///< why it did not start, e.g. `exec "etcd": No such file or directory`
};

/// Finds `name` in the colon-separated `path` (as execvp would); names with a '/' are taken as
/// they are. Empty when nothing executable is found.
[[nodiscard]] std::string find_executable(const std::string& name, const std::string& path);

/// Starts the process; returns once it has exec'd (or failed to). The caller reaps it.
[[nodiscard]] SpawnResult spawn_container(const SpawnSpec& spec);

/// Whether this process may make the private namespaces spawn_container uses (root, and the
/// kernel allows unshare(CLONE_NEWNS | CLONE_NEWUTS)). Checked once, in a throw-away child.
[[nodiscard]] bool private_namespaces_available();

}  // namespace ordinal::controller
