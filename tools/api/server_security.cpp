#include "tools/api/server_security.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>
#include <iostream>
#include <stdexcept>

#include "tools/api/tls_context.hpp"

namespace ordinal::api {

std::vector<CLI::Option*> add_security_flags(CLI::App& serve, SecurityOptions& options) {
  serve.add_option("--token-file", options.token_file,
                   "Bearer tokens the API accepts, one per line: token,user,uid[,\"groups\"]. "
                   "Every request but /healthz, /livez and /readyz then needs one (or a client "
                   "certificate). With --follow: the first token in it is sent to the source");
  return {
      serve.add_option("--tls-cert-file", options.tls_cert_file,
                       "Serve the API over HTTPS only, with this PEM certificate chain"),
      serve.add_option("--tls-private-key-file", options.tls_private_key_file,
                       "The PEM private key of --tls-cert-file"),
      serve.add_option("--client-ca-file", options.client_ca_file,
                       "With TLS: clients may authenticate with a certificate signed by this CA "
                       "(its CN is the user); without --token-file they must"),
      serve
          .add_option("--api-max-connections", options.max_connections,
                      "Open API connections at most; beyond it new ones are closed at once")
          ->capture_default_str(),
  };
}

bool is_loopback_host(const std::string& host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return false;
  if (address.is_v4()) return address.to_v4().is_loopback();
  const auto v6 = address.to_v6();
  if (v6.is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).is_loopback();
  return v6.is_loopback();
}

namespace {

void check_flags(const SecurityOptions& options, const std::string& listen_host) {
  const bool tls = !options.tls_cert_file.empty() || !options.tls_private_key_file.empty();
  if (tls && (options.tls_cert_file.empty() || options.tls_private_key_file.empty()))
    throw std::invalid_argument("--tls-cert-file and --tls-private-key-file go together");
  if (!options.client_ca_file.empty() && !tls)
    throw std::invalid_argument(
        "--client-ca-file needs TLS: give --tls-cert-file and --tls-private-key-file too");
  if (options.max_connections == 0)
    throw std::invalid_argument("--api-max-connections must be at least 1");
  const bool authenticated = !options.token_file.empty() || !options.client_ca_file.empty();
  if (!is_loopback_host(listen_host) && !authenticated)
    throw std::invalid_argument(
        "--api-listen " + listen_host +
        " is not a loopback address: the API would be open to anyone who can reach it; give "
        "--token-file, or --client-ca-file with --tls-cert-file and --tls-private-key-file");
}

}  // namespace

ServerSecurity load_server_security(const SecurityOptions& options, const std::string& listen_host,
                                    std::vector<std::string>& warnings) {
  check_flags(options, listen_host);
  ServerSecurity security;
  security.max_connections = options.max_connections;
  std::vector<TokenEntry> tokens;
  if (!options.token_file.empty()) tokens = load_token_file(options.token_file, warnings);
  if (!options.tls_cert_file.empty()) {
    // With tokens too, a client may come with either; without, a certificate is the only way in.
    const bool require_certificate = !options.client_ca_file.empty() && tokens.empty();
    security.tls = make_server_tls_context(
        {options.tls_cert_file, options.tls_private_key_file, options.client_ca_file},
        require_certificate);
  } else if (!tokens.empty() && !is_loopback_host(listen_host)) {
    warnings.push_back("the API on " + listen_host +
                       " speaks plain HTTP: bearer tokens travel in clear (give --tls-cert-file "
                       "and --tls-private-key-file)");
  }
  security.authenticator =
      std::make_shared<const Authenticator>(tokens, !options.client_ca_file.empty());
  return security;
}

ServerSecurity load_server_security(const SecurityOptions& options,
                                    const std::string& listen_host) {
  std::vector<std::string> warnings;
  ServerSecurity security = load_server_security(options, listen_host, warnings);
  for (const auto& warning : warnings) std::cerr << "warning: " << warning << "\n";
  return security;
}

}  // namespace ordinal::api
