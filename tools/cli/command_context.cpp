#include "tools/cli/command_context.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "tools/cli/terminal.hpp"

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
  app.add_option("--color", options.color,
                 "Colour status words: auto (a terminal without NO_COLOR, TERM not dumb), always "
                 "or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
}

std::string server_url(const GlobalOptions& options) {
  if (!options.server.empty()) return options.server;
  if (const char* env = std::getenv("ORDINAL_SERVER"); env != nullptr && *env != '\0') return env;
  return "http://127.0.0.1:8080";
}

bool color_stdout(const GlobalOptions& options) {
  return use_color(parse_color_mode(options.color), terminal_facts(STDOUT_FILENO));
}

bool live_stdout() {
  return redraw_in_place(terminal_facts(STDOUT_FILENO));
}

std::string examples_footer(const std::vector<Example>& examples) {
  std::string out = "Examples:\n";
  for (std::size_t i = 0; i < examples.size(); ++i)
    out += (i == 0 ? "" : "\n") + std::string("  # ") + examples[i].what + "\n  " +
           examples[i].command + "\n";
  return out;
}

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
