// `ordinal logs pod/NAME [-c CONTAINER] [-f] [--previous] [--tail N]`: a container's output as
// `serve --runtime process` keeps it, read through GET .../pods/NAME/log as kubectl reads it.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "tools/api/request_target.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/single_target.hpp"

namespace ordinal::cli {
namespace {

struct LogsFlags {
  std::vector<std::string> args;
  std::string container;
  bool follow = false;
  bool previous = false;
  long long tail = -1;
};

std::string log_target(const GlobalOptions& global, const std::string& name, const LogsFlags& f) {
  std::string target = "/api/v1/namespaces/" + global.ns + "/pods/" + name + "/log?";
  if (!f.container.empty()) target += "container=" + f.container + "&";
  if (f.previous) target += "previous=true&";
  if (f.tail >= 0) target += "tailLines=" + std::to_string(f.tail) + "&";
  target.pop_back();
  return target;
}

// `ordinal logs web-0` means a pod, as with kubectl.
std::string pod_name(std::vector<std::string> args) {
  if (args.size() == 1 && args[0].find('/') == std::string::npos) return args[0];
  return parse_single_target(args, "logs", {"Pod"}).name;
}

int run_logs(const GlobalOptions& global, const LogsFlags& flags) {
  const std::string name = pod_name(flags.args);
  Connection connection(global);
  const api::ApiRequest request{
      "GET", log_target(global, name, flags), {{"accept", "text/plain"}}, {}};
  std::string shown;
  for (bool first = true;; first = false) {
    api::ApiResponse response = connection.client().transport().send(request);
    if (response.status >= 300) {
      // Following ends when the pod goes away (a StatefulSet replaces it under a new uid).
      if (!first && response.status == 404) return 0;
      return fail(ApiError::from_status(static_cast<int>(response.status), response.body));
    }
    // The same run grows; a new run (a restart) starts a new text.
    if (response.body.rfind(shown, 0) == 0)
      std::cout << response.body.substr(shown.size());
    else
      std::cout << response.body;
    std::cout << std::flush;
    shown = std::move(response.body);
    if (!flags.follow) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

}  // namespace

void add_logs_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<LogsFlags>();
  auto* cmd = app.add_subcommand("logs", "Print a container's output (serve --runtime process)");
  cmd->add_option("args", flags->args, "pod/NAME or NAME")->required();
  cmd->add_option("-c,--container", flags->container,
                  "The container (needed when the pod has several)");
  cmd->add_flag("-f,--follow", flags->follow, "Keep printing what the container writes");
  cmd->add_flag("-p,--previous", flags->previous,
                "The output of the container's previous run (before its last restart)");
  cmd->add_option("--tail", flags->tail, "Only the last N lines (-1: all)")->capture_default_str();
  cmd->footer(examples_footer({
      {"What etcd-0 printed", "ordinal logs pod/etcd-0"},
      {"Follow it", "ordinal logs -f etcd-0"},
      {"Why the last run crashed", "ordinal logs pod/etcd-0 --previous"},
  }));
  cmd->callback([&global, &exit_code, flags] { exit_code = run_logs(global, *flags); });
}

}  // namespace ordinal::cli
