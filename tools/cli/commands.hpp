#pragma once
// Each verb registers itself on the root CLI11 app. `exit_code` receives the verb's exit status.
#include "tools/cli/command_context.hpp"

namespace ordinal::cli {

void add_apply_commands(CLI::App& app, GlobalOptions& global, int& exit_code);  // apply, create
void add_get_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_delete_command(CLI::App& app, GlobalOptions& global, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);

}  // namespace ordinal::cli
