// HTTP/1.1 client for the CLI, on Boost.Beast's synchronous API: one connection per command,
// plain or TLS (the only CLI file with Asio SSL).
#include <utility>
// (utility first: Boost 1.74's asio headers need it under GCC 12)
#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <stdexcept>
#include <type_traits>

#include "tools/api/api_handler.hpp"
#include "tools/cli/transport.hpp"

namespace ordinal::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct ServerAddress {
  std::string host;
  std::string port;
  bool tls = false;
};

ServerAddress parse_server_url(std::string url) {
  ServerAddress a;
  if (url.rfind("https://", 0) == 0) {
    a.tls = true;
    url = url.substr(8);
  } else if (url.rfind("http://", 0) == 0) {
    url = url.substr(7);
  }
  const std::string default_port = a.tls ? "443" : "80";
  if (auto slash = url.find('/'); slash != std::string::npos) url.resize(slash);
  if (url.empty()) throw std::invalid_argument("empty server address");
  if (url.front() == '[') {  // [::1]:8080
    auto close = url.find(']');
    if (close == std::string::npos) throw std::invalid_argument("bad server address: " + url);
    a.host = url.substr(1, close - 1);
    a.port = close + 2 <= url.size() ? url.substr(close + 2) : default_port;
  } else if (auto colon = url.rfind(':'); colon != std::string::npos) {
    a.host = url.substr(0, colon);
    a.port = url.substr(colon + 1);
  } else {
    a.host = url;
    a.port = default_port;
  }
  return a;
}

http::request<http::string_body> to_beast(const api::ApiRequest& request, const std::string& host,
                                          const std::string& token) {
  http::request<http::string_body> req{http::string_to_verb(request.method), request.target, 11};
  req.set(http::field::host, host);
  req.set(http::field::user_agent, "ordinal");
  req.set(http::field::accept, "application/json");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  if (!request.body.empty()) {
    if (request.headers.find("content-type") == request.headers.end())
      req.set(http::field::content_type, "application/json");
    req.body() = request.body;
  }
  req.prepare_payload();
  return req;
}

// Reads a complete response from `stream`.
template <class Stream>
api::ApiResponse read_response(Stream& stream) {
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(256U * 1024U * 1024U);
  http::read(stream, buffer, parser);
  auto& res = parser.get();
  api::ApiResponse out;
  out.status = res.result_int();
  out.content_type = std::string(res[http::field::content_type]);
  out.body = std::move(res.body());
  for (const auto& field : res)
    if (field.name() == http::field::warning)
      out.headers.emplace_back("Warning", std::string(field.value()));
  return out;
}

// Reads a streamed (watch) response from `stream`, one line at a time.
template <class Stream>
void read_lines(Stream& stream, const std::function<bool(std::string_view line)>& on_line) {
  beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);
  http::read_header(stream, buffer, parser);
  if (parser.get().result_int() >= 300) {
    // Refused before the stream started (its Status body is not read).
    throw std::runtime_error("the server refused the watch (HTTP " +
                             std::to_string(parser.get().result_int()) + ")");
  }
  std::string pending;
  char chunk[8192];
  while (!parser.is_done()) {
    parser.get().body().data = chunk;
    parser.get().body().size = sizeof chunk;
    beast::error_code ec;
    http::read_some(stream, buffer, parser, ec);
    if (ec && ec != http::error::need_buffer) break;
    pending.append(chunk, sizeof chunk - parser.get().body().size);
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
      if (!on_line(std::string_view(pending).substr(0, nl))) return;
      pending.erase(0, nl + 1);
    }
  }
  if (!pending.empty()) on_line(pending);
}

class HttpTransport final : public Transport {
 public:
  HttpTransport(ServerAddress address, const ClientCredentials& credentials)
      : address_(std::move(address)),
        token_(credentials.token),
        verify_(!credentials.tls.insecure_skip_verify),
        tls_(address_.tls ? api::make_client_tls_context(credentials.tls) : nullptr) {}

  api::ApiResponse send(const api::ApiRequest& request) override {
    return exchange(request, [](auto& stream) { return read_response(stream); });
  }

  void stream(const api::ApiRequest& request,
              const std::function<bool(std::string_view line)>& on_line) override {
    exchange(request, [&on_line](auto& stream) { read_lines(stream, on_line); });
  }

  [[nodiscard]] std::string describe() const override {
    return address_.host + ":" + address_.port;
  }

 private:
  /// Connects (and shakes hands over TLS), sends `request`, and lets `read` take the answer
  /// from the stream.
  template <class Read>
  std::invoke_result_t<Read&, beast::tcp_stream&> exchange(const api::ApiRequest& request,
                                                           Read read) const {
    asio::io_context io;
    if (!tls_) {
      beast::tcp_stream stream(io);
      connect(io, stream);
      http::write(stream, to_beast(request, address_.host, token_));
      return read(stream);
    }
    beast::ssl_stream<beast::tcp_stream> stream(io, *tls_);
    connect(io, beast::get_lowest_layer(stream));
    handshake(stream);
    http::write(stream, to_beast(request, address_.host, token_));
    return read(stream);
  }

  /// Connects; throws kubectl's "connection refused" line when it cannot.
  void connect(asio::io_context& io, beast::tcp_stream& stream) const {
    beast::error_code ec;
    tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(address_.host, address_.port, ec);
    if (!ec) stream.connect(endpoints, ec);
    if (ec) {
      throw std::runtime_error("The connection to the server " + describe() +
                               " was refused - did you specify the right host or port? (" +
                               ec.message() + ")");
    }
  }

  /// The client side of the handshake: SNI for a host name, the certificate checked against the
  /// URL's host (a name or an IP address in its subjectAltName).
  void handshake(beast::ssl_stream<beast::tcp_stream>& stream) const {
    api::expect_server_identity(stream.native_handle(), address_.host, verify_);
    beast::error_code ec;
    stream.handshake(asio::ssl::stream_base::client, ec);
    if (ec)
      throw std::runtime_error("Unable to connect to the server " + describe() +
                               ": TLS handshake failed (" + ec.message() + ")");
  }

  ServerAddress address_;
  std::string token_;
  bool verify_;
  std::shared_ptr<asio::ssl::context> tls_;
};

class InProcessTransport final : public Transport {
 public:
  explicit InProcessTransport(api::ApiHandler& handler) : handler_(handler) {}
  api::ApiResponse send(const api::ApiRequest& request) override {
    return handler_.handle(request);
  }
  void stream(const api::ApiRequest&, const std::function<bool(std::string_view)>&) override {
    throw std::runtime_error("watch is not available in process");
  }
  [[nodiscard]] std::string describe() const override { return "in-process"; }

 private:
  api::ApiHandler& handler_;
};

}  // namespace

std::unique_ptr<Transport> make_http_transport(const std::string& server_url,
                                               const ClientCredentials& credentials) {
  return std::make_unique<HttpTransport>(parse_server_url(server_url), credentials);
}

std::unique_ptr<Transport> make_in_process_transport(api::ApiHandler& handler) {
  return std::make_unique<InProcessTransport>(handler);
}

}  // namespace ordinal::cli
