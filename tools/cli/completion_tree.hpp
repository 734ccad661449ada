#pragma once
// The generated half of the completion scripts (completion_script.hpp): POSIX shell functions
// that both bash and zsh run, describing the command tree.
#include <string>

namespace CLI {
class App;
}

namespace ordinal::cli {

/// Defines __ordinal_subcommands, __ordinal_flags and __ordinal_value_flags (each takes a
/// command path such as "" or "rollout status" and prints words one per line) and
/// __ordinal_kinds. Pure: reads `app` and the kind table.
std::string completion_tables(const CLI::App& app);

}  // namespace ordinal::cli
