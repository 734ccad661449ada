#include "dns/dns_server.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <stdexcept>
#include <thread>

#include "dns/listen_address.hpp"
#include "dns/listeners.hpp"

namespace ordinal::dns {
namespace {

namespace asio = boost::asio;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

constexpr int kReceiveBuffer = 8 * 1024 * 1024;
constexpr int kPortAttempts = 20;

}  // namespace

struct DnsServer::Impl {
  DnsServerOptions options;
  ListenerContext context;
  // Contexts are declared first so that they are destroyed after the sockets.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<std::unique_ptr<asio::ip::udp::socket>> udp;
  std::vector<std::unique_ptr<asio::ip::tcp::acceptor>> tcp;
  std::vector<std::string> bound;
  std::vector<std::thread> threads;
  bool started = false;

  std::unique_ptr<asio::ip::udp::socket> open_udp(asio::io_context& io,
                                                  const asio::ip::udp::endpoint& at) {
    auto socket = std::make_unique<asio::ip::udp::socket>(io, at.protocol());
    socket->set_option(ReusePort(true));
    boost::system::error_code ignored;
    // A large receive buffer absorbs bursts; the kernel caps it silently.
    socket->set_option(asio::socket_base::receive_buffer_size(kReceiveBuffer), ignored);
    socket->bind(at);
    return socket;
  }

  /// Binds one UDP socket per thread and one TCP acceptor, all on the same port. With port 0
  /// the port the kernel picks for UDP may be taken for TCP: then try another.
  void bind(const ListenAddress& where) {
    for (int attempt = 0;; ++attempt) {
      std::vector<std::unique_ptr<asio::ip::udp::socket>> sockets;
      sockets.push_back(open_udp(*contexts[0], {where.address, where.port}));
      const std::uint16_t port = sockets[0]->local_endpoint().port();
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
        sockets.push_back(open_udp(*contexts[i], {where.address, port}));
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
  impl_->context.snapshots = &snapshots;
  impl_->context.limits.edns_udp_size =
      static_cast<std::uint16_t>(std::clamp<std::size_t>(impl_->options.edns_udp_size, 512, 65535));
  impl_->context.tcp_idle_timeout = std::chrono::milliseconds(impl_->options.tcp_idle_timeout_ms);
  impl_->context.max_tcp_connections = impl_->options.max_tcp_connections;
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
  for (std::size_t i = 0; i < threads; ++i)
    s.contexts.push_back(std::make_unique<asio::io_context>(1));
  for (const auto& text : s.options.upstreams) {
    try {
      const auto upstream = parse_listen_address(text);
      s.context.upstreams.emplace_back(upstream.address, upstream.port);
    } catch (const std::exception& error) {
      throw std::runtime_error(std::string("dns: bad --upstream: ") + error.what());
    }
  }
  s.context.limits.forward_outside = !s.context.upstreams.empty();
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
  for (auto& socket : s.udp) {
    asio::co_spawn(socket->get_executor(), serve_udp(*socket, s.context), asio::detached);
  }
  for (auto& acceptor : s.tcp) {
    asio::co_spawn(acceptor->get_executor(), serve_tcp(*acceptor, s.context), asio::detached);
  }
  for (auto& io : s.contexts) {
    s.threads.emplace_back([context = io.get()] { context->run(); });
  }
}

std::vector<std::string> DnsServer::bound_addresses() const {
  return impl_->bound;
}

void DnsServer::stop() {
  Impl& s = *impl_;
  for (auto& io : s.contexts) io->stop();
  for (auto& thread : s.threads) {
    if (thread.joinable()) thread.join();
  }
  s.threads.clear();
  s.udp.clear();
  s.tcp.clear();
}

}  // namespace ordinal::dns
