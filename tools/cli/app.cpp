#include "tools/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/commands.hpp"

namespace ordinal::cli {
namespace {

/// `serve` registers itself elsewhere; its examples are kept with the other verbs' here.
void add_serve_examples(CLI::App& app) {
  CLI::App* serve = nullptr;
  for (CLI::App* sub : app.get_subcommands({}))
    if (sub->get_name() == "serve") serve = sub;
  if (serve == nullptr) return;
  serve->footer("Port 0 picks a free port; the bound addresses are printed, then `ready`.\n\n" +
                examples_footer({
                    {"API on 127.0.0.1:8080, DNS on 127.0.0.1:1053, with the example applied",
                     "ordinal serve -f examples/nginx.yaml -n test"},
                    {"The API on every address, for clients holding a token (docs/security.md)",
                     "ordinal serve --api-listen 0.0.0.0:8080 --token-file tokens.csv "
                     "--tls-cert-file server.crt --tls-private-key-file server.key"},
                    {"DNS only, following another server (a sidecar)",
                     "ordinal serve --follow http://127.0.0.1:8080 --dns-listen 127.0.0.1:1054 "
                     "--api-listen 127.0.0.1:8081"},
                }));
}

}  // namespace

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
  add_logs_command(app, global, exit_code);
  add_zone_command(app, global, exit_code);
  add_peers_command(app, global, exit_code);
  add_serve_command(app, exit_code);
  add_version_command(app, global, exit_code);
  add_completion_command(app, exit_code);
  add_serve_examples(app);
  // Set last: CLI11 copies a parent's footer into subcommands added after it.
  app.footer(
      "Run 'ordinal VERB --help' for a verb's flags and examples. Global flags work before or\n"
      "after the verb.\n\n" +
      examples_footer({
          {"Run the server with the example applied",
           "ordinal serve -f examples/nginx.yaml -n test"},
          {"Then, in another terminal", "ordinal status statefulset/web -n test"},
      }));
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
