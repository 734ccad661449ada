#pragma once
// NOTIFY (RFC 1996): tells secondaries (`--notify ADDR:PORT`) that our zones changed, so they
// ask for the new serial at once instead of at their next refresh. Each target gets one
// NOTIFY per zone for the newest snapshot, repeated until it answers (at most kNotifyAttempts
// times, waiting 250 ms and then twice as long each time); snapshots published while a round is
// under way fold into one more round, so churn never queues up notifications. With a TSIG key,
// every NOTIFY is signed.
#include <utility>  // Boost 1.74's awaitable.hpp needs it first under GCC 12
// clang-format off
#include <boost/asio/awaitable.hpp>
// clang-format on
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dns/tsig.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::dns {

inline constexpr int kNotifyAttempts = 5;

/// The NOTIFY message for `zone`: opcode NOTIFY, AA, question `<apex> SOA IN`, and the SOA in
/// the Answer section (RFC 1996 §3.7) so a secondary can skip its SOA query.
std::string notify_message(const zones::Zone& zone, std::uint16_t id);

struct NotifyTarget;

class ZoneNotifier {
 public:
  /// Sends from `executor`, which must be single-threaded and outlive the notifier's work;
  /// signs each NOTIFY with `key` when given (RFC 8945; the secondaries must know it).
  ZoneNotifier(boost::asio::any_io_executor executor,
               std::vector<boost::asio::ip::udp::endpoint> targets,
               std::optional<TsigKey> key = std::nullopt);
  /// Notifies every target of `snapshot`'s zones. Any thread; returns at once.
  void notify(std::shared_ptr<const zones::ZoneSnapshot> snapshot);

 private:
  boost::asio::any_io_executor executor_;
  std::vector<std::shared_ptr<NotifyTarget>> targets_;
};

}  // namespace ordinal::dns
