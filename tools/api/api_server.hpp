#pragma once
// The HTTP/1.1 server in front of ApiHandler (Boost.Beast, one coroutine per connection),
// including watch streams. Asio and Beast stay inside api_server.cpp and its helpers.
#include <cstdint>
#include <memory>
#include <string>

#include "tools/api/server_security.hpp"

namespace boost::asio {
class io_context;
}

namespace ordinal::api {

class ApiHandler;

class ApiServer {
 public:
  /// Binds `address:port` (port 0 picks a free port) at once; throws std::runtime_error naming
  /// the address when it cannot. Connections are served on `io`'s threads after start().
  /// `security` says whether connections speak TLS, who may send requests (others get 401),
  /// and how many connections may be open at once (more are closed as soon as accepted). It
  /// does not check the address: load_server_security() does, before the server is built.
  ApiServer(boost::asio::io_context& io, const std::string& address, std::uint16_t port,
            ApiHandler& handler, ServerSecurity security = {});
  ~ApiServer();

  void start();
  /// Stops accepting, ends the watches it serves (not the registry's other streams), lets
  /// in-flight requests finish. Idempotent; may be called from any thread.
  void stop();
  /// "http://127.0.0.1:8080" (https with TLS) with the port actually bound.
  [[nodiscard]] std::string url() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ordinal::api
