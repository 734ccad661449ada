// `ordinal scale statefulset/NAME --replicas=N`: writes the /scale subresource, as kubectl does.
#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/cli/single_target.hpp"

namespace ordinal::cli {
namespace {

struct ScaleFlags {
  std::vector<std::string> args;
  int replicas = -1;
  int current_replicas = -1;
};

Result<Json> get_scale(ApiClient& client, const identity::KindInfo& kind, const std::string& ns,
                       const std::string& name) {
  return client.call({"GET", object_path(kind, ns, name) + "/scale", {}, {}});
}

int run_scale(const GlobalOptions& global, const ScaleFlags& flags) {
  if (flags.replicas < 0)
    return fail(
        "The --replicas=COUNT flag is required, and COUNT must be greater than or equal "
        "to 0");
  const SingleTarget target = parse_single_target(flags.args, "scale", {"StatefulSet"});
  Connection connection(global);
  ApiClient& client = connection.client();
  Json patch = {{"spec", {{"replicas", flags.replicas}}}};
  if (flags.current_replicas >= 0) {
    auto scale = get_scale(client, *target.kind, global.ns, target.name);
    if (!scale) return fail(scale.error());
    const int current = scale->value("/spec/replicas"_json_pointer, 0);
    if (current != flags.current_replicas)
      return fail("Expected replicas to be " + std::to_string(flags.current_replicas) + ", was " +
                  std::to_string(current));
    // Pinning the version read makes the precondition hold at the moment of the write.
    patch["metadata"]["resourceVersion"] =
        scale->value("/metadata/resourceVersion"_json_pointer, std::string());
  }
  auto written = client.patch(*target.kind, global.ns, target.name, patch, "merge", "scale");
  if (!written) return fail(written.error());
  std::cout << target.kind->qualified_singular() << "/" << target.name << " scaled\n";
  return 0;
}

}  // namespace

void add_scale_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<ScaleFlags>();
  auto* cmd = app.add_subcommand("scale", "Set the number of replicas of a StatefulSet");
  cmd->add_option("resource", flags->args, "statefulset/NAME | statefulset NAME")->required();
  cmd->add_option("--replicas", flags->replicas, "The new desired number of replicas (>= 0)")
      ->required();
  cmd->add_option("--current-replicas", flags->current_replicas,
                  "Only scale if the current number of replicas is this one");
  cmd->footer(examples_footer({
      {"Scale web down to one pod (web-2 goes, then web-1)",
       "ordinal scale statefulset/web --replicas=1 -n test"},
      {"Scale up only if nobody changed it meanwhile",
       "ordinal scale sts web --replicas=3 --current-replicas=1 -n test"},
  }));
  cmd->callback([&global, &exit_code, flags] { exit_code = run_scale(global, *flags); });
}

}  // namespace ordinal::cli
