// HTTP/1.1 client for the CLI, on Boost.Beast's synchronous API: one connection per command.
#include <utility>
// (utility first: Boost 1.74's asio headers need it under GCC 12)
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

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
};

ServerAddress parse_server_url(std::string url) {
  if (url.rfind("https://", 0) == 0)
    throw std::invalid_argument("https is not supported: use http://" + url.substr(8));
  if (url.rfind("http://", 0) == 0) url = url.substr(7);
  if (auto slash = url.find('/'); slash != std::string::npos) url.resize(slash);
  if (url.empty()) throw std::invalid_argument("empty server address");
  ServerAddress a;
  if (url.front() == '[') {  // [::1]:8080
    auto close = url.find(']');
    if (close == std::string::npos) throw std::invalid_argument("bad server address: " + url);
    a.host = url.substr(1, close - 1);
    a.port = close + 2 <= url.size() ? url.substr(close + 2) : "80";
  } else if (auto colon = url.rfind(':'); colon != std::string::npos) {
    a.host = url.substr(0, colon);
    a.port = url.substr(colon + 1);
  } else {
    a.host = url;
    a.port = "80";
  }
  return a;
}

http::request<http::string_body> to_beast(const api::ApiRequest& request, const std::string& host) {
  http::request<http::string_body> req{http::string_to_verb(request.method), request.target, 11};
  req.set(http::field::host, host);
  req.set(http::field::user_agent, "ordinal");
  req.set(http::field::accept, "application/json");
  for (const auto& [name, value] : request.headers) req.set(name, value);
  if (!request.body.empty()) {
    if (request.headers.find("content-type") == request.headers.end())
      req.set(http::field::content_type, "application/json");
    req.body() = request.body;
  }
  req.prepare_payload();
  return req;
}

class HttpTransport final : public Transport {
 public:
  explicit HttpTransport(ServerAddress address) : address_(std::move(address)) {}

  api::ApiResponse send(const api::ApiRequest& request) override {
    asio::io_context io;
    beast::tcp_stream stream(io);
    open(io, stream, request);
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
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return out;
  }

  void stream(const api::ApiRequest& request,
              const std::function<bool(std::string_view line)>& on_line) override {
    asio::io_context io;
    beast::tcp_stream stream(io);
    open(io, stream, request);
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

  [[nodiscard]] std::string describe() const override {
    return address_.host + ":" + address_.port;
  }

 private:
  /// Connects and sends `request`; throws kubectl's "connection refused" line when it cannot.
  void open(asio::io_context& io, beast::tcp_stream& stream, const api::ApiRequest& request) const {
    beast::error_code ec;
    tcp::resolver resolver(io);
    auto endpoints = resolver.resolve(address_.host, address_.port, ec);
    if (!ec) stream.connect(endpoints, ec);
    if (ec) {
      throw std::runtime_error("The connection to the server " + describe() +
                               " was refused - did you specify the right host or port? (" +
                               ec.message() + ")");
    }
    http::write(stream, to_beast(request, address_.host));
  }

  ServerAddress address_;
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

std::unique_ptr<Transport> make_http_transport(const std::string& server_url) {
  return std::make_unique<HttpTransport>(parse_server_url(server_url));
}

std::unique_ptr<Transport> make_in_process_transport(api::ApiHandler& handler) {
  return std::make_unique<InProcessTransport>(handler);
}

}  // namespace ordinal::cli
