// `ordinal status statefulset/NAME [-w]`: one line per ordinal and what the controller waits
// for (set_progress.hpp); -w redraws it in place on a terminal whenever it changes, and prints
// it again below (after a blank line) when the output is not a terminal.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "tools/cli/commands.hpp"
#include "tools/cli/set_progress.hpp"
#include "tools/cli/single_target.hpp"
#include "tools/cli/terminal.hpp"

namespace ordinal::cli {
namespace {

using namespace std::chrono_literals;

// How often -w looks again: the view spans four kinds, so it re-reads them rather than
// following four watch streams.
constexpr auto kStatusPollInterval = 500ms;

struct StatusFlags {
  std::vector<std::string> args;
  bool watch = false;
};

Result<std::string> render(ApiClient& client, const SingleTarget& target, const std::string& ns,
                           bool color) {
  auto set = client.get(*target.kind, ns, target.name);
  if (!set) return set.error();
  SetObjects objects;
  objects.set = std::move(*set);
  auto list = [&](const char* kind) -> Result<std::vector<Json>> {
    auto items = client.list(*identity::find_kind(kind), ns, "");
    if (!items) return items.error();
    return items_of(*items);
  };
  auto pods = list("Pod");
  if (!pods) return pods.error();
  auto claims = list("PersistentVolumeClaim");
  if (!claims) return claims.error();
  auto events = list("Event");
  objects.pods = std::move(*pods);
  objects.claims = std::move(*claims);
  if (events) objects.events = std::move(*events);  // messages are a nicety: go on without
  return format_set_progress(set_progress(objects), color);
}

int run_status(const GlobalOptions& global, const StatusFlags& flags) {
  const SingleTarget target = parse_single_target(flags.args, "status", {"StatefulSet"});
  Connection connection(global);
  const bool color = color_stdout(global);
  LiveText view(std::cout, flags.watch && live_stdout(), "\n");
  for (;;) {
    auto text = render(connection.client(), target, global.ns, color);
    if (!text) {
      view.finish();
      return fail(text.error());
    }
    view.show(*text);
    if (!flags.watch) return 0;
    std::this_thread::sleep_for(kStatusPollInterval);
  }
}

}  // namespace

void add_status_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<StatusFlags>();
  auto* cmd = app.add_subcommand(
      "status", "Each ordinal of a StatefulSet, and what the controller waits for");
  cmd->add_option("resource", flags->args, "statefulset/NAME | statefulset NAME")->required();
  cmd->add_flag("-w,--watch", flags->watch,
                "Keep going: redraw the view whenever it changes (until interrupted)");
  cmd->footer(
      "Each line: pod, status, readiness, revision, IP and claims; the last line says what the\n"
      "controller waits for (a pod to become Ready, a claim to bind, a scale-down step, ...).\n\n" +
      examples_footer({
          {"Where the StatefulSet web stands", "ordinal status statefulset/web -n test"},
          {"Watch it live while it scales", "ordinal status sts web -n test -w"},
      }));
  cmd->callback([&global, &exit_code, flags] { exit_code = run_status(global, *flags); });
}

}  // namespace ordinal::cli
