#pragma once
// How client verbs reach an API: over HTTP to a server (the normal case), or in process to an
// ApiHandler (`serve -f` applies its manifests through the same code path as `ordinal apply`).
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "tools/api/api_types.hpp"
#include "tools/api/tls_context.hpp"

namespace ordinal::api {
class ApiHandler;
}

namespace ordinal::cli {

class Transport {
 public:
  virtual ~Transport() = default;
  /// Sends one request. Throws std::runtime_error with a one-line reason when the server cannot
  /// be reached; an HTTP error status is a normal response.
  virtual api::ApiResponse send(const api::ApiRequest& request) = 0;
  /// Streams a watch: calls `on_line` with each line of the body until it returns false or the
  /// server ends the stream. Throws like send().
  virtual void stream(const api::ApiRequest& request,
                      const std::function<bool(std::string_view line)>& on_line) = 0;
  /// Where requests go, for messages: "127.0.0.1:8080" or "in-process".
  [[nodiscard]] virtual std::string describe() const = 0;
};

/// How a client proves who it is and checks the server (kubectl's flags).
struct ClientCredentials {
  std::string token;        ///< sent as `Authorization: Bearer` on every request; "" for none
  api::ClientTlsFiles tls;  ///< used for https:// servers only
};

/// HTTP or HTTPS to `server_url` ("http://127.0.0.1:8080"; "127.0.0.1:8080" means http;
/// "https://..." verifies the server's certificate and its name against the URL's host unless
/// tls.insecure_skip_verify). Throws std::invalid_argument for a URL it cannot use, and
/// std::runtime_error naming a TLS file that cannot be loaded.
std::unique_ptr<Transport> make_http_transport(const std::string& server_url,
                                               const ClientCredentials& credentials = {});
/// Calls `handler` directly; stream() is not supported (throws).
std::unique_ptr<Transport> make_in_process_transport(api::ApiHandler& handler);

}  // namespace ordinal::cli
