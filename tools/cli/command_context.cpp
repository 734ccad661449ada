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
  app.add_option("--token", options.token,
                 "Bearer token for the API server (default $ORDINAL_TOKEN)");
  app.add_option("--certificate-authority", options.certificate_authority,
                 "Path to a CA certificate file to verify an https:// server with (default: the "
                 "system's CAs)");
  app.add_option("--client-certificate", options.client_certificate,
                 "Path to a client certificate file for TLS");
  app.add_option("--client-key", options.client_key, "Path to the client key file for TLS");
  app.add_flag("--insecure-skip-tls-verify", options.insecure_skip_tls_verify,
               "Do not check the server's certificate: the connection can then be intercepted");
}

ClientCredentials client_credentials(const GlobalOptions& options) {
  ClientCredentials credentials;
  credentials.token = options.token;
  if (const char* env = std::getenv("ORDINAL_TOKEN"); credentials.token.empty() && env != nullptr)
    credentials.token = env;
  credentials.tls.certificate_authority = options.certificate_authority;
  credentials.tls.client_certificate = options.client_certificate;
  credentials.tls.client_key = options.client_key;
  credentials.tls.insecure_skip_verify = options.insecure_skip_tls_verify;
  return credentials;
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
    : transport_(make_http_transport(server_url(options), client_credentials(options))),
      client_(*transport_) {}

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return 1;
}

int fail(const identity::ApiError& error) {
  if (error.code == 401) {  // kubectl's words for a missing or refused credential
    std::cerr << "error: You must be logged in to the server (" << error.message << ")\n";
    return 1;
  }
  std::cerr << error.to_cli_line() << "\n";
  return 1;
}

}  // namespace ordinal::cli
