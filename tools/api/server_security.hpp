#pragma once
// The security flags of `ordinal serve` (kube-apiserver's names) and what they add up to: who
// may use the API, whether it speaks TLS, how many connections it takes, and whether the
// listening address may be used at all.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "tools/api/authenticator.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI
namespace boost::asio::ssl {
class context;
}

namespace ordinal::api {

/// The flag values, as given.
struct SecurityOptions {
  std::string token_file;              ///< --token-file
  std::string tls_cert_file;           ///< --tls-cert-file
  std::string tls_private_key_file;    ///< --tls-private-key-file
  std::string client_ca_file;          ///< --client-ca-file
  std::size_t max_connections = 1024;  ///< --api-max-connections
};

/// Adds --token-file, --tls-cert-file, --tls-private-key-file, --client-ca-file and
/// --api-max-connections to `serve`, writing into `options` (which must outlive parsing).
/// Returns the options that only a server with an API uses (all but --token-file, which
/// `serve --follow` reads too), for `serve` to refuse where they do not apply.
std::vector<CLI::Option*> add_security_flags(CLI::App& serve, SecurityOptions& options);

/// What ApiServer enforces. The default (no TLS, no authentication, 1024 connections) is the
/// API on loopback as it always was.
struct ServerSecurity {
  std::shared_ptr<boost::asio::ssl::context> tls;  ///< null: plain HTTP
  std::shared_ptr<const Authenticator> authenticator = std::make_shared<Authenticator>();
  std::size_t max_connections = 1024;
};

/// Whether `host` (an --api-listen host: an address or "localhost") is loopback only:
/// 127.0.0.0/8, ::1 or ::ffff:127.x.y.z. 0.0.0.0, :: and every other address are not.
[[nodiscard]] bool is_loopback_host(const std::string& host);

/// Checks the flags against the address the API will listen on and loads the token file and
/// the TLS files. Refuses (throws std::invalid_argument with a one-line reason) an address that
/// is not loopback unless --token-file, or --client-ca-file with TLS, is given; TLS flags
/// without each other; --client-ca-file without TLS; a connection cap of 0. Files that cannot
/// be used throw std::runtime_error naming them. Warnings (a token file readable by others,
/// tokens in clear on an exposed address) are appended to `warnings`, one line each.
ServerSecurity load_server_security(const SecurityOptions& options, const std::string& listen_host,
                                    std::vector<std::string>& warnings);

/// load_server_security() printing each warning on stderr as `warning: ...`.
ServerSecurity load_server_security(const SecurityOptions& options, const std::string& listen_host);

}  // namespace ordinal::api
