#include "dns/zone_notifier.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <chrono>

#include "dns/message.hpp"
#include "dns/query_handler.hpp"
#include "dns/upstream_forwarder.hpp"
#include "zones/wire_writer.hpp"

namespace ordinal::dns {
namespace {

namespace asio = boost::asio;

constexpr std::uint16_t kOpcodeNotify = 4 << 11;
/// The first wait for an answer, doubled on each retry (250 ms … 4 s over kNotifyAttempts): a
/// NOTIFY lost, or dropped by a secondary busy transferring, costs a quarter of a second, not a
/// whole one, and a secondary that is away is still asked for several seconds.
constexpr std::chrono::milliseconds kFirstNotifyTimeout{250};

}  // namespace

std::string notify_message(const zones::Zone& zone, std::uint16_t id) {
  zones::WireWriter writer(zone.apex_wire);
  writer.add(zones::Record{zone.apex, zones::rr_type::kSoa, zone.soa_ttl, zone.soa});
  std::string bytes = writer.bytes();
  write_u16_at(bytes, 0, id);
  write_u16_at(bytes, 2, static_cast<std::uint16_t>(kOpcodeNotify | flag::kAa));
  write_u16_at(bytes, 4, 1);
  write_u16_at(bytes, 6, 1);
  write_u16_at(bytes, writer.question_end() - 4, zones::rr_type::kSoa);
  write_u16_at(bytes, writer.question_end() - 2, zones::kClassIn);
  return bytes;
}

/// One secondary. Touched only on the notifier's executor.
struct NotifyTarget {
  asio::ip::udp::endpoint address;
  std::shared_ptr<const zones::ZoneSnapshot> pending;
  bool sending = false;
  std::uint16_t next_id = 1;
  std::shared_ptr<const TsigKey> key;  ///< signs each NOTIFY when set
};

namespace {

/// Sends rounds until no newer snapshot is pending.
asio::awaitable<void> send_rounds(std::shared_ptr<NotifyTarget> target) {
  const auto executor = co_await asio::this_coro::executor;
  const std::vector<asio::ip::udp::endpoint> to{target->address};
  while (auto snapshot = std::exchange(target->pending, nullptr)) {
    for (const zones::Zone& zone : snapshot->zones()) {
      for (int attempt = 0; attempt < kNotifyAttempts; ++attempt) {
        std::string message = notify_message(zone, target->next_id++);
        // Signed afresh each attempt: the time signed must stay within the fudge.
        if (target->key) sign_request(message, *target->key, tsig_now());
        const auto answer = co_await forward_query(executor, std::move(message), to, Transport::Udp,
                                                   kFirstNotifyTimeout * (1 << attempt));
        if (answer) break;
      }
    }
  }
  target->sending = false;
}

}  // namespace

ZoneNotifier::ZoneNotifier(asio::any_io_executor executor,
                           std::vector<asio::ip::udp::endpoint> targets, std::optional<TsigKey> key)
    : executor_(std::move(executor)) {
  const auto shared_key =
      key ? std::make_shared<const TsigKey>(std::move(*key)) : std::shared_ptr<const TsigKey>();
  for (const auto& address : targets) {
    auto target = std::make_shared<NotifyTarget>();
    target->address = address;
    target->key = shared_key;
    targets_.push_back(std::move(target));
  }
}

void ZoneNotifier::notify(std::shared_ptr<const zones::ZoneSnapshot> snapshot) {
  asio::post(executor_, [executor = executor_, targets = targets_, snapshot = std::move(snapshot)] {
    for (const auto& target : targets) {
      target->pending = snapshot;
      if (target->sending) continue;
      target->sending = true;
      asio::co_spawn(executor, send_rounds(target), asio::detached);
    }
  });
}

}  // namespace ordinal::dns
