#include "tools/api/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <stdexcept>

namespace ordinal::api {
namespace {

namespace ssl = boost::asio::ssl;

std::shared_ptr<ssl::context> tls12_or_newer(ssl::context::method method) {
  auto context = std::make_shared<ssl::context>(method);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                       ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
  return context;
}

// Runs one loading step; its failure names the flag's file.
template <class Step>
void load(const char* flag, const std::string& path, Step step) {
  boost::system::error_code ec;
  step(ec);
  if (ec) throw std::runtime_error(std::string(flag) + " " + path + ": " + ec.message());
}

}  // namespace

std::shared_ptr<ssl::context> make_server_tls_context(const ServerTlsFiles& files,
                                                      bool require_client_certificate) {
  auto context = tls12_or_newer(ssl::context::tls_server);
  load("--tls-cert-file", files.certificate,
       [&](auto& ec) { context->use_certificate_chain_file(files.certificate, ec); });
  load("--tls-private-key-file", files.private_key,
       [&](auto& ec) { context->use_private_key_file(files.private_key, ssl::context::pem, ec); });
  if (SSL_CTX_check_private_key(context->native_handle()) != 1)
    throw std::runtime_error("--tls-private-key-file " + files.private_key +
                             " does not match the certificate in " + files.certificate);
  if (files.client_ca.empty()) return context;
  load("--client-ca-file", files.client_ca,
       [&](auto& ec) { context->load_verify_file(files.client_ca, ec); });
  // Tell clients which CA to pick a certificate for (kubectl and curl choose by it).
  if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(files.client_ca.c_str()))
    SSL_CTX_set_client_CA_list(context->native_handle(), names);
  context->set_verify_mode(require_client_certificate
                               ? ssl::verify_peer | ssl::verify_fail_if_no_peer_cert
                               : ssl::verify_peer);
  // A TLS session resumed by another client must not skip the certificate check.
  static const unsigned char kSessionContext[] = "ordinal-api";
  SSL_CTX_set_session_id_context(context->native_handle(), kSessionContext,
                                 sizeof kSessionContext - 1);
  return context;
}

std::shared_ptr<ssl::context> make_client_tls_context(const ClientTlsFiles& files) {
  auto context = tls12_or_newer(ssl::context::tls_client);
  if (files.insecure_skip_verify) {
    context->set_verify_mode(ssl::verify_none);
  } else {
    context->set_verify_mode(ssl::verify_peer);
    if (files.certificate_authority.empty())
      context->set_default_verify_paths();
    else
      load(files.certificate_authority_flag.c_str(), files.certificate_authority,
           [&](auto& ec) { context->load_verify_file(files.certificate_authority, ec); });
  }
  if (!files.client_certificate.empty() || !files.client_key.empty()) {
    if (files.client_certificate.empty() || files.client_key.empty())
      throw std::runtime_error("--client-certificate and --client-key go together");
    load("--client-certificate", files.client_certificate,
         [&](auto& ec) { context->use_certificate_chain_file(files.client_certificate, ec); });
    load("--client-key", files.client_key,
         [&](auto& ec) { context->use_private_key_file(files.client_key, ssl::context::pem, ec); });
  }
  return context;
}

void expect_server_identity(void* handle, const std::string& host, bool verify) {
  SSL* ssl = static_cast<SSL*>(handle);
  boost::system::error_code not_an_address;
  (void)boost::asio::ip::make_address(host, not_an_address);
  bool ok = true;
  if (not_an_address) {
    // SSL_set_tlsext_host_name, without its C cast.
    ok = SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                  const_cast<char*>(host.c_str())) == 1;
    if (ok && verify) ok = SSL_set1_host(ssl, host.c_str()) == 1;
  } else if (verify) {
    ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str()) == 1;
  }
  if (!ok) throw std::runtime_error("TLS: cannot expect the server name " + host);
}

std::string verified_peer_common_name(void* handle) {
  SSL* ssl = static_cast<SSL*>(handle);
  X509* peer = SSL_get1_peer_certificate(ssl);
  if (peer == nullptr) return "";
  std::string name;
  if (SSL_get_verify_result(ssl) == X509_V_OK) {
    char buffer[256];
    const int n = X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, buffer,
                                            sizeof buffer);
    if (n > 0) name.assign(buffer, static_cast<std::size_t>(n));
  }
  X509_free(peer);
  return name;
}

}  // namespace ordinal::api
