// `ordinal sim ready|fail|unreachable|reachable pod/NAME`: what the simulated kubelet would
// report, written through the API as controller/sim_contract.hpp specifies.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "controller/sim_contract.hpp"
#include "identity/metadata.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/single_target.hpp"

namespace ordinal::cli {
namespace {

struct SimFlags {
  std::vector<std::string> args;
};

/// Sets condition `type` to `status`; lastTransitionTime moves only when the status changes.
void set_condition(Json& pod_status, const std::string& type, const std::string& status,
                   const std::string& reason, const std::string& now) {
  if (!pod_status.contains("conditions") || !pod_status["conditions"].is_array())
    pod_status["conditions"] = Json::array();
  for (Json& c : pod_status["conditions"]) {
    if (c.value("type", "") != type) continue;
    if (c.value("status", "") != status) c["lastTransitionTime"] = now;
    c["status"] = status;
    if (reason.empty())
      c.erase("reason");
    else
      c["reason"] = reason;
    return;
  }
  Json added = {{"type", type}, {"status", status}, {"lastTransitionTime", now}};
  if (!reason.empty()) added["reason"] = reason;
  pod_status["conditions"].push_back(std::move(added));
}

bool mark_ready(Json& pod, bool ready) {
  const Json before = pod["status"];
  Json& status = pod["status"];
  const std::string now = identity::format_timestamp(std::chrono::system_clock::now());
  for (const char* type : {"Ready", "ContainersReady"})
    set_condition(status, type, ready ? "True" : "False", ready ? "" : "ContainersNotReady", now);
  if (status.contains("containerStatuses") && status["containerStatuses"].is_array())
    for (Json& c : status["containerStatuses"]) c["ready"] = ready;
  return status != before;
}

bool mark_failed(Json& pod) {
  const Json before = pod["status"];
  Json& status = pod["status"];
  const std::string now = identity::format_timestamp(std::chrono::system_clock::now());
  status["phase"] = "Failed";
  for (const char* type : {"Ready", "ContainersReady"})
    set_condition(status, type, "False", "PodFailed", now);
  // Every container of the spec exits, whether or not it had reported a status yet.
  Json statuses = Json::array();
  for (const auto& container : pod.value("/spec/containers"_json_pointer, Json::array())) {
    const std::string name = container.value("name", "");
    Json entry = {{"name", name}, {"image", container.value("image", "")}, {"restartCount", 0}};
    for (const auto& old : status.value("containerStatuses", Json::array()))
      if (old.value("name", "") == name) entry = old;
    Json terminated = {{"exitCode", 1}, {"reason", "Error"}, {"finishedAt", now}};
    const std::string started = entry.value("/state/running/startedAt"_json_pointer, std::string());
    if (!started.empty()) terminated["startedAt"] = started;
    entry["state"] = {{"terminated", std::move(terminated)}};
    entry["ready"] = false;
    entry["started"] = false;
    statuses.push_back(std::move(entry));
  }
  status["containerStatuses"] = std::move(statuses);
  return status != before;
}

bool mark_reachable(Json& pod, bool reachable) {
  const std::string key(controller::kUnreachableAnnotation);
  Json& metadata = pod["metadata"];
  const bool has = metadata.contains("annotations") && metadata["annotations"].is_object() &&
                   metadata["annotations"].contains(key);
  if (reachable) {
    if (!has) return false;
    metadata["annotations"].erase(key);
    return true;
  }
  if (has && metadata["annotations"][key] == "true") return false;
  metadata["annotations"][key] = "true";
  return true;
}

int run_sim(const GlobalOptions& global, const SimFlags& flags, const std::string& verb) {
  std::vector<std::string> args = flags.args;
  bool ready = true;
  if (verb == "ready") {
    if (args.empty() || (args.back() != "true" && args.back() != "false"))
      return fail("sim ready needs pod/NAME true|false");
    ready = args.back() == "true";
    args.pop_back();
  }
  const SingleTarget target = parse_single_target(args, "sim " + verb, {"Pod"});
  Connection connection(global);
  const bool on_status = verb == "ready" || verb == "fail";
  auto written = update_with_retry(connection.client(), *target.kind, global.ns, target.name,
                                   on_status ? "status" : "", [&](Json& pod) {
                                     if (verb == "ready") return mark_ready(pod, ready);
                                     if (verb == "fail") return mark_failed(pod);
                                     return mark_reachable(pod, verb == "reachable");
                                   });
  if (!written) return fail(written.error());
  const std::string what = verb == "ready"  ? (ready ? "ready" : "not ready")
                           : verb == "fail" ? "failed"
                                            : verb;
  std::cout << "pod/" << target.name << " marked " << what << "\n";
  return 0;
}

CLI::App* add_sim_verb(CLI::App& sim, const std::string& verb, const std::string& help,
                       const std::string& usage, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<SimFlags>();
  auto* cmd = sim.add_subcommand(verb, help);
  cmd->add_option("args", flags->args, usage)->required();
  cmd->callback([&global, &exit_code, flags, verb] { exit_code = run_sim(global, *flags, verb); });
  return cmd;
}

}  // namespace

void add_sim_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto* sim = app.add_subcommand("sim", "Act as the simulated kubelet: readiness, failures, reach");
  sim->require_subcommand(1);
  sim->footer(examples_footer({
      {"web-1 stops being Ready", "ordinal sim ready pod/web-1 false -n test"},
      {"web-1's container exits; the controller replaces the pod",
       "ordinal sim fail pod/web-1 -n test"},
  }));
  add_sim_verb(*sim, "ready", "Set a pod's readiness (status only; the phase stays)",
               "pod/NAME true|false", global, exit_code)
      ->footer(
          "Sets the Ready and ContainersReady conditions and the containers' ready flags.\n\n" +
          examples_footer({
              {"web-1 stops being Ready", "ordinal sim ready pod/web-1 false -n test"},
              {"and becomes Ready again", "ordinal sim ready pod/web-1 true -n test"},
          }));
  add_sim_verb(*sim, "fail", "The pod's containers exit: phase Failed", "pod/NAME", global,
               exit_code)
      ->footer(
          "The containers exit with code 1: phase Failed, Ready False (PodFailed); the\n"
          "StatefulSet controller deletes the pod and creates it again.\n\n" +
          examples_footer({{"Fail web-1", "ordinal sim fail pod/web-1 -n test"}}));
  add_sim_verb(*sim, "unreachable", "The pod's node stops reporting", "pod/NAME", global, exit_code)
      ->footer("Sets the annotation " + std::string(controller::kUnreachableAnnotation) +
               "=true: Ready turns Unknown and\n"
               "deletion never finishes until reachable again or force-deleted.\n\n" +
               examples_footer({{"Cut web-2 off", "ordinal sim unreachable pod/web-2 -n test"}}));
  add_sim_verb(*sim, "reachable", "The pod's node reports again", "pod/NAME", global, exit_code)
      ->footer("Removes the unreachable annotation.\n\n" +
               examples_footer({{"Bring web-2 back", "ordinal sim reachable pod/web-2 -n test"}}));
}

}  // namespace ordinal::cli
