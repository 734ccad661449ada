#pragma once
// One HTTP connection of ApiServer and the writes shared by plain responses and watch streams.
// Included only by api_server.cpp and watch_session.cpp; the stream's reads and writes are
// instantiated in http_stream.cpp.
// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp needs it under GCC 12
// clang-format on

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "tools/api/api_handler.hpp"
#include "tools/api/http_stream.hpp"

namespace ordinal::api {

/// How long one write may take before the connection is dropped (a client not reading).
inline constexpr std::chrono::seconds kWriteTimeout{30};

/// One connection, owned by shared_ptr (its coroutines and the server's session list hold it).
/// Every member is touched only on the connection's strand (the stream's executor).
struct Session {
  Session(std::unique_ptr<HttpStream> s, ApiHandler& h)
      : stream(std::move(s)), wake(stream->tcp().get_executor()), handler(h) {}

  /// The connection's strand.
  [[nodiscard]] auto executor() { return stream->tcp().get_executor(); }

  std::unique_ptr<HttpStream> stream;  // never null
  boost::beast::flat_buffer buffer;
  boost::asio::steady_timer wake;  // a watch sleeps on it; notifications cancel it
  ApiHandler& handler;
  bool busy = false;       // between the first byte of a request and its response
  bool stopping = false;   // the server is stopping: finish this request, then close
  bool signalled = false;  // a notification arrived since the last take()
  bool peer_gone = false;  // a watch's client closed the connection
};

/// Writes one complete response (Content-Length framing). Throws on I/O errors.
boost::asio::awaitable<void> write_response(Session& session, ApiResponse response,
                                            unsigned version, bool keep_alive);
/// Writes `data` as one chunk of a chunked response. Throws on I/O errors.
boost::asio::awaitable<void> write_chunk(Session& session, const std::string& data);
/// Answers a watch request on `session`: a chunked stream of events until the watch ends
/// (timeoutSeconds, the stream closing, server stop, or the client leaving). The connection is
/// not reusable afterwards. Throws on I/O errors.
boost::asio::awaitable<void> serve_watch(std::shared_ptr<Session> session,
                                         const ApiRequest& request, unsigned version);

}  // namespace ordinal::api
