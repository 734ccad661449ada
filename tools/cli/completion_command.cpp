// `ordinal completion bash|zsh`: prints the completion script for the whole command tree.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "tools/cli/commands.hpp"
#include "tools/cli/completion_script.hpp"

namespace ordinal::cli {
namespace {

/// This executable when it is `ordinal`, so names complete even through an alias; otherwise
/// (e.g. a test binary) the one on PATH.
std::string own_binary() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec && self.filename() == "ordinal") return self.string();
  return "ordinal";
}

}  // namespace

void add_completion_command(CLI::App& app, int& exit_code) {
  auto shell = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("completion", "Print a bash or zsh completion script");
  cmd->add_option("shell", *shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  cmd->footer(
      "Completes verbs, flags, resource kinds, and object names (asked of the server the\n"
      "command line names, with `ordinal get KIND -o name`; nothing when none answers).\n\n" +
      examples_footer({
          {"Load it into the current bash", "source <(ordinal completion bash)"},
          {"For every new bash", "echo 'source <(ordinal completion bash)' >> ~/.bashrc"},
          {"zsh", "autoload -U compinit && compinit && source <(ordinal completion zsh)"},
      }));
  CLI::App* root = &app;
  cmd->callback([root, shell, &exit_code] {
    std::cout << completion_script(*root, *shell == "zsh" ? Shell::kZsh : Shell::kBash,
                                   own_binary());
    exit_code = 0;
  });
}

}  // namespace ordinal::cli
