#include "tools/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace ordinal::cli {

int run(int argc, char** argv) {
  CLI::App app{"ordinal: stable identities for stateful workloads, served over DNS"};
  app.require_subcommand(1);
  auto* version = app.add_subcommand("version", "Print the client version");
  version->callback([] {
    std::cout << "ordinal "
              << "0.1.0"
              << "\n";
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace ordinal::cli
