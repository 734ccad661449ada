// The data half of the completion scripts: shell `case` tables generated from the CLI11 tree
// and from the kind table, shared by the bash and zsh scripts.
#include "tools/cli/completion_tree.hpp"

#include <CLI/CLI.hpp>

#include "identity/kinds.hpp"

namespace ordinal::cli {
namespace {

struct CommandNode {
  std::string path;  ///< "" for the root, "rollout status" for a sub-verb
  std::vector<std::string> subcommands;
  std::vector<std::string> flags;        ///< every name: -o, --output, -h, --help
  std::vector<std::string> value_flags;  ///< the names of flags that take a value
};

void collect(const CLI::App& app, const std::string& path, std::vector<CommandNode>& nodes) {
  CommandNode node{path, {}, {}, {}};
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional()) continue;
    const bool takes_value = option->get_type_size_max() > 0;
    std::vector<std::string> names;
    for (const auto& s : option->get_snames()) names.push_back("-" + s);
    for (const auto& l : option->get_lnames()) names.push_back("--" + l);
    for (const auto& name : names) {
      node.flags.push_back(name);
      if (takes_value) node.value_flags.push_back(name);
    }
  }
  std::vector<const CLI::App*> children = app.get_subcommands({});
  for (const CLI::App* child : children) node.subcommands.push_back(child->get_name());
  nodes.push_back(std::move(node));
  for (const CLI::App* child : children)
    collect(*child, path.empty() ? child->get_name() : path + " " + child->get_name(), nodes);
}

std::string quoted(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string words(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& w : list) out += " " + quoted(w);
  return out;
}

/// A function printing, one per line, the words `pick` gives for the command path in $1.
std::string case_function(const std::string& name, const std::string& comment,
                          const std::vector<CommandNode>& nodes,
                          const std::vector<std::string> CommandNode::*pick) {
  std::string out = "# " + comment + "\n" + name + "() {\n  case \"$1\" in\n";
  for (const auto& node : nodes) {
    if ((node.*pick).empty()) continue;
    out += "    " + quoted(node.path) + ") printf '%s\\n'" + words(node.*pick) + " ;;\n";
  }
  return out + "  esac\n}\n\n";
}

}  // namespace

std::string completion_tables(const CLI::App& app) {
  std::vector<CommandNode> nodes;
  collect(app, "", nodes);
  std::string out =
      case_function("__ordinal_subcommands", "The verbs under command path $1.", nodes,
                    &CommandNode::subcommands) +
      case_function("__ordinal_flags", "The flags of command path $1.", nodes,
                    &CommandNode::flags) +
      case_function("__ordinal_value_flags", "The flags of command path $1 that take a value.",
                    nodes, &CommandNode::value_flags);
  out += "# Resource kinds, by kubectl's plural names.\n__ordinal_kinds() {\n  printf '%s\\n'";
  for (const auto& kind : identity::all_kinds()) out += " " + quoted(kind.resource);
  return out + "\n}\n\n";
}

}  // namespace ordinal::cli
