// Both kinds of HttpStream. Every Beast read and write of the server is instantiated here, once
// per stream type.
#include "tools/api/http_stream.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/ssl.hpp>

#include "tools/api/tls_context.hpp"

namespace ordinal::api {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// The operations common to both streams, on `Stream` (tcp_stream or ssl_stream<tcp_stream>).
template <class Stream>
class StreamOf : public HttpStream {
 public:
  template <class... Args>
  explicit StreamOf(Args&&... args) : stream_(std::forward<Args>(args)...) {}

  net::awaitable<std::size_t> read_some(net::mutable_buffer buffer) override {
    co_return co_await stream_.async_read_some(buffer, net::use_awaitable);
  }
  net::awaitable<beast::error_code> read_header(beast::flat_buffer& buffer,
                                                Parser& parser) override {
    beast::error_code ec;
    co_await http::async_read_header(stream_, buffer, parser,
                                     net::redirect_error(net::use_awaitable, ec));
    co_return ec;
  }
  net::awaitable<beast::error_code> read_body(beast::flat_buffer& buffer, Parser& parser) override {
    beast::error_code ec;
    co_await http::async_read(stream_, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    co_return ec;
  }
  net::awaitable<void> write(http::response<http::string_body>& message) override {
    co_await http::async_write(stream_, message, net::use_awaitable);
  }
  net::awaitable<void> write(http::response<http::empty_body>& message) override {
    co_await http::async_write(stream_, message, net::use_awaitable);
  }
  net::awaitable<void> write_header(
      http::response_serializer<http::empty_body>& serializer) override {
    co_await http::async_write_header(stream_, serializer, net::use_awaitable);
  }
  net::awaitable<void> write_chunk(const std::string& data) override {
    co_await net::async_write(stream_, http::make_chunk(net::buffer(data)), net::use_awaitable);
  }
  net::awaitable<void> write_last_chunk() override {
    co_await net::async_write(stream_, http::make_chunk_last(), net::use_awaitable);
  }

 protected:
  Stream stream_;
};

class PlainStream final : public StreamOf<beast::tcp_stream> {
 public:
  using StreamOf::StreamOf;
  beast::tcp_stream& tcp() override { return stream_; }
  net::awaitable<void> handshake() override { co_return; }
  [[nodiscard]] std::string client_user() const override { return ""; }
};

class TlsStream final : public StreamOf<beast::ssl_stream<beast::tcp_stream>> {
 public:
  using StreamOf::StreamOf;
  beast::tcp_stream& tcp() override { return beast::get_lowest_layer(stream_); }
  net::awaitable<void> handshake() override {
    co_await stream_.async_handshake(net::ssl::stream_base::server, net::use_awaitable);
    user_ = verified_peer_common_name(stream_.native_handle());
  }
  [[nodiscard]] std::string client_user() const override { return user_; }

 private:
  std::string user_;
};

}  // namespace

std::unique_ptr<HttpStream> make_plain_stream(net::ip::tcp::socket socket) {
  return std::make_unique<PlainStream>(std::move(socket));
}

std::unique_ptr<HttpStream> make_tls_stream(net::ip::tcp::socket socket,
                                            net::ssl::context& context) {
  return std::make_unique<TlsStream>(std::move(socket), context);
}

}  // namespace ordinal::api
