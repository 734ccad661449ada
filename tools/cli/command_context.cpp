#include "tools/cli/command_context.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

namespace ordinal::cli {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--server,-s", options.server,
                 "API server URL (default $ORDINAL_SERVER, else http://127.0.0.1:8080)");
  app.add_option_function<std::string>(
         "-n,--namespace",
         [&options](const std::string& ns) {
           options.ns = ns;
           options.ns_given = true;
         },
         "Namespace of the request (default \"default\")")
      ->type_name("NAMESPACE");
  app.add_flag("-A,--all-namespaces", options.all_namespaces, "List across all namespaces");
}

namespace {
std::string server_url(const GlobalOptions& options) {
  if (!options.server.empty()) return options.server;
  if (const char* env = std::getenv("ORDINAL_SERVER"); env != nullptr && *env != '\0') return env;
  return "http://127.0.0.1:8080";
}
}  // namespace

Connection::Connection(const GlobalOptions& options)
    : transport_(make_http_transport(server_url(options))), client_(*transport_) {}

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return 1;
}

int fail(const identity::ApiError& error) {
  std::cerr << error.to_cli_line() << "\n";
  return 1;
}

}  // namespace ordinal::cli
