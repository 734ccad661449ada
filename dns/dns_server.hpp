#pragma once
// The authoritative DNS server: UDP and TCP listeners on every configured address, answering
// from the newest zone snapshot.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "dns/response_rate_limiter.hpp"
#include "zones/snapshot_holder.hpp"
#include "zones/zone_feed.hpp"

namespace ordinal::dns {

struct DnsServerOptions {
  /// "ADDR:PORT" or "[V6ADDR]:PORT"; each gets a UDP socket and a TCP listener on the same
  /// port. Port 0 picks a free port (the same one for UDP and TCP).
  std::vector<std::string> listen = {"127.0.0.1:1053"};
  /// "ADDR:PORT" of resolvers for names outside our zones, tried in order (2 s each); without
  /// any, such names are REFUSED. start() throws std::runtime_error on a malformed one.
  std::vector<std::string> upstreams;
  /// UDP sockets per address (SO_REUSEPORT), each served by a thread of its own, and threads
  /// running the TCP listeners and forwarded queries.
  std::size_t threads = 1;
  /// Largest UDP reply we send with EDNS (dns.md §12).
  std::size_t edns_udp_size = 1232;
  /// A TCP connection idle this long is closed.
  std::size_t tcp_idle_timeout_ms = 10000;
  /// Queries forwarded to upstreams at the same time; more are REFUSED until some finish.
  std::size_t max_forwards = 256;
  /// TCP connections open at once per listening address; at the cap a new connection closes
  /// the least recently active one (dns/tcp_connections.hpp).
  std::size_t max_tcp_connections = 1024;
  /// Address prefixes ("10.0.0.0/8", "::1") that may transfer the zones with AXFR/IXFR over
  /// TCP; empty: transfers are REFUSED. start() throws std::runtime_error on a malformed one.
  std::vector<std::string> allow_transfer{};
  /// "ADDR:PORT" of secondaries sent a NOTIFY whenever the serial changes.
  std::vector<std::string> notify{};
  /// TSIG keys as `[ALG:]NAME:BASE64SECRET` (dns/tsig.hpp). With any, a transfer needs a valid
  /// signature with one of them besides `allow_transfer`, its replies are signed, and NOTIFY
  /// is signed with the first. start() throws std::runtime_error on a malformed one.
  std::vector<std::string> tsig_keys{};
  /// Response-rate limiting over UDP (response_rate_limiter.hpp); off by default.
  RateLimitOptions rate_limit{};
};

class DnsServer {
 public:
  /// `snapshots` must outlive the server.
  DnsServer(DnsServerOptions options, const zones::SnapshotHolder& snapshots);
  DnsServer(DnsServerOptions options, const zones::ZoneFeed& feed);
  ~DnsServer();
  DnsServer(const DnsServer&) = delete;
  DnsServer& operator=(const DnsServer&) = delete;

  /// Binds every address (throws std::runtime_error naming the address that failed) and starts
  /// serving on its own threads. Call once.
  void start();
  /// "dns udp 127.0.0.1:5353", "dns tcp 127.0.0.1:5353", ... in listen order, real ports.
  [[nodiscard]] std::vector<std::string> bound_addresses() const;
  /// Closes the sockets, finishes the threads and joins them. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ordinal::dns
