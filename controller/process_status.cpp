#include "controller/process_status.hpp"

#include "identity/condition.hpp"
#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

using identity::Json;
using State = ContainerSnapshot::State;

Json terminated_json(const ContainerTermination& t) {
  Json out = {{"exitCode", t.exit_code},
              {"reason", t.reason},
              {"startedAt", identity::format_timestamp(t.started_at)},
              {"finishedAt", identity::format_timestamp(t.finished_at)}};
  if (!t.message.empty()) out["message"] = t.message;
  return out;
}

Json container_status(const identity::Pod& pod, const identity::Container& spec,
                      const ContainerSnapshot& c) {
  Json status = {{"name", c.name},
                 {"image", spec.image},
                 {"imageID", std::string(kProcessScheme) + spec.image},
                 {"ready", c.ready},
                 {"restartCount", c.restart_count},
                 {"started", c.started},
                 {"state", Json::object()}};
  if (c.state == State::Running) {
    status["state"]["running"] = {{"startedAt", identity::format_timestamp(c.started_at)}};
    status["containerID"] = std::string(kProcessScheme) + pod.metadata.uid + "/" + c.name;
  } else if (c.state == State::Terminated && c.terminated) {
    status["state"]["terminated"] = terminated_json(*c.terminated);
  } else {
    Json waiting = {{"reason", c.reason.empty() ? "ContainerCreating" : c.reason}};
    if (!c.message.empty()) waiting["message"] = c.message;
    status["state"]["waiting"] = std::move(waiting);
  }
  status["lastState"] = Json::object();
  if (c.last) status["lastState"]["terminated"] = terminated_json(*c.last);
  return status;
}

std::string phase_of(const std::vector<ContainerSnapshot>& containers) {
  bool all_terminated = !containers.empty();
  bool all_succeeded = true;
  bool all_started_once = true;
  for (const auto& c : containers) {
    all_terminated = all_terminated && c.state == State::Terminated;
    all_succeeded = all_succeeded && c.terminated && c.terminated->exit_code == 0;
    all_started_once = all_started_once && (c.state != State::Waiting || c.last.has_value());
  }
  if (all_terminated) return all_succeeded ? "Succeeded" : "Failed";
  return all_started_once ? "Running" : "Pending";
}

}  // namespace

void apply_runtime_status(identity::Pod& pod, const std::vector<ContainerSnapshot>& containers,
                          const std::string& stamp) {
  std::vector<identity::ContainerStatus> statuses;
  std::string unready;
  for (const auto& c : containers) {
    const identity::Container* spec = pod.spec.find_container(c.name);
    if (spec == nullptr) continue;
    statuses.push_back(identity::ContainerStatus::from_json(container_status(pod, *spec, c)));
    if (!c.ready) unready += (unready.empty() ? "" : " ") + c.name;
  }
  pod.status.container_statuses = std::move(statuses);
  pod.status.phase = phase_of(containers);
  if (unready.empty()) {
    identity::set_condition(pod.status.conditions, "ContainersReady", "True", stamp);
    identity::set_condition(pod.status.conditions, "Ready", "True", stamp);
    return;
  }
  const std::string reason = pod.status.phase == "Failed" || pod.status.phase == "Succeeded"
                                 ? "PodCompleted"
                                 : "ContainersNotReady";
  const std::string message = "containers with unready status: [" + unready + "]";
  identity::set_condition(pod.status.conditions, "ContainersReady", "False", stamp, reason,
                          message);
  identity::set_condition(pod.status.conditions, "Ready", "False", stamp, reason, message);
}

}  // namespace ordinal::controller
