#pragma once
// The follower's small HTTP endpoint (Beast): GET requests answered by a pure function of the
// request target, one coroutine per connection. Asio and Beast stay inside status_server.cpp.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "tools/follow/follower_status.hpp"

namespace boost::asio {
class io_context;
}

namespace ordinal::follow {

class StatusServer {
 public:
  /// Answers a GET for the target (path and query); runs on the io thread.
  using Answer = std::function<StatusReply(const std::string& target)>;
  /// Binds `address:port` (port 0 picks one) at once; throws std::runtime_error naming the
  /// address when it cannot. Serves on `io` after start().
  StatusServer(boost::asio::io_context& io, const std::string& address, std::uint16_t port,
               Answer answer);
  ~StatusServer();
  StatusServer(const StatusServer&) = delete;
  StatusServer& operator=(const StatusServer&) = delete;

  void start();
  /// "http://127.0.0.1:NNNN" with the port bound.
  [[nodiscard]] std::string url() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace ordinal::follow
