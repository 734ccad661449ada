#pragma once
// `ordinal serve --follow URL`: DNS answered from a remote API's objects, plus the follower's
// small HTTP endpoint. No controller, no registry, no data directory.
#include <cstdint>
#include <string>

#include "dns/dns_server.hpp"
#include "tools/follow/follower.hpp"

namespace ordinal::follow {

struct FollowServeOptions {
  FollowerOptions follower;
  std::string status_host = "127.0.0.1";  ///< --api-listen
  std::uint16_t status_port = 8080;
  dns::DnsServerOptions dns;
};

/// Binds the HTTP endpoint and prints `api URL`; follows the source, retrying (and saying
/// `waiting for URL` on stderr) until the first complete list is published; only then starts
/// DNS and prints its addresses and `ready`. Returns the exit code: 0 after SIGTERM/SIGINT
/// (which stop it within a moment, whatever it is waiting for). Throws std::invalid_argument
/// or std::runtime_error on bad settings or a DNS address it cannot bind.
int serve_follower(const FollowServeOptions& options);

}  // namespace ordinal::follow
