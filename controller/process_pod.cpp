#include "controller/process_pod.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <utility>

#include "controller/process_pod_files.hpp"

namespace ordinal::controller {
namespace {

using namespace std::chrono_literals;

constexpr auto kTick = 50ms;
// A container that ran this long without exiting starts its back-off afresh (the kubelet's
// rule: twice the longest back-off).
constexpr auto kBackoffReset = 10min;

bool restarts(const std::string& policy, int exit_code) {
  if (policy == "Never") return false;
  if (policy == "OnFailure") return exit_code != 0;
  return true;
}

}  // namespace

struct ProcessPod::Container {
  const ContainerLaunch* launch = nullptr;
  ContainerSnapshot snap;
  pid_t pid = -1;
  int exits = 0;  ///< exits counted for the back-off
  SystemTime next_start{};
  bool term_sent = false;
  bool kill_sent = false;
  SystemTime next_probe{};
  int successes = 0;
  int failures = 0;
};

ProcessPod::ProcessPod(PodLaunch launch) : launch_(std::move(launch)) {
  for (const auto& l : launch_.containers) {
    Container c;
    c.launch = &l;
    c.snap.name = l.container.name;
    c.snap.restart_count = l.restart_count;
    c.snap.reason = l.error.empty() ? "ContainerCreating" : "CreateContainerConfigError";
    c.snap.message = l.error;
    containers_.push_back(std::move(c));
  }
}

ProcessPod::~ProcessPod() {
  stop(std::chrono::system_clock::now() + 2s);
  {
    std::lock_guard lock(mu_);
    // Without a thread nothing was started; with one, it leaves once all is reaped.
    if (!thread_.joinable()) return;
  }
  thread_.join();
}

void ProcessPod::start() {
  std::lock_guard lock(mu_);
  if (!thread_.joinable() && !stopped_) thread_ = std::thread([this] { run(); });
}

void ProcessPod::stop(SystemTime deadline) {
  std::lock_guard lock(mu_);
  if (!stop_deadline_ || deadline < *stop_deadline_) stop_deadline_ = deadline;
  if (!thread_.joinable()) stopped_ = true;
}

bool ProcessPod::stopped() const {
  std::lock_guard lock(mu_);
  return stopped_;
}

std::vector<ContainerSnapshot> ProcessPod::snapshot() const {
  std::lock_guard lock(mu_);
  std::vector<ContainerSnapshot> out;
  for (const auto& c : containers_) out.push_back(c.snap);
  return out;
}

std::vector<RuntimeEvent> ProcessPod::take_events() {
  std::lock_guard lock(mu_);
  return std::exchange(events_, {});
}

void ProcessPod::emit(std::string type, std::string reason, std::string message) {
  events_.push_back({std::move(type), std::move(reason), std::move(message)});
}

void ProcessPod::run() {
  std::unique_lock lock(mu_);
  for (auto& c : containers_)
    if (!c.launch->error.empty()) emit("Warning", "Failed", "Error: " + c.launch->error);
  while (true) {
    const SystemTime now = std::chrono::system_clock::now();
    for (auto& c : containers_) step(c, now);
    if (stop_deadline_) {
      bool running = false;
      for (const auto& c : containers_) running = running || c.pid > 0;
      if (!running) {
        stopped_ = true;
        return;
      }
    }
    // Probes block for up to their timeout: run them without the lock, so readers never wait.
    for (auto& c : containers_)
      if (!stop_deadline_ && c.pid > 0 && !c.launch->container.readiness_probe.is_null() &&
          now >= c.next_probe) {
        lock.unlock();
        const ProbeResult result =
            run_probe(c.launch->container.readiness_probe, c.launch->container, launch_.pod_ip,
                      c.pid, c.launch->spec.env);
        lock.lock();
        const ProbeTiming timing = ProbeTiming::from_json(c.launch->container.readiness_probe);
        c.next_probe = std::chrono::system_clock::now() + timing.period;
        if (result.success) {
          c.failures = 0;
          if (++c.successes >= timing.success_threshold) c.snap.ready = true;
        } else {
          c.successes = 0;
          if (++c.failures >= timing.failure_threshold) c.snap.ready = false;
          emit("Warning", "Unhealthy", "Readiness probe failed: " + result.message);
        }
      }
    lock.unlock();
    std::this_thread::sleep_for(kTick);
    lock.lock();
  }
}

void ProcessPod::step(Container& c, SystemTime now) {
  if (c.pid > 0) {
    int status = 0;
    const pid_t reaped = ::waitpid(c.pid, &status, WNOHANG);
    if (reaped == c.pid || (reaped < 0 && errno == ECHILD)) on_exit(c, status, now);
  }
  if (stop_deadline_) {
    signal_stop(c, now);
    return;
  }
  if (c.pid <= 0 && c.launch->error.empty() && c.snap.state == ContainerSnapshot::State::Waiting &&
      now >= c.next_start)
    start_container(c, now);
}

void ProcessPod::start_container(Container& c, SystemTime now) {
  SpawnSpec spec = c.launch->spec;
  spec.log_file = container_log_path(launch_.log_root, launch_.ns, launch_.name, launch_.uid,
                                     c.snap.name, c.snap.restart_count);
  std::error_code ec;
  std::filesystem::create_directories(spec.log_file.parent_path(), ec);
  if (c.snap.restart_count >= 2)  // keep this run's log and the previous one (--previous)
    std::filesystem::remove(container_log_path(launch_.log_root, launch_.ns, launch_.name,
                                               launch_.uid, c.snap.name, c.snap.restart_count - 2),
                            ec);
  const SpawnResult result = spawn_container(spec);
  if (result.pid < 0) {
    // As a runtime's StartError: counted as a run that failed, retried with back-off.
    ContainerTermination failed{128, "StartError", result.error, now, now};
    emit("Warning", "Failed", "Error: " + result.error);
    on_exit(c, -1, now);
    c.snap.last = failed;
    c.snap.reason = "RunContainerError";
    c.snap.message = result.error;
    return;
  }
  c.pid = result.pid;
  c.term_sent = c.kill_sent = false;
  c.snap.state = ContainerSnapshot::State::Running;
  c.snap.started_at = now;
  c.snap.started = true;
  c.snap.reason.clear();
  c.snap.message.clear();
  c.successes = c.failures = 0;
  const bool probed = !c.launch->container.readiness_probe.is_null();
  c.snap.ready = !probed;
  if (probed)
    c.next_probe = now + ProbeTiming::from_json(c.launch->container.readiness_probe).initial_delay;
  emit("Normal", "Started", "Started container " + c.snap.name);
}

// `status` from waitpid, or -1 for a process that never started.
void ProcessPod::on_exit(Container& c, int status, SystemTime now) {
  const bool ran = c.pid > 0;
  if (ran) ::kill(-c.pid, SIGKILL);  // what the container left behind in its group goes too
  c.pid = -1;
  ContainerTermination term;
  term.exit_code = status < 0            ? 128
                   : WIFEXITED(status)   ? WEXITSTATUS(status)
                   : WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                                         : 1;
  term.reason = term.exit_code == 0 ? "Completed" : "Error";
  term.started_at = ran ? c.snap.started_at : now;
  term.finished_at = now;
  c.snap.ready = false;
  c.snap.started = false;
  if (ran && now - c.snap.started_at > kBackoffReset) c.exits = 0;
  if (stop_deadline_ || !restarts(launch_.restart_policy, term.exit_code)) {
    c.snap.state = ContainerSnapshot::State::Terminated;
    c.snap.terminated = term;
    return;
  }
  c.snap.last = term;
  c.snap.state = ContainerSnapshot::State::Waiting;
  ++c.snap.restart_count;
  ++c.exits;
  const auto delay = restart_delay(c.exits, launch_.backoff_base, launch_.backoff_base * 30);
  c.next_start = now + delay;
  c.snap.reason = "CrashLoopBackOff";
  c.snap.message = "back-off " + std::to_string(delay.count() / 1000) +
                   "s restarting failed container=" + c.snap.name + " pod=" + launch_.name + "_" +
                   launch_.ns + "(" + launch_.uid + ")";
  emit("Warning", "BackOff", "Back-off restarting failed container " + c.snap.name);
}

void ProcessPod::signal_stop(Container& c, SystemTime now) {
  if (c.pid <= 0) {
    if (c.snap.state == ContainerSnapshot::State::Waiting && c.snap.started_at == SystemTime{})
      c.snap.state = ContainerSnapshot::State::Terminated;
    return;
  }
  if (!c.term_sent) {
    ::kill(-c.pid, SIGTERM);
    c.term_sent = true;
  }
  if (!c.kill_sent && now >= *stop_deadline_) {
    ::kill(-c.pid, SIGKILL);
    c.kill_sent = true;
  }
}

}  // namespace ordinal::controller
