#pragma once
// The follower's HTTP client pieces (Beast over TCP or TLS): one request per connection, the
// response fed to a sink as it arrives. Included only by follower.cpp, the one translation unit
// of tools/follow/ that compiles Beast's client and OpenSSL.
// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp needs it under GCC 12
// clang-format on

#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "identity/json.hpp"

namespace ordinal::follow::source_http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

/// Connecting, the TLS handshake and sending a request may each take this long.
inline constexpr std::chrono::seconds kConnectTimeout{10};

struct Connection {
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::tcp_stream& lowest() { return plain ? *plain : tls->next_layer(); }
};

using Request = http::request<http::empty_body>;

/// Receives a response as it arrives.
class ResponseSink {
 public:
  virtual ~ResponseSink() = default;
  /// The status line arrived; false stops reading.
  virtual bool on_header(unsigned status) = 0;
  /// `body` holds what arrived and was not consumed yet (the sink may erase a prefix);
  /// `done` at the end of the message. False stops reading.
  virtual bool on_body(std::string& body, bool done) = 0;
};

/// Sends `request` and feeds the response to `sink` as it arrives: a chunked watch body is read
/// piece by piece, with no size limit. Throws on I/O errors and timeouts.
template <class Stream>
net::awaitable<void> exchange(Stream& stream, beast::tcp_stream& lowest, const Request& request,
                              ResponseSink& sink, std::chrono::seconds read_timeout) {
  lowest.expires_after(kConnectTimeout);
  co_await http::async_write(stream, request, net::use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  // No limit. (Not boost::none: Boost 1.74 compares a Content-Length with an empty limit as
  // "above it" and refuses every body.)
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  lowest.expires_after(read_timeout);
  co_await http::async_read_header(stream, buffer, parser, net::use_awaitable);
  if (!sink.on_header(parser.get().result_int())) co_return;
  while (!parser.is_done()) {
    lowest.expires_after(read_timeout);
    co_await http::async_read_some(stream, buffer, parser, net::use_awaitable);
    if (!sink.on_body(parser.get().body(), parser.is_done())) co_return;
  }
}

/// The token to send: the first field of the first line of `file` that is neither blank nor a
/// `#` comment, so both a service account's token file and a `serve --token-file` of the
/// control plane (`token,user,uid`) work. Re-read for every request, as projected
/// service-account tokens rotate.
inline std::string read_token(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read --token-file " + file);
  for (std::string line; std::getline(in, line);) {
    const auto begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos || line[begin] == '#') continue;
    const auto end = line.find_first_of(", \t\r", begin);
    return line.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  }
  throw std::runtime_error("--token-file " + file + " holds no token");
}

/// "HTTP 403: <Status message>" for a failed request.
inline std::string describe_failure(unsigned status, const std::string& body) {
  std::string out = "HTTP " + std::to_string(status);
  const auto parsed = identity::Json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.contains("message") && parsed["message"].is_string())
    out += ": " + parsed["message"].get<std::string>();
  return out;
}

/// resourceVersions are opaque: anything but [A-Za-z0-9] is percent-encoded.
inline std::string query_escape(const std::string& text) {
  static const char* const hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class ListSink : public ResponseSink {
 public:
  bool on_header(unsigned status) override {
    status_ = status;
    return true;
  }
  bool on_body(std::string& body, bool done) override {
    if (done) body_ = std::move(body);
    return true;
  }
  unsigned status_ = 0;
  std::string body_;
};

}  // namespace ordinal::follow::source_http
