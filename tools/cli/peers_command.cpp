// `ordinal peers SERVICE[.NAMESPACE]`: a headless Service's members as resolved through DNS, in
// the bootstrap syntax of common clustered applications, and a barrier that waits until enough
// of them resolve (dns.md §2.5, §6.2).
#include "tools/cli/peers_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>

#include "identity/duration.hpp"
#include "tools/cli/peer_resolver.hpp"
#include "tools/cli/peers_barrier.hpp"
#include "tools/cli/peers_format.hpp"
#include "tools/cli/peers_help.hpp"
#include "tools/cli/peers_template.hpp"

namespace ordinal::cli {
namespace {

constexpr const char* kServiceAccountNamespace =
    "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

struct PeersFlags {
  std::string service;
  std::string format = "list";
  int port = 0;
  std::string port_name;
  std::string scheme = "http";
  std::string dns;
  std::string domain = "cluster.local";
  bool self = false;
  int ordinal_offset = 0;
  int id_offset = 0;
  std::string template_file;
  std::string separator = ",";
  bool wait = false;
  int min = -1;
  std::string timeout = "5m";
  bool expect_replicas = false;
};

// -n wins over the pod's own namespace, which wins over "default", as in kubectl.
std::string default_namespace(const GlobalOptions& global) {
  if (global.ns_given) return global.ns;
  std::ifstream in(kServiceAccountNamespace);
  std::string ns;
  if (in && std::getline(in, ns)) {
    while (!ns.empty() && std::isspace(static_cast<unsigned char>(ns.back()))) ns.pop_back();
    if (!ns.empty()) return ns;
  }
  return global.ns;
}

std::string asked_server(const PeersFlags& flags) {
  return flags.dns.empty() ? "the system resolver" : flags.dns;
}

std::string hostname() {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) return {};
  return buffer;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("--template: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One round of questions: the members, and the published replica count when it is wanted.
BarrierRound ask_round(PeerResolver& resolver, const ServiceName& service, const PeersFlags& flags,
                       std::chrono::milliseconds remaining) {
  resolver.set_timeout(std::min(remaining, std::chrono::milliseconds(2000)));
  BarrierRound round;
  DnsAnswer srv;
  round.peers = resolve_members(resolver, service.srv_name(flags.port_name), flags.ordinal_offset,
                                flags.port, srv);
  if (round.peers.empty()) round.note = srv.detail;
  if (!flags.expect_replicas) return round;
  const DnsAnswer txt = resolver.query(service.fqdn() + ".", QueryType::Txt);
  round.expected = replicas_from_txt(txt.txt);
  // A name that exists but carries no count will not start carrying one by waiting.
  if (txt.status == DnsAnswer::Status::Ok && !round.expected)
    round.fatal = "the DNS server publishes no replica count for " + service.fqdn() +
                  " (a TXT record \"replicas=R ...\"); give the count with --min N";
  return round;
}

std::string timeout_message(const BarrierResult& result, const ServiceName& service,
                            const PeersFlags& flags) {
  std::string message = "timed out after " + flags.timeout + " waiting for the members of " +
                        service.srv_name(flags.port_name) + " (asked " + asked_server(flags) +
                        "): ";
  if (!result.target)
    return message + "no replica count was published (TXT \"replicas=R\" on " + service.fqdn() +
           ")";
  const auto resolved = with_addresses(result.last.peers);
  message += std::to_string(resolved.size()) + " of " + std::to_string(*result.target) + " resolve";
  try {
    const auto missing = missing_members(result.last.peers, *result.target, flags.ordinal_offset);
    if (missing.empty()) return message;
    message += "; missing:";
    for (const auto& name : missing) message += " " + name;
  } catch (const std::invalid_argument&) {
    message += "; no member was found" +
               (result.last.note.empty() ? "" : " (last answer: " + result.last.note + ")");
  }
  return message;
}

void print_members(const std::vector<Peer>& peers, const ServiceName& service,
                   const PeersFlags& flags) {
  std::optional<SelfIdentity> self;
  if (flags.self)
    self = self_from_hostname(hostname(), flags.ordinal_offset, service, peers, flags.port);
  if (!flags.template_file.empty()) {
    TemplateContext context{peers, flags.separator, self};
    std::cout << render_template(read_file(flags.template_file), context, flags.template_file);
    return;
  }
  FormatOptions options{parse_peer_format(flags.format), flags.scheme, flags.id_offset, self};
  std::cout << format_peers(peers, options);
}

int run_peers(const GlobalOptions& global, const PeersFlags& flags) {
  if (flags.wait && flags.min < 0 && !flags.expect_replicas)
    return fail("--wait needs --min N or --expect-replicas");
  const ServiceName service =
      parse_service_argument(flags.service, default_namespace(global), flags.domain);
  parse_peer_format(flags.format);  // a bad --format fails before any waiting
  const auto timeout = identity::parse_duration(flags.timeout);
  std::optional<DnsServerAddress> server;
  if (!flags.dns.empty()) server = parse_dns_server(flags.dns);
  PeerResolver resolver(server);
  const auto ask = [&](std::chrono::milliseconds remaining) {
    return ask_round(resolver, service, flags, remaining);
  };
  if (flags.min >= 0 || flags.expect_replicas) {
    std::optional<int> min;
    if (flags.min >= 0) min = flags.min;
    const BarrierResult result = wait_for_members(ask, min, timeout, system_barrier_clock());
    if (!result.last.fatal.empty()) return fail(result.last.fatal);
    if (!result.reached) return fail(timeout_message(result, service, flags));
    print_members(with_addresses(result.last.peers), service, flags);
    return 0;
  }
  const BarrierRound round = ask(std::chrono::milliseconds(2000));
  if (round.peers.empty())
    return fail("no members found: SRV " + service.srv_name(flags.port_name) + " answered " +
                (round.note.empty() ? "no records" : round.note) + " (asked " +
                asked_server(flags) + "; use --wait --min N to wait for them)");
  print_members(round.peers, service, flags);
  return 0;
}

}  // namespace

void add_peers_command(CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto flags = std::make_shared<PeersFlags>();
  auto* cmd = app.add_subcommand(
      "peers", "Print a headless Service's members, resolved through DNS, for cluster bootstrap");
  cmd->add_option("service", flags->service, "SERVICE or SERVICE.NAMESPACE")->required();
  cmd->add_option("--format", flags->format, "Output format")
      ->check(
          CLI::IsMember({"list", "json", "etcd", "elasticsearch", "kafka", "zookeeper", "redis"}));
  auto* port = cmd->add_option("--port", flags->port, "Use this port instead of the SRV port")
                   ->check(CLI::Range(1, 65535));
  cmd->add_option("--port-name", flags->port_name,
                  "Ask SRV _NAME._tcp.SERVICE... (the Service port named NAME) instead of the "
                  "bare service name")
      ->excludes(port);
  cmd->add_option("--scheme", flags->scheme, "URL scheme of etcd peer URLs")
      ->check(CLI::IsMember({"http", "https"}));
  cmd->add_option("--dns", flags->dns,
                  "DNS server ADDR:PORT or [IPv6]:PORT (default: the system resolver)");
  cmd->add_option("--domain", flags->domain, "Cluster domain")->capture_default_str();
  cmd->add_flag("--self", flags->self,
                "Also print this host's own identity, from its hostname <set>-<ordinal>");
  cmd->add_option("--ordinal-offset", flags->ordinal_offset,
                  "Subtracted from every ordinal (for sets with spec.ordinals.start)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--id-offset", flags->id_offset, "kafka: node id = ordinal + this");
  cmd->add_option("--template", flags->template_file, "Render FILE instead of a --format");
  cmd->add_option("--separator", flags->separator,
                  "Joins {{peers}}, {{peer_fqdns}} and {{peer_addresses}}");
  cmd->add_flag("--wait", flags->wait, "Wait until --min N members resolve");
  auto* min = cmd->add_option("--min", flags->min, "Members to wait for (implies --wait)")
                  ->check(CLI::NonNegativeNumber);
  cmd->add_option("--timeout", flags->timeout, "How long --wait waits (e.g. 30s, 5m)")
      ->capture_default_str();
  cmd->add_flag("--expect-replicas", flags->expect_replicas,
                "Wait for as many members as the TXT record replicas=R of the service says")
      ->excludes(min);
  cmd->footer(peers_help_footer());
  cmd->callback([&global, &exit_code, flags] {
    try {
      exit_code = run_peers(global, *flags);
    } catch (const std::exception& e) {
      exit_code = fail(e.what());
    }
  });
}

}  // namespace ordinal::cli
