#pragma once
// OpenSSL contexts for the API server and its clients (Boost.Asio SSL), TLS 1.2 and newer only.
// Callers that only pass a context along need no OpenSSL or Asio SSL headers.
#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace ordinal::api {

/// The server's certificate and key (PEM) and, optionally, the CA its clients' certificates must
/// be signed by.
struct ServerTlsFiles {
  std::string certificate;  ///< --tls-cert-file: the certificate chain, leaf first
  std::string private_key;  ///< --tls-private-key-file
  std::string client_ca;    ///< --client-ca-file; empty: no client certificates are asked for
};

/// A server context. With a client CA, clients are asked for a certificate and one they present
/// must verify against that CA; `require_client_certificate` also refuses the handshake of a
/// client without one (verify_peer | verify_fail_if_no_peer_cert). Throws std::runtime_error
/// naming the file that cannot be loaded, or a key that does not match the certificate.
std::shared_ptr<boost::asio::ssl::context> make_server_tls_context(const ServerTlsFiles& files,
                                                                   bool require_client_certificate);

/// kubectl's client flags for TLS.
struct ClientTlsFiles {
  std::string certificate_authority;  ///< --certificate-authority; empty: the system's CAs
  std::string client_certificate;     ///< --client-certificate
  std::string client_key;             ///< --client-key
  bool insecure_skip_verify = false;  ///< --insecure-skip-tls-verify
  /// The flag that named certificate_authority, for messages (`serve --follow` says --ca-file).
  std::string certificate_authority_flag = "--certificate-authority";
};

/// A client context that verifies the server (unless insecure_skip_verify) and presents the
/// client certificate when one is given. Host name checking is per connection (see
/// verify_server_name). Throws std::runtime_error naming a file that cannot be loaded.
std::shared_ptr<boost::asio::ssl::context> make_client_tls_context(const ClientTlsFiles& files);

/// Prepares the client side of a handshake with `host` on `ssl` (an OpenSSL SSL*): SNI when
/// `host` is a name (RFC 6066), and, when `verify`, the server's certificate must name `host`
/// (a DNS name, or an IP address in its subjectAltName). Throws std::runtime_error when OpenSSL
/// refuses the name.
void expect_server_identity(void* ssl, const std::string& host, bool verify);

/// The CN of the certificate `ssl` (an OpenSSL SSL*) verified for its peer, or "" when the peer
/// presented none or it did not verify.
std::string verified_peer_common_name(void* ssl);

}  // namespace ordinal::api
