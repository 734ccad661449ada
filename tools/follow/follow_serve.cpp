#include <utility>
// (utility first: Boost 1.74's asio headers need it under GCC 12)
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <iostream>
#include <memory>

#include "tools/follow/follow_serve.hpp"
#include "tools/follow/status_server.hpp"
#include "zones/snapshot_holder.hpp"

namespace ordinal::follow {

int serve_follower(const FollowServeOptions& options) {
  // Declared before the io_context: handlers destroyed with it may still point here.
  zones::SnapshotHolder holder;
  std::unique_ptr<dns::DnsServer> dns_server;
  boost::asio::io_context io;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  Follower follower(io, options.follower, holder);
  StatusServer status(
      io, options.status_host, options.status_port,
      [&follower](const std::string& target) { return answer_status(target, follower.status()); });
  status.start();
  std::cout << "api " << status.url() << std::endl;
  const std::string source = follower.status().source;
  follower.start(
      [&] {
        // DNS starts only now, so a follower never answers from an empty zone.
        dns_server = std::make_unique<dns::DnsServer>(options.dns, holder);
        dns_server->start();
        for (const auto& line : dns_server->bound_addresses()) std::cout << line << "\n";
        std::cout << "ready" << std::endl;
      },
      [&source](const std::string& reason) {
        std::cerr << "waiting for " << source << ": " << reason << std::endl;
      });
  // Stopping the io_context abandons every read and connect at once: no shutdown waits on
  // the source.
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    if (dns_server) dns_server->stop();
    io.stop();
  });
  io.run();
  if (dns_server) dns_server->stop();
  return 0;
}

}  // namespace ordinal::follow
