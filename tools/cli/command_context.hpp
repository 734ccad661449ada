#pragma once
// What every client verb shares: the global flags and, once parsed, a connection to the API.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tools/cli/api_client.hpp"
#include "tools/cli/transport.hpp"

namespace CLI {
class App;
}

namespace ordinal::cli {

struct GlobalOptions {
  std::string server;           ///< --server, else $ORDINAL_SERVER, else http://127.0.0.1:8080
  std::string ns = "default";   ///< -n/--namespace
  bool ns_given = false;        ///< -n was on the command line
  bool all_namespaces = false;  ///< -A/--all-namespaces
  std::string color = "auto";   ///< --color: auto, always or never
  std::string token;            ///< --token, else $ORDINAL_TOKEN
  std::string certificate_authority;      ///< --certificate-authority
  std::string client_certificate;         ///< --client-certificate
  std::string client_key;                 ///< --client-key
  bool insecure_skip_tls_verify = false;  ///< --insecure-skip-tls-verify
};

/// Adds --server, -n, -A, --color and kubectl's credential flags (--token,
/// --certificate-authority, --client-certificate, --client-key, --insecure-skip-tls-verify) to
/// `app` (they are accepted before or after the verb).
void add_global_options(CLI::App& app, GlobalOptions& options);

/// The credentials the options name: --token (else $ORDINAL_TOKEN) and the TLS files.
ClientCredentials client_credentials(const GlobalOptions& options);

/// The server the options name: --server, else $ORDINAL_SERVER, else http://127.0.0.1:8080.
std::string server_url(const GlobalOptions& options);
/// Whether standard output gets colour (--color, NO_COLOR, TERM, whether it is a terminal).
bool color_stdout(const GlobalOptions& options);
/// Whether a wait may redraw its progress in place on standard output (a terminal).
bool live_stdout();

/// One example of a verb's help: what it does, and the command line.
struct Example {
  std::string what;
  std::string command;
};
/// The "Examples:" block CLI11 prints below a verb's flags (kubectl's layout).
std::string examples_footer(const std::vector<Example>& examples);

/// A client for the server the global options name, with their credentials. Throws
/// std::invalid_argument for a bad URL, std::runtime_error for a TLS file it cannot load.
class Connection {
 public:
  explicit Connection(const GlobalOptions& options);
  ApiClient& client() { return client_; }

 private:
  std::unique_ptr<Transport> transport_;
  ApiClient client_;
};

/// Prints `message` on stderr as kubectl does (`error: ...`) and returns exit status 1.
int fail(const std::string& message);
/// Prints an API error on stderr (`Error from server (NotFound): ...`; for 401, kubectl's
/// `error: You must be logged in to the server (Unauthorized)`) and returns 1.
int fail(const identity::ApiError& error);

}  // namespace ordinal::cli
