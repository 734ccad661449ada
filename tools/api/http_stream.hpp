#pragma once
// The byte stream under one API connection: plain TCP, or TLS over TCP. The HTTP reads and
// writes the server needs are virtual coroutines, so Beast's templates are instantiated for
// both stream types in http_stream.cpp alone (the only server file with Asio SSL), and the
// session code above stays one non-template path.
// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp needs it under GCC 12
// clang-format on

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace ordinal::api {

class HttpStream {
 public:
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  virtual ~HttpStream() = default;

  /// The TCP layer: timeouts (expires_after), cancel(), the socket. A timeout set there bounds
  /// every operation below, TLS included.
  virtual boost::beast::tcp_stream& tcp() = 0;
  /// TLS: the server side of the handshake (throws when it fails); plain TCP: nothing.
  virtual boost::asio::awaitable<void> handshake() = 0;
  /// The CN of the client certificate verified in the handshake; "" without one.
  [[nodiscard]] virtual std::string client_user() const = 0;

  /// Reads some bytes into `buffer` (throws on errors, EOF included).
  virtual boost::asio::awaitable<std::size_t> read_some(boost::asio::mutable_buffer buffer) = 0;
  /// Reads a request header into `parser`; the error is returned, not thrown.
  virtual boost::asio::awaitable<boost::beast::error_code> read_header(
      boost::beast::flat_buffer& buffer, Parser& parser) = 0;
  /// Reads the rest of the request (its body); the error is returned, not thrown.
  virtual boost::asio::awaitable<boost::beast::error_code> read_body(
      boost::beast::flat_buffer& buffer, Parser& parser) = 0;

  /// Writes a complete response. Throws on I/O errors, as do the writes below.
  virtual boost::asio::awaitable<void> write(
      boost::beast::http::response<boost::beast::http::string_body>& message) = 0;
  virtual boost::asio::awaitable<void> write(
      boost::beast::http::response<boost::beast::http::empty_body>& message) = 0;
  /// Writes only the header of a (chunked) response.
  virtual boost::asio::awaitable<void> write_header(
      boost::beast::http::response_serializer<boost::beast::http::empty_body>& serializer) = 0;
  /// Writes `data` as one chunk of a chunked body.
  virtual boost::asio::awaitable<void> write_chunk(const std::string& data) = 0;
  /// Ends a chunked body.
  virtual boost::asio::awaitable<void> write_last_chunk() = 0;
};

/// Plain HTTP over `socket`.
std::unique_ptr<HttpStream> make_plain_stream(boost::asio::ip::tcp::socket socket);
/// HTTPS over `socket` with `context` (which must outlive the stream).
std::unique_ptr<HttpStream> make_tls_stream(boost::asio::ip::tcp::socket socket,
                                            boost::asio::ssl::context& context);

}  // namespace ordinal::api
