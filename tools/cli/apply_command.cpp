// `ordinal apply -f` and `ordinal create -f`.
#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/apply.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/manifest_source.hpp"

namespace ordinal::cli {
namespace {

struct ApplyFlags {
  std::vector<std::string> files;
};

int run_apply(const GlobalOptions& global, const ApplyFlags& flags, bool create_only) {
  identity::DecodedManifests decoded = read_manifests(flags.files);
  Connection connection(global);
  bool ok = decoded.errors.empty();
  // Good documents are applied even when others are bad, as kubectl does; the exit status says
  // that something failed.
  for (const auto& document : decoded.documents) {
    ApplyOutcome outcome =
        apply_document(connection.client(), document, {global.ns, global.ns_given}, create_only);
    (outcome.ok ? std::cout : std::cerr) << outcome.line << "\n";
    ok = ok && outcome.ok;
  }
  for (const auto& error : decoded.errors) std::cerr << "error: " << error.to_string() << "\n";
  if (decoded.documents.empty() && decoded.errors.empty())
    return fail("no objects passed to " + std::string(create_only ? "create" : "apply"));
  return ok ? 0 : 1;
}

void add_one(CLI::App& app, GlobalOptions& global, int& exit_code, bool create_only) {
  auto flags = std::make_shared<ApplyFlags>();
  auto* cmd = app.add_subcommand(
      create_only ? "create" : "apply",
      create_only ? "Create objects from manifests; existing objects are an error"
                  : "Create or update objects from manifests (kubectl's client-side apply)");
  cmd->add_option("-f,--filename", flags->files, "File, directory or - for standard input")
      ->required();
  if (create_only)
    cmd->footer(examples_footer({
        {"Create the example's objects in namespace test",
         "ordinal create -f examples/nginx.yaml -n test"},
        {"Create from standard input", "cat web.yaml | ordinal create -f -"},
    }));
  else
    cmd->footer(examples_footer({
        {"Create or update the example's objects in namespace test",
         "ordinal apply -f examples/nginx.yaml -n test"},
        {"Every manifest of a directory", "ordinal apply -f examples/ -n test"},
        {"From standard input", "cat web.yaml | ordinal apply -f -"},
    }));
  cmd->callback([&global, &exit_code, flags, create_only] {
    exit_code = run_apply(global, *flags, create_only);
  });
}

}  // namespace

void add_apply_commands(CLI::App& app, GlobalOptions& global, int& exit_code) {
  add_one(app, global, exit_code, /*create_only=*/false);
  add_one(app, global, exit_code, /*create_only=*/true);
}

}  // namespace ordinal::cli
