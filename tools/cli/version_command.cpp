// `ordinal version [--client] [-o json|yaml]`: the client's version and, when a server answers
// /version in time, the server's (its gitVersion), as kubectl prints them.
#include <CLI/CLI.hpp>
#include <chrono>
#include <future>
#include <iostream>
#include <thread>

#include "tools/cli/commands.hpp"
#include "tools/cli/yaml_writer.hpp"

namespace ordinal::cli {
namespace {

using namespace std::chrono_literals;

// A server that accepts but does not answer must not hang the command: /version is asked on a
// thread of its own, and a late answer is dropped.
constexpr auto kServerTimeout = 5s;

struct VersionFlags {
  bool client_only = false;
  std::string output;
};

Json client_version() {
  const std::string version = ORDINAL_VERSION;
  const auto first_dot = version.find('.');
  const auto second_dot = version.find('.', first_dot + 1);
#if defined(__x86_64__)
  const char* platform = "linux/amd64";
#elif defined(__aarch64__)
  const char* platform = "linux/arm64";
#else
  const char* platform = "linux/unknown";
#endif
  return {{"major", version.substr(0, first_dot)},
          {"minor", version.substr(first_dot + 1, second_dot - first_dot - 1)},
          {"gitVersion", "v" + version},
          {"platform", platform}};
}

identity::ApiError unreachable(const std::string& why) {
  identity::ApiError error;
  error.code = 0;
  error.reason = "Unreachable";
  error.message = why;
  return error;
}

/// The server's /version object, or the reason there is none.
Result<Json> server_version(const std::string& url, const ClientCredentials& credentials) {
  auto answer = std::make_shared<std::promise<Result<Json>>>();
  auto future = answer->get_future();
  std::thread([answer, url, credentials] {
    try {
      auto transport = make_http_transport(url, credentials);
      ApiClient client(*transport);
      answer->set_value(client.call({"GET", "/version", {}, {}}));
    } catch (const std::exception& e) {
      answer->set_value(unreachable(e.what()));
    }
  }).detach();
  if (future.wait_for(kServerTimeout) != std::future_status::ready)
    return unreachable("no answer in time");
  return future.get();
}

int run_version(const GlobalOptions& global, const VersionFlags& flags) {
  Json out = {{"clientVersion", client_version()}};
  int code = 0;
  const std::string url = server_url(global);
  if (!flags.client_only) {
    auto server = server_version(url, client_credentials(global));
    if (server)
      out["serverVersion"] = std::move(*server);
    else
      code = 1;
  }
  if (flags.output == "json")
    std::cout << out.dump(2) << "\n";
  else if (flags.output == "yaml")
    std::cout << to_yaml(out);
  else {
    std::cout << "Client Version: " << out["clientVersion"].value("gitVersion", "") << "\n";
    if (out.contains("serverVersion"))
      std::cout << "Server Version: " << out["serverVersion"].value("gitVersion", "") << "\n";
  }
  std::cout.flush();
  if (code != 0) std::cerr << "Server: not reachable at " << url << "\n";
  return code;
}

}  // namespace

void add_version_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<VersionFlags>();
  auto* cmd = app.add_subcommand("version", "Print the client and server versions");
  cmd->add_flag("--client", flags->client_only, "Only the client's version (no server needed)");
  cmd->add_option("-o,--output", flags->output, "json or yaml (default: one line each)")
      ->check(CLI::IsMember({"json", "yaml"}));
  cmd->footer(
      "The server is the one --server names; it has 5 seconds to answer. As kubectl does,\n"
      "the command exits 1 when no server answers (after printing the client's version);\n"
      "use --client when there is none.\n\n" +
      examples_footer({
          {"Client and server", "ordinal version"},
          {"The client alone", "ordinal version --client"},
          {"Both as JSON, as kubectl version -o json", "ordinal version -o json"},
      }));
  cmd->callback([&global, &exit_code, flags] { exit_code = run_version(global, *flags); });
}

}  // namespace ordinal::cli
