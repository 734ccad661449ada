// `ordinal zone export [--reverse]`: the zone the server is answering from, as RFC 1035
// master-file text (dns.md §6.9), so other DNS servers can load what ordinal serves.
#include <CLI/CLI.hpp>
#include <iostream>

#include "tools/cli/commands.hpp"

namespace ordinal::cli {
namespace {

// Fetches the text body of the zone route; errors arrive as Status objects.
int export_zone(const GlobalOptions& global, bool reverse) {
  Connection connection(global);
  api::ApiRequest request{
      "GET",
      std::string("/apis/ordinal.dev/v1/zone") + (reverse ? "?reverse=true" : ""),
      {{"accept", "text/plain"}},
      {}};
  api::ApiResponse response = connection.client().transport().send(request);
  if (response.status >= 300)
    return fail(ApiError::from_status(static_cast<int>(response.status), response.body));
  std::cout << response.body << std::flush;
  return 0;
}

}  // namespace

void add_zone_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto* zone = app.add_subcommand("zone", "The DNS zone the server serves");
  zone->require_subcommand(1);
  zone->footer(examples_footer({
      {"The forward zone as RFC 1035 text", "ordinal zone export"},
  }));
  auto reverse = std::make_shared<bool>(false);
  auto* export_cmd = zone->add_subcommand(
      "export", "Print the served zone as RFC 1035 text, loadable by Knot DNS and NSD");
  export_cmd->add_flag("--reverse", *reverse,
                       "The reverse zones (in-addr.arpa. and ip6.arpa.) instead of the forward "
                       "zone");
  export_cmd->footer(examples_footer({
      {"The forward zone, to load into Knot DNS or NSD",
       "ordinal zone export > cluster.local.zone"},
      {"The reverse zones", "ordinal zone export --reverse"},
  }));
  export_cmd->callback(
      [&global, &exit_code, reverse] { exit_code = export_zone(global, *reverse); });
}

}  // namespace ordinal::cli
