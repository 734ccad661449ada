#include "dns/dns_server.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <stdexcept>
#include <thread>

#include "dns/listen_address.hpp"
#include "dns/listeners.hpp"
#include "dns/transfer_journal.hpp"
#include "dns/udp_loop.hpp"
#include "dns/udp_socket.hpp"
#include "dns/zone_notifier.hpp"

namespace ordinal::dns {
namespace {

namespace asio = boost::asio;
using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

constexpr int kReceiveBuffer = 8 * 1024 * 1024;
constexpr int kPortAttempts = 20;

}  // namespace

struct DnsServer::Impl {
  DnsServerOptions options;
  const zones::SnapshotHolder* snapshots = nullptr;
  ListenerContext context;
  TransferJournal journal;
  // Contexts are declared first so that they are destroyed after the sockets.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  // Keep every context running while it has no socket of its own: relays of forwarded UDP
  // queries are spawned on them.
  std::vector<WorkGuard> work;
  // Sends on contexts[0]; destroyed before it.
  std::unique_ptr<ZoneNotifier> notifier;
  std::optional<std::uint64_t> subscription;
  std::vector<std::unique_ptr<UdpSocket>> udp;
  std::vector<std::unique_ptr<asio::ip::tcp::acceptor>> tcp;
  // Declared after the sockets so that they stop (and stop using them) before the sockets close.
  std::vector<std::unique_ptr<UdpLoop>> udp_loops;
  std::vector<std::string> bound;
  std::vector<std::thread> threads;
  bool started = false;

  void configure_transfers() {
    try {
      context.transfers.allowed = TransferAcl::parse(options.allow_transfer);
      for (const auto& key : options.tsig_keys)
        context.transfers.keys.push_back(parse_tsig_key(key));
    } catch (const std::invalid_argument& error) {
      throw std::runtime_error(std::string("dns: ") + error.what());
    }
    context.transfers.journal = &journal;
    context.limits.transfers = !context.transfers.allowed.empty();
    std::vector<asio::ip::udp::endpoint> targets;
    for (const auto& text : options.notify) {
      try {
        const auto target = parse_listen_address(text);
        targets.emplace_back(target.address, target.port);
      } catch (const std::exception& error) {
        throw std::runtime_error(std::string("dns: bad --notify: ") + error.what());
      }
    }
    if (!targets.empty()) {
      std::optional<TsigKey> key;
      if (!context.transfers.keys.empty()) key = context.transfers.keys.front();
      notifier = std::make_unique<ZoneNotifier>(contexts[0]->get_executor(), std::move(targets),
                                                std::move(key));
    }
  }

  /// Keeps the versions IXFR needs and notifies secondaries, from now on.
  void follow_publishes() {
    if (!context.limits.transfers && !notifier) return;
    subscription = snapshots->subscribe([this](const auto& snapshot) {
      journal.record(snapshot);
      if (notifier) notifier->notify(snapshot);
    });
    journal.record(snapshots->current());
  }

