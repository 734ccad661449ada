#pragma once
// Readiness probes of the process runtime, as the kubelet runs them: `tcpSocket` (a connection
// opens), `httpGet` (a status from 200 to 399) and `exec` (exit status 0, run inside the pod's
// namespaces). A probe's `host` defaults to the pod's IP; named ports are looked up in the
// container's ports.
//
// Thread-safety: run_probe blocks for at most the probe's timeout; call it from any thread.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "identity/container.hpp"
#include "identity/json.hpp"

namespace ordinal::controller {

/// The timing fields of a probe, with Kubernetes' defaults.
struct ProbeTiming {
  std::chrono::seconds initial_delay{0};
  std::chrono::seconds period{10};
  std::chrono::seconds timeout{1};
  int success_threshold = 1;
  int failure_threshold = 3;

  /// Reads initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold and
  /// failureThreshold; absent or non-positive values keep the defaults (initialDelay: 0).
  static ProbeTiming from_json(const identity::Json& probe);
};

struct ProbeResult {
  bool success = false;
  std::string message;  ///< why it failed, as `kubectl describe` shows in the Unhealthy event
};

/// Runs `probe` once against a container of the pod at `pod_ip`. `pid` is the container's
/// process: exec probes join its mount and UTS namespaces. `env` ("NAME=value") is the
/// container's environment, given to exec probes.
[[nodiscard]] ProbeResult run_probe(const identity::Json& probe,
                                    const identity::Container& container, const std::string& pod_ip,
                                    pid_t pid, const std::vector<std::string>& env);

}  // namespace ordinal::controller
