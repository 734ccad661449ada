#pragma once
// Each verb registers itself on the root CLI11 app. `exit_code` receives the verb's exit status.
#include "tools/cli/command_context.hpp"

namespace ordinal::cli {

void add_apply_commands(CLI::App& app, GlobalOptions& global, int& exit_code);  // apply, create
void add_get_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_delete_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_scale_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_set_command(CLI::App& app, GlobalOptions& global, int& exit_code);  // set image
void add_rollout_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_describe_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_status_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_sim_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_zone_command(CLI::App& app, GlobalOptions& global, int& exit_code);  // zone export
void add_version_command(CLI::App& app, GlobalOptions& global, int& exit_code);
/// `completion bash|zsh`: the script covers every verb registered on `app`, before or after.
void add_completion_command(CLI::App& app, int& exit_code);
void add_peers_command(CLI::App& app, GlobalOptions& global, int& exit_code);  // peers
void add_logs_command(CLI::App& app, GlobalOptions& global, int& exit_code);

}  // namespace ordinal::cli