  /// Binds one UDP socket per thread and one TCP acceptor, all on the same port. With port 0
  /// the port the kernel picks for UDP may be taken for TCP: then try another.
  void bind(const ListenAddress& where) {
    for (int attempt = 0;; ++attempt) {
      std::vector<std::unique_ptr<UdpSocket>> sockets;
      sockets.push_back(std::make_unique<UdpSocket>(
          asio::ip::udp::endpoint(where.address, where.port), kReceiveBuffer));
      const std::uint16_t port = sockets[0]->port();
      auto acceptor = std::make_unique<asio::ip::tcp::acceptor>(*contexts[0]);
      boost::system::error_code error;
      const asio::ip::tcp::endpoint endpoint(where.address, port);
      acceptor->open(endpoint.protocol());
      acceptor->set_option(asio::socket_base::reuse_address(true));
      acceptor->bind(endpoint, error);
      if (!error) acceptor->listen(asio::socket_base::max_listen_connections, error);
      if (error) {
        if (where.port == 0 && attempt < kPortAttempts) continue;
        throw boost::system::system_error(error);
      }
      for (std::size_t i = 1; i < contexts.size(); ++i) {
        sockets.push_back(std::make_unique<UdpSocket>(asio::ip::udp::endpoint(where.address, port),
                                                      kReceiveBuffer));
      }
      for (auto& socket : sockets) udp.push_back(std::move(socket));
      tcp.push_back(std::move(acceptor));
      bound.push_back("dns udp " + format_address(where.address, port));
      bound.push_back("dns tcp " + format_address(where.address, port));
      return;
    }
  }
};

DnsServer::DnsServer(DnsServerOptions options, const zones::SnapshotHolder& snapshots)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->snapshots = &snapshots;
  impl_->context.snapshots = &snapshots;
  impl_->context.limits.edns_udp_size =
      static_cast<std::uint16_t>(std::clamp<std::size_t>(impl_->options.edns_udp_size, 512, 65535));
  impl_->context.tcp_idle_timeout = std::chrono::milliseconds(impl_->options.tcp_idle_timeout_ms);
  impl_->context.max_tcp_connections = impl_->options.max_tcp_connections;
  if (impl_->options.rate_limit.responses_per_second != 0)
    impl_->context.rate_limiter = std::make_shared<ResponseRateLimiter>(impl_->options.rate_limit);
}

DnsServer::DnsServer(DnsServerOptions options, const zones::ZoneFeed& feed)
    : DnsServer(std::move(options), feed.holder()) {}

DnsServer::~DnsServer() {
  stop();
}

void DnsServer::start() {
  Impl& s = *impl_;
  if (s.started) throw std::logic_error("DnsServer::start called twice");
  s.started = true;
  const std::size_t threads = std::max<std::size_t>(1, s.options.threads);
  for (std::size_t i = 0; i < threads; ++i) {
    s.contexts.push_back(std::make_unique<asio::io_context>(1));
    s.work.push_back(asio::make_work_guard(*s.contexts.back()));
  }
  for (const auto& text : s.options.upstreams) {
    try {
      const auto upstream = parse_listen_address(text);
      s.context.upstreams.emplace_back(upstream.address, upstream.port);
    } catch (const std::exception& error) {
      throw std::runtime_error(std::string("dns: bad --upstream: ") + error.what());
    }
  }
  s.context.limits.forward_outside = !s.context.upstreams.empty();
  s.configure_transfers();
  s.context.max_forwards = s.options.max_forwards;
  for (const auto& text : s.options.listen) {
    try {
      s.bind(parse_listen_address(text));
    } catch (const std::exception& error) {
      s.udp.clear();
      s.tcp.clear();
      throw std::runtime_error("dns: cannot listen on " + text + ": " + error.what());
    }
  }
  // The sockets of one address are spread over the contexts for their relays, as they were
  // bound: one per thread.
  for (std::size_t i = 0; i < s.udp.size(); ++i) {
    auto& io = *s.contexts[i % s.contexts.size()];
    s.udp_loops.push_back(std::make_unique<UdpLoop>(s.udp[i]->fd(), s.context, io.get_executor()));
  }
  for (auto& acceptor : s.tcp) {
    asio::co_spawn(acceptor->get_executor(), serve_tcp(*acceptor, s.context), asio::detached);
  }
  s.follow_publishes();
  for (auto& io : s.contexts) {
    s.threads.emplace_back([context = io.get()] { context->run(); });
  }
}

std::vector<std::string> DnsServer::bound_addresses() const {
  return impl_->bound;
}

void DnsServer::stop() {
  Impl& s = *impl_;
  if (s.subscription) s.snapshots->unsubscribe(*std::exchange(s.subscription, std::nullopt));
  s.udp_loops.clear();
  s.work.clear();
  for (auto& io : s.contexts) io->stop();
  for (auto& thread : s.threads) {
    if (thread.joinable()) thread.join();
  }
  s.threads.clear();
  s.udp.clear();
  s.tcp.clear();
}

}  // namespace ordinal::dns
