#pragma once
// Registration of `ordinal peers` on the root app (see commands.hpp for the other verbs).
#include "tools/cli/command_context.hpp"

namespace ordinal::cli {

/// Adds the `peers` verb; `exit_code` receives 0 on success, 1 on an error or a --wait timeout.
void add_peers_command(CLI::App& app, GlobalOptions& global, int& exit_code);

}  // namespace ordinal::cli
