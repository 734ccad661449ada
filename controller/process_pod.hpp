#pragma once
// One pod of the process runtime: its containers as local processes, supervised by a thread of
// its own (started by start(), joined by the destructor). The thread starts each container,
// reaps it, restarts it by the pod's restartPolicy with the kubelet's crash-loop back-off, runs
// its readiness probe on the probe's schedule, and on stop() sends SIGTERM to each container's
// process group, then SIGKILL at the grace deadline.
//
// The kubelet (process_kubelet.hpp) reads snapshot() and writes the pod's status from it;
// nothing here touches the registry.
//
// Thread-safety: every public member may be called from any thread.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "controller/process_probe.hpp"
#include "controller/process_spawn.hpp"
#include "identity/container.hpp"

namespace ordinal::controller {

using SystemTime = std::chrono::system_clock::time_point;

/// What one container runs with, prepared by the kubelet from the pod.
struct ContainerLaunch {
  identity::Container container;
  SpawnSpec spec;         ///< everything but log_file, which changes with each restart
  std::string error;      ///< set: the container cannot start (no command, ...); never retried
  int restart_count = 0;  ///< restarts already counted (from the stored status after a restart)
};

struct PodLaunch {
  std::string ns, name, uid, pod_ip;
  std::string restart_policy = "Always";  ///< "Always", "OnFailure" or "Never"
  std::filesystem::path log_root;         ///< see container_log_path()
  std::vector<ContainerLaunch> containers;
  std::chrono::milliseconds backoff_base{std::chrono::seconds{10}};
};

struct ContainerTermination {
  int exit_code = 0;
  std::string reason;  ///< "Completed", "Error" (by exit code) or "StartError"
  std::string message;
  SystemTime started_at{};
  SystemTime finished_at{};
};

/// One container as the runtime last saw it.
struct ContainerSnapshot {
  enum class State { Waiting, Running, Terminated };
  std::string name;
  State state = State::Waiting;
  std::string reason;       ///< Waiting: ContainerCreating, CrashLoopBackOff, CreateContainerError
  std::string message;      ///< Waiting: why
  SystemTime started_at{};  ///< Running: when the current process started
  std::optional<ContainerTermination> last;        ///< the previous run, if any
  std::optional<ContainerTermination> terminated;  ///< Terminated: this run, not restarted
  bool ready = false;
  bool started = false;
  int restart_count = 0;
};

/// A thing the kubelet reports as an event: (type, reason, message).
struct RuntimeEvent {
  std::string type, reason, message;
};

class ProcessPod {
 public:
  explicit ProcessPod(PodLaunch launch);
  /// Stops what still runs (SIGTERM, SIGKILL after 2 s) and joins the thread.
  ~ProcessPod();
  ProcessPod(const ProcessPod&) = delete;
  ProcessPod& operator=(const ProcessPod&) = delete;

  /// Starts the supervising thread (once).
  void start();
  /// Asks the containers to stop: SIGTERM now, SIGKILL at `deadline`. Idempotent; a later
  /// call may only bring the deadline forward. Nothing is restarted after this.
  void stop(SystemTime deadline);
  /// Whether stop() was asked and every container process has been reaped.
  [[nodiscard]] bool stopped() const;
  [[nodiscard]] std::vector<ContainerSnapshot> snapshot() const;
  /// The events since the last call, oldest first.
  [[nodiscard]] std::vector<RuntimeEvent> take_events();
  [[nodiscard]] const PodLaunch& launch() const { return launch_; }

 private:
  struct Container;
  void run();
  void step(Container& c, SystemTime now);
  void start_container(Container& c, SystemTime now);
  void on_exit(Container& c, int status, SystemTime now);
  void probe(Container& c, SystemTime now);
  void signal_stop(Container& c, SystemTime now);
  void emit(std::string type, std::string reason, std::string message);

  const PodLaunch launch_;
  mutable std::mutex mu_;  ///< guards everything below
  std::vector<Container> containers_;
  std::vector<RuntimeEvent> events_;
  std::optional<SystemTime> stop_deadline_;
  bool stopped_ = false;
  bool quit_ = false;  ///< the destructor runs: leave the loop
  std::thread thread_;
};

}  // namespace ordinal::controller
