#pragma once
// Shell completion for `ordinal`, generated from the CLI11 command tree: verbs, sub-verbs and
// flags come from the tree itself, so a new flag completes without touching this file. Kinds
// complete after get/describe/delete; object names come from the server at completion time
// through `ordinal get KIND -o name` (as kubectl's completion asks its server), quietly
// offering nothing when no server answers.
#include <string>

namespace CLI {
class App;
}

namespace ordinal::cli {

enum class Shell { kBash, kZsh };

/// The script to source in `shell`. `fallback_binary` is run for names when the command word
/// typed is not an executable (e.g. an alias): an absolute path, or "ordinal" to rely on PATH.
/// Pure: reads `app` only.
std::string completion_script(const CLI::App& app, Shell shell, const std::string& fallback_binary);

}  // namespace ordinal::cli
