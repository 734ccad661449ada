#pragma once
// Who may use the API: bearer tokens from a static token file (kube-apiserver's
// --token-file format) and users named by verified TLS client certificates. A pure function of
// (request, certificate user), so it is tested without sockets.
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tools/api/api_types.hpp"

namespace ordinal::api {

/// One line of a token file: `token,user,uid[,"group1,group2"]`.
struct TokenEntry {
  std::string token;
  std::string user;
  std::string uid;
  std::vector<std::string> groups;
};

/// A token file that cannot be used; what() names the line and the problem.
class TokenFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Parses the text of a token file: one CSV record per line (fields may be double-quoted, `""`
/// inside quotes is a quote), at least token, user name and uid; the optional fourth field is a
/// comma-separated list of groups. Blank lines and lines starting with `#` are skipped.
/// Stricter than kube-apiserver, which only warns: an empty token or user, or a token given
/// twice, is an error. Throws TokenFileError naming the 1-based line.
std::vector<TokenEntry> parse_token_file(std::string_view text);

/// Reads and parses `path`. Throws TokenFileError when it cannot be read or parsed. When the
/// file is readable by group or others, appends a warning line to `warnings` (as ssh does for
/// keys; it is still used).
std::vector<TokenEntry> load_token_file(const std::string& path,
                                        std::vector<std::string>& warnings);

/// Decides whether a request may proceed. Immutable after construction; thread-safe.
class Authenticator {
 public:
  /// With no tokens and `client_certificates` false, every request is allowed (the API on
  /// loopback without any authentication configured). Otherwise a request needs a known bearer
  /// token or, when `client_certificates`, a verified client certificate.
  Authenticator(const std::vector<TokenEntry>& tokens, bool client_certificates);
  Authenticator() : Authenticator({}, false) {}

  /// Whether any authentication is required.
  [[nodiscard]] bool enabled() const { return !tokens_.empty() || certificates_; }

  /// The user the request is authenticated as, or nullopt when it is not. `certificate_user` is
  /// the CN of the client certificate the TLS layer verified ("" without one). The token is
  /// compared with every known token in constant time (SHA-256 digests, CRYPTO_memcmp, no early
  /// exit), so the time taken reveals nothing about how much of it matched.
  [[nodiscard]] std::optional<std::string> user_of(const ApiRequest& request,
                                                   const std::string& certificate_user) const;

  /// nullopt when the request may proceed; else the 401 response to send (a Kubernetes Status
  /// with reason Unauthorized and a `WWW-Authenticate: Bearer` header). /healthz, /livez and
  /// /readyz (and paths below them) are always allowed.
  [[nodiscard]] std::optional<ApiResponse> refuse(const ApiRequest& request,
                                                  const std::string& certificate_user) const;

 private:
  using Digest = std::array<unsigned char, 32>;
  struct Known {
    Digest digest;
    std::string user;
  };
  std::vector<Known> tokens_;
  bool certificates_ = false;
};

/// True for the paths every client may ask without credentials: /healthz, /livez, /readyz.
[[nodiscard]] bool is_health_path(std::string_view target);

}  // namespace ordinal::api
