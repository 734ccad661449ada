#include "dns/udp_loop.hpp"

#include <sys/socket.h>

#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <span>
#include <string>
#include <thread>

#include "dns/udp_batch.hpp"
#include "dns/upstream_forwarder.hpp"

namespace ordinal::dns {
namespace {

namespace asio = boost::asio;

static_assert(UdpBatch::kSize <= kMaxQueryBatch, "a received batch is answered in one call");

/// Where a forwarded query's reply goes.
struct Client {
  sockaddr_storage address{};
  socklen_t size = 0;
};

/// Forwards one datagram and sends the upstream's reply (or SERVFAIL) to the client, while the
/// UDP loop goes on serving. Sends straight on `fd`: the loop's thread owns the socket's
/// blocking mode, which an Asio operation on it would change.
asio::awaitable<void> relay(int fd, std::string query, Client client,
                            const ListenerContext& context) {
  const std::span<const std::uint8_t> packet{reinterpret_cast<const std::uint8_t*>(query.data()),
                                             query.size()};
  std::string reply;
  if (const ForwardSlot slot(context); !slot) {
    reply = refused_reply(packet);
  } else {
    auto relayed =
        co_await forward_query(co_await asio::this_coro::executor, query, context.upstreams,
                               Transport::Udp, context.upstream_timeout);
    reply = relayed ? std::move(*relayed) : servfail_reply(packet);
  }
  // A reply the socket cannot take now is dropped, as UDP allows.
  (void)::sendto(fd, reply.data(), reply.size(), MSG_DONTWAIT,
                 reinterpret_cast<const sockaddr*>(&client.address), client.size);
}

}  // namespace

struct UdpLoop::Impl {
  int fd;
  const ListenerContext& context;
  asio::any_io_executor relays;
  std::atomic<bool> stopping{false};
  std::thread thread;

  Impl(int socket, const ListenerContext& listener, asio::any_io_executor executor)
      : fd(socket), context(listener), relays(std::move(executor)) {}

  void run() {
    zones::SnapshotHolder::Reader reader(*context.snapshots);
    auto batch = std::make_unique<UdpBatch>();
    while (!stopping.load(std::memory_order_relaxed)) {
      const std::size_t count = batch->receive(fd, UdpBatch::Wait::ForFirst);
      if (count == 0) continue;  // interrupted, or woken to stop
      const zones::ZoneSnapshot* snapshot = reader.get();
      std::array<std::span<const std::uint8_t>, UdpBatch::kSize> packets;
      for (std::size_t i = 0; i < count; ++i) packets[i] = batch->packet(i);
      std::array<QueryAction, UdpBatch::kSize> actions{};
      handle_queries(std::span(packets.data(), count), snapshot, Transport::Udp, context.limits,
                     batch->replies(), actions);
      for (std::size_t i = 0; i < count; ++i) {
        if (actions[i] == QueryAction::Reply) continue;
        batch->reply(i).clear();
        if (actions[i] == QueryAction::Forward) forward(*batch, i);
      }
      if (context.rate_limiter) limit_rate(*batch, count);
      batch->send(fd, count);
    }
  }

  // Drops or truncates the replies beyond the client's rate (response_rate_limiter.hpp).
  void limit_rate(UdpBatch& batch, std::size_t count) const {
    const auto now =
        static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::steady_clock::now().time_since_epoch())
                                       .count());
    for (std::size_t i = 0; i < count; ++i) {
      std::string& reply = batch.reply(i);
      if (reply.empty()) continue;
      switch (context.rate_limiter->check(batch.sender(i), reply, now)) {
        case ResponseRateLimiter::Verdict::Send:
          break;
        case ResponseRateLimiter::Verdict::Slip:
          truncate_to_question(reply);
          break;
        case ResponseRateLimiter::Verdict::Drop:
          reply.clear();
          break;
      }
    }
  }

  void forward(const UdpBatch& batch, std::size_t i) {
    Client client;
    client.size = batch.sender_size(i);
    std::memcpy(&client.address, batch.sender(i), client.size);
    const auto packet = batch.packet(i);
    asio::co_spawn(relays, relay(fd, std::string(packet.begin(), packet.end()), client, context),
                   asio::detached);
  }
};

UdpLoop::UdpLoop(int fd, const ListenerContext& context, asio::any_io_executor relays)
    : impl_(std::make_unique<Impl>(fd, context, std::move(relays))) {
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

UdpLoop::~UdpLoop() {
  stop();
}

void UdpLoop::stop() {
  if (!impl_->thread.joinable()) return;
  impl_->stopping = true;
  // Wakes a receive blocked on the socket, which then returns at once (Linux does this even
  // for unconnected UDP sockets, though it reports ENOTCONN).
  (void)::shutdown(impl_->fd, SHUT_RD);
  impl_->thread.join();
}

}  // namespace ordinal::dns
