#include "tools/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/commands.hpp"

namespace ordinal::cli {

int run(int argc, char** argv) {
  CLI::App app{"ordinal: stable identities for stateful workloads, served over DNS"};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  int exit_code = 0;
  add_global_options(app, global);
  add_apply_commands(app, global, exit_code);
  add_get_command(app, global, exit_code);
  add_delete_command(app, global, exit_code);
  add_describe_command(app, global, exit_code);
  add_scale_command(app, global, exit_code);
  add_set_command(app, global, exit_code);
  add_rollout_command(app, global, exit_code);
  add_status_command(app, global, exit_code);
  add_sim_command(app, global, exit_code);
  add_zone_command(app, global, exit_code);
  add_serve_command(app, exit_code);
  app.add_subcommand("version", "Print the version")->callback([] {
    std::cout << "ordinal " << ORDINAL_VERSION << "\n";
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  return exit_code;
}

}  // namespace ordinal::cli
