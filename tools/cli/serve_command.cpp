// `ordinal serve`: opens the registry, applies start-up manifests, starts the API (and, as they
// arrive, DNS and the controller), prints the bound addresses and `ready`, and on SIGTERM/SIGINT
// drains and exits 0.
#include <utility>
// (utility first: Boost 1.74's asio headers need it under GCC 12)
#include <CLI/CLI.hpp>
#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <iostream>
#include <thread>

#include "controller/control_plane.hpp"
#include "controller/pod_ip_allocator.hpp"
#include "dns/dns_server.hpp"
#include "dns/transfer_acl.hpp"
#include "dns/tsig.hpp"
#include "identity/ipv4.hpp"
#include "identity/registry.hpp"
#include "tools/api/api_handler.hpp"
#include "tools/api/api_server.hpp"
#include "tools/api/cluster_ip.hpp"
#include "tools/api/server_security.hpp"
#include "tools/cli/apply.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/free_memory_release.hpp"
#include "tools/cli/manifest_source.hpp"
#include "tools/cli/serve_options.hpp"
#include "tools/follow/follow_serve.hpp"
#include "zones/zone_export.hpp"
#include "zones/zone_feed.hpp"

namespace ordinal::cli {
namespace {

namespace asio = boost::asio;

constexpr std::chrono::seconds kFreeMemoryCheck{5};
constexpr std::size_t kFreeMemoryThreshold = std::size_t{128} << 20;

// --pod-cidr, or the loopback range of the process runtime when it is not given.
std::string pod_cidr_of(const ServeOptions& options) {
  return options.runtime == "process" && !options.pod_cidr_given ? kProcessPodCidr
                                                                 : options.pod_cidr;
}

void check_options(const ServeOptions& options) {
  if (options.runtime != "sim" && options.runtime != "process")
    throw std::invalid_argument("--runtime " + options.runtime + ": expected sim or process");
  if (!identity::parse_ipv4(options.pod_dns))
    throw std::invalid_argument("--pod-dns " + options.pod_dns + ": expected an IPv4 address");
  parse_duration(options.sim_ready_after);
  (void)api::ServiceCidr::parse(options.service_cidr);
  (void)controller::Ipv4Cidr::parse(pod_cidr_of(options));
  parse_host_port(options.api_listen, "--api-listen");
  for (const auto& listen : options.dns_listen) parse_host_port(listen, "--dns-listen");
  for (const auto& upstream : options.upstreams) parse_host_port(upstream, "--upstream");
  for (const auto& target : options.notify) parse_host_port(target, "--notify");
  (void)dns::TransferAcl::parse(options.allow_transfer);
  for (const auto& key : options.tsig_keys) (void)dns::parse_tsig_key(key);
  if (options.dns_max_tcp_connections == 0)
    throw std::invalid_argument("--dns-max-tcp-connections must be at least 1");
}

/// Applies `-f` manifests through the API handler, as `ordinal apply` would. All-or-nothing on
/// decoding: a bad manifest stops start-up before anything is written.
bool apply_startup_manifests(api::ApiHandler& handler, const ServeOptions& options) {
  if (options.files.empty()) return true;
  identity::DecodedManifests decoded = read_manifests(options.files);
  for (const auto& error : decoded.errors) std::cerr << "error: " << error.to_string() << "\n";
  if (!decoded.errors.empty()) return false;
  auto transport = make_in_process_transport(handler);
  ApiClient client(*transport);
  bool ok = true;
  for (const auto& document : decoded.documents) {
    ApplyOutcome outcome = apply_document(client, document, {options.ns, options.ns_given}, false);
    (outcome.ok ? std::cout : std::cerr) << outcome.line << "\n";
    ok = ok && outcome.ok;
  }
  return ok;
}

// With --runtime process, DNS also listens where the pods' resolv.conf points (port 53: a
// resolver cannot be told another), unless --dns-listen already names that address.
std::vector<std::string> dns_listen_of(const ServeOptions& options) {
  std::vector<std::string> listen =
      options.dns_listen.empty() ? std::vector<std::string>{"127.0.0.1:1053"} : options.dns_listen;
  const std::string pod_dns = options.pod_dns + ":53";
  if (options.runtime == "process" &&
      std::find(listen.begin(), listen.end(), pod_dns) == listen.end())
    listen.push_back(pod_dns);
  return listen;
}

zones::ZoneConfig zone_config_of(const ServeOptions& options) {
  zones::ZoneConfig config;
  config.domain = options.domain;
  config.peer_extensions = options.peer_records;
  config.ns_addresses.clear();  // NS glue: the addresses DNS listens on
  for (const auto& listen : dns_listen_of(options))
    config.ns_addresses.push_back(parse_host_port(listen, "--dns-listen").host);
  return config;
}

dns::DnsServerOptions dns_options_of(const ServeOptions& options) {
  dns::DnsServerOptions dns_options;
  dns_options.listen = dns_listen_of(options);
  dns_options.upstreams = options.upstreams;
  dns_options.allow_transfer = options.allow_transfer;
  dns_options.notify = options.notify;
  dns_options.tsig_keys = options.tsig_keys;
  dns_options.max_tcp_connections = options.dns_max_tcp_connections;
  dns_options.rate_limit.responses_per_second = options.rrl;
  dns_options.rate_limit.slip = options.rrl_slip;
  return dns_options;
}

controller::ControlPlaneOptions control_plane_options_of(const ServeOptions& options) {
  controller::ControlPlaneOptions control;
  control.volumes_root = std::filesystem::path(options.data_dir) / "volumes";
  control.pod_cidr = pod_cidr_of(options);
  control.sim_ready_after = parse_duration(options.sim_ready_after);
  control.runtime = options.runtime;
  control.pods_root = std::filesystem::path(options.data_dir) / "pods";
  control.pod_dns_address = options.pod_dns;
  control.domain = options.domain;
  return control;
}

/// The API's settings; `feed` must outlive the handler. Before feed.start() there is no
/// snapshot yet, and the export is empty text.
api::ApiOptions api_options_of(const ServeOptions& options, zones::ZoneFeed& feed) {
  api::ApiOptions api_options;
  api_options.strict_namespaces = options.strict_namespaces;
  api_options.service_cidr = options.service_cidr;
  if (options.runtime == "process")
    api_options.pod_logs_root = (std::filesystem::path(options.data_dir) / "pods").string();
  api_options.zone_text = [&feed](bool reverse) {
    std::shared_ptr<const zones::ZoneSnapshot> snapshot = feed.current();
    return snapshot ? zones::export_zone_text(*snapshot, reverse) : std::string();
  };
  // An acknowledged write is in the DNS answers of the next query (issue 4). Before
  // feed.start() settle() returns at once.
  api_options.settle_writes = [&feed] { feed.settle(std::chrono::milliseconds(200)); };
  return api_options;
}

/// `serve --follow URL`: DNS and the health endpoints only, fed by the source's list + watch.
int serve_follower(const ServeOptions& options) {
  if (!options.server_only_given.empty()) {
    std::string flags;
    for (const auto& flag : options.server_only_given) flags += (flags.empty() ? "" : ", ") + flag;
    throw std::invalid_argument(
        "--follow runs DNS only, with no controller, registry or data directory; it does not "
        "take " +
        flags);
  }
  check_options(options);
  follow::FollowServeOptions follow_options;
  follow_options.follower.url = options.follow;
  follow_options.follower.token_file = options.token_file;
  follow_options.follower.ca_file = options.ca_file;
  follow_options.follower.zone = zone_config_of(options);
  const HostPort status = parse_host_port(options.api_listen, "--api-listen");
  follow_options.status_host = status.host;
  follow_options.status_port = status.port;
  follow_options.dns = dns_options_of(options);
  // A follower's relists free its previous lists and zone build too.
  const FreeMemoryRelease free_memory(kFreeMemoryCheck, kFreeMemoryThreshold);
  return follow::serve_follower(follow_options);
}

int serve(const ServeOptions& options, const api::SecurityOptions& security_options) {
  if (!options.follow.empty()) return serve_follower(options);
  if (!options.ca_file.empty()) throw std::invalid_argument("--ca-file goes with --follow URL");
  check_options(options);
  const HostPort api_address = parse_host_port(options.api_listen, "--api-listen");
  api::ServerSecurity security = api::load_server_security(security_options, api_address.host);
  asio::io_context io;
  // Installed before anything starts, so a SIGTERM at any moment after this is a clean stop.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  std::filesystem::create_directories(options.data_dir);
  std::unique_ptr<identity::Registry> registry = identity::Registry::open(options.data_dir);
  // Built before the handler so the API can export the zone it serves; started further down.
  zones::ZoneFeed feed(*registry, zone_config_of(options));
  api::ApiHandler handler(*registry, api_options_of(options, feed));
  if (!apply_startup_manifests(handler, options)) return 1;

  // The zone first: its first build then has both cores to itself, where the controllers' first
  // passes over a large store would halve them (at 100,000 pods: ready after 24 s, not 35 s).
  feed.start();
  controller::ControlPlane control_plane(*registry, control_plane_options_of(options));
  control_plane.start();
  dns::DnsServer dns_server(dns_options_of(options), feed);
  dns_server.start();
  api::ApiServer api_server(io, api_address.host, api_address.port, handler, security);
  api_server.start();
  // Returns what the start and later relists free (free_memory_release.hpp): checked every
  // few seconds, released only when there is much of it.
  const FreeMemoryRelease free_memory(kFreeMemoryCheck, kFreeMemoryThreshold);
  for (const auto& line : dns_server.bound_addresses()) std::cout << line << "\n";
  std::cout << "api " << api_server.url() << "\n"
            << "ready" << std::endl;

  auto work = asio::make_work_guard(io);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    api_server.stop();
    control_plane.stop();
    dns_server.stop();
    feed.stop();
    registry->close_watches();
    work.reset();
  });
  std::thread second([&io] { io.run(); });
  io.run();
  second.join();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand(
      "serve", "Run the registry, API, controller and DNS (or, with --follow URL, DNS only)");
  auto* data_dir =
      cmd->add_option("--data-dir", options->data_dir, "Where the registry keeps its state")
          ->capture_default_str();
  cmd->add_option("--dns-listen", options->dns_listen,
                  "DNS address (UDP and TCP), repeatable; port 0 picks one (default "
                  "127.0.0.1:1053)");
  cmd->add_option("--api-listen", options->api_listen,
                  "HTTP API address; port 0 picks one (with --follow: /healthz, /livez, /readyz "
                  "and /metrics only)")
      ->capture_default_str();
  cmd->add_option("--domain", options->domain, "Cluster DNS domain")->capture_default_str();
  auto* pod_cidr = cmd->add_option("--pod-cidr", options->pod_cidr,
                                   "Pod addresses (default 10.244.0.0/16; with --runtime process "
                                   "127.1.0.0/16, so each pod binds its own loopback address)");
  auto* service_cidr =
      cmd->add_option("--service-cidr", options->service_cidr, "ClusterIP addresses")
          ->capture_default_str();
  auto* runtime =
      cmd->add_option("--runtime", options->runtime,
                      "Pod runtime: sim (simulated kubelet) or process (each container's command "
                      "runs as a local process; as root, in its own mount and UTS namespace with "
                      "its hostname, resolv.conf, hosts and volumes)")
          ->capture_default_str();
  auto* pod_dns =
      cmd->add_option("--pod-dns", options->pod_dns,
                      "process: the nameserver in the pods' /etc/resolv.conf; DNS also listens "
                      "there on port 53")
          ->capture_default_str();
  auto* sim_ready_after = cmd->add_option("--sim-ready-after", options->sim_ready_after,
                                          "sim: Pending -> Running+Ready after this long")
                              ->capture_default_str();
  cmd->add_option("--upstream", options->upstreams,
                  "Forward names outside the zone here (repeatable); without it they are REFUSED");
  cmd->add_option("--allow-transfer", options->allow_transfer,
                  "Let these addresses (CIDR, repeatable) transfer the zones with AXFR/IXFR over "
                  "TCP; without it transfers are REFUSED");
  cmd->add_option("--notify", options->notify,
                  "Send NOTIFY to this secondary ADDR:PORT whenever the zone changes (repeatable)");
  cmd->add_option("--tsig-key", options->tsig_keys,
                  "TSIG key [ALG:]NAME:BASE64SECRET as kdig -y takes it (ALG hmac-sha256 by "
                  "default; repeatable): transfers then also need a valid signature with one, "
                  "their replies are signed, and NOTIFY is signed with the first");
  cmd->add_option("--dns-max-tcp-connections", options->dns_max_tcp_connections,
                  "Open DNS TCP connections per listening address; beyond it the least recently "
                  "active one is closed")
      ->capture_default_str();
  cmd->add_option("--rrl", options->rrl,
                  "Response-rate limiting for exposed DNS: at most N UDP responses per second "
                  "to one client prefix (IPv4 /24, IPv6 /56) for one question (all NXDOMAIN "
                  "count as one); 0 is off")
      ->capture_default_str();
  cmd->add_option("--rrl-slip", options->rrl_slip,
                  "With --rrl: every Nth limited response goes out empty and truncated, so real "
                  "clients retry over TCP (0 drops them all)")
      ->capture_default_str();
  cmd->add_flag("--no-peer-records{false}", options->peer_records,
                "Serve no peer-discovery TXT records and no uncached NXDOMAIN for StatefulSet "
                "members (DNS extensions beside the required records)");
  auto* files = cmd->add_option("-f,--filename", options->files, "Manifests to apply at start-up");
  auto* ns_option =
      cmd->add_option("-n,--namespace", options->ns, "Namespace for start-up manifests without one")
          ->capture_default_str();
  auto* strict =
      cmd->add_flag("--strict-namespaces", options->strict_namespaces,
                    "Writing into a namespace that does not exist is NotFound (as in Kubernetes) "
                    "instead of creating it");
  cmd->add_option(
      "--follow", options->follow,
      "Run DNS only, answering from the objects of this API (another `ordinal serve` "
      "or a Kubernetes API server, http:// or https://), listed and watched; no "
      "controller, registry or data directory. DNS starts listening only once the "
      "first complete list is in, so it never answers from an empty zone; while the "
      "source is away it answers from the last state and /readyz says 503. The flags only "
      "the full server uses (--data-dir, -f, -n, --runtime, --sim-ready-after, "
      "--pod-cidr, --service-cidr, --pod-dns, --strict-namespaces) are refused");
  auto security = std::make_shared<api::SecurityOptions>();
  std::vector<CLI::Option*> api_only = api::add_security_flags(*cmd, *security);
  cmd->add_option("--ca-file", options->ca_file,
                  "--follow: verify an https:// source against this CA (default: the system's)");
  std::vector<CLI::Option*> server_only = {data_dir,     files,           ns_option,
                                           runtime,      sim_ready_after, pod_cidr,
                                           service_cidr, pod_dns,         strict};
  server_only.insert(server_only.end(), api_only.begin(), api_only.end());
  cmd->callback([options, security, ns_option, pod_cidr, server_only, &exit_code] {
    options->ns_given = ns_option->count() > 0;
    options->pod_cidr_given = pod_cidr->count() > 0;
    for (const CLI::Option* option : server_only)
      if (option->count() > 0) options->server_only_given.push_back(option->get_name());
    options->token_file = security->token_file;  // --follow sends it; the server accepts it
    exit_code = serve(*options, *security);
  });
}

}  // namespace ordinal::cli
