#include "controller/process_spawn.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace ordinal::controller {
namespace {

// In the child: report `what` and errno on the error pipe, then exit.
[[noreturn]] void child_fail(int pipe_fd, const char* what) {
  const int saved = errno;
  const char* reason = ::strerror(saved);
  ssize_t ignored = ::write(pipe_fd, what, ::strlen(what));
  ignored = ::write(pipe_fd, ": ", 2);
  ignored = ::write(pipe_fd, reason, ::strlen(reason));
  (void)ignored;
  ::_exit(127);
}

struct ChildPlan {
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::vector<std::string> mount_messages;  ///< "mount <target>" per mount, prepared before fork
};

// The child's side of spawn_container: only system calls from here to exec.
[[noreturn]] void run_child(const SpawnSpec& spec, const ChildPlan& plan, const char* exe,
                            int log_fd, int pipe_fd) {
  ::setsid();
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (spec.private_namespaces) {
    if (::unshare(CLONE_NEWNS | CLONE_NEWUTS) != 0) child_fail(pipe_fd, "unshare");
    // Mounts made here must not propagate back to the machine.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
      child_fail(pipe_fd, "make / private");
    if (::sethostname(spec.hostname.data(), spec.hostname.size()) != 0)
      child_fail(pipe_fd, "sethostname");
    for (std::size_t i = 0; i < spec.mounts.size(); ++i) {
      const BindMount& m = spec.mounts[i];
      if (::mount(m.source.c_str(), m.target.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0)
        child_fail(pipe_fd, plan.mount_messages[i].c_str());
      if (m.read_only && ::mount(nullptr, m.target.c_str(), nullptr,
                                 MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0)
        child_fail(pipe_fd, plan.mount_messages[i].c_str());
    }
  }
  if (::chdir(spec.working_dir.c_str()) != 0) child_fail(pipe_fd, "chdir to workingDir");
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(log_fd, 1) < 0 || ::dup2(log_fd, 2) < 0)
    child_fail(pipe_fd, "redirect output");
  // Keep only stdio and the error pipe (close-on-exec) open across exec.
  if (::dup2(pipe_fd, 3) < 0) child_fail(pipe_fd, "dup");
  ::fcntl(3, F_SETFD, FD_CLOEXEC);
  ::close_range(4, ~0U, 0);
  ::execve(exe, plan.argv.data(), plan.envp.data());
  child_fail(3, "exec");
}

}  // namespace

std::string find_executable(const std::string& name, const std::string& path) {
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return {};
}

SpawnResult spawn_container(const SpawnSpec& spec) {
  SpawnResult result;
  std::string path = "/usr/local/bin:/usr/bin:/bin";
  for (const auto& entry : spec.env)
    if (entry.rfind("PATH=", 0) == 0) path = entry.substr(5);
  const std::string exe = spec.argv.empty() ? "" : find_executable(spec.argv[0], path);
  if (exe.empty()) {
    result.error = "exec \"" + (spec.argv.empty() ? std::string() : spec.argv[0]) +
                   "\": executable file not found in $PATH";
    return result;
  }
  ChildPlan plan;
  std::vector<std::string> argv = spec.argv;
  std::vector<std::string> env = spec.env;
  for (auto& arg : argv) plan.argv.push_back(arg.data());
  plan.argv.push_back(nullptr);
  for (auto& entry : env) plan.envp.push_back(entry.data());
  plan.envp.push_back(nullptr);
  for (const auto& m : spec.mounts)
    plan.mount_messages.push_back("bind-mount " + m.target.string());

  const int log_fd = ::open(spec.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    result.error = "open log " + spec.log_file.string() + ": " + std::strerror(errno);
    return result;
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    ::close(log_fd);
    result.error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  const pid_t pid = ::fork();
  if (pid == 0) run_child(spec, plan, exe.c_str(), log_fd, pipe_fds[1]);
  ::close(pipe_fds[1]);
  ::close(log_fd);
  if (pid < 0) {
    ::close(pipe_fds[0]);
    result.error = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  // The pipe closes at exec (success) or carries the reason the child gave up.
  std::string message;
  char buffer[512];
  ssize_t n = 0;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0)
    message.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  if (message.empty()) {
    result.pid = pid;
    return result;
  }
  ::waitpid(pid, nullptr, 0);
  result.error = message;
  return result;
}

bool private_namespaces_available() {
  static const bool available = [] {
    if (::geteuid() != 0) return false;
    const pid_t pid = ::fork();
    if (pid == 0) {
      const bool ok = ::unshare(CLONE_NEWNS | CLONE_NEWUTS) == 0 &&
                      ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
      ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    return pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0;
  }();
  return available;
}

}  // namespace ordinal::controller
