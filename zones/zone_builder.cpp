#include "zones/zone_builder.hpp"

#include <algorithm>
#include <future>
#include <tuple>

#include "zones/cluster_records.hpp"
#include "zones/zone_compiler.hpp"

namespace ordinal::zones {
namespace {

constexpr std::uint32_t kMaxSoaTtl = 300;
constexpr std::uint32_t kMaxTtl = 3600;  // dns.md §5: the ttl option accepts 0-3600

ZoneSource reverse_source(const std::string& apex, const ZoneContent& content,
                          const ZoneConfig& config, std::uint32_t serial) {
  ZoneSource source;
  source.apex = apex;
  source.reverse = true;
  source.soa = zone_soa(apex, content.zone, config, serial);
  source.records.push_back({apex, rr_type::kNs, config.ttl, NameData{"ns.dns." + content.zone}});
  source.transfer = source.records;
  const std::string suffix = "." + apex;
  for (const auto& record : content.reverse) {
    if (record.owner.size() > suffix.size() &&
        record.owner.compare(record.owner.size() - suffix.size(), suffix.size(), suffix) == 0) {
      source.records.push_back(record);
    }
  }
  std::vector<Record> ptrs(source.records.begin() + 1, source.records.end());
  // By owner, then target: a total order, so the incremental builder can reproduce it.
  std::sort(ptrs.begin(), ptrs.end(), [](const Record& a, const Record& b) {
    return std::tie(a.owner, std::get<NameData>(a.data).target) <
           std::tie(b.owner, std::get<NameData>(b.data).target);
  });
  source.transfer.insert(source.transfer.end(), ptrs.begin(), ptrs.end());
  return source;
}

}  // namespace

Record zone_soa(const std::string& apex, const std::string& forward, const ZoneConfig& config,
                std::uint32_t serial) {
  SoaData soa;
  soa.mname = "ns.dns." + forward;
  soa.rname = "hostmaster." + forward;
  soa.serial = serial;
  soa.minimum = config.soa_minimum;
  return {apex, rr_type::kSoa, std::min(config.ttl, kMaxSoaTtl), soa};
}

ZoneConfig served_config(const ZoneConfig& config) {
  ZoneConfig served = config;
  served.ttl = std::min(served.ttl, kMaxTtl);
  return served;
}

std::shared_ptr<const ZoneSnapshot> build_snapshot(const ZoneInputs& inputs,
                                                   const ZoneConfig& requested,
                                                   std::uint32_t serial) {
  const ZoneConfig config = served_config(requested);
  ZoneContent content = cluster_records(inputs, config);
  std::vector<Zone> zones;
  ZoneSource forward;
  forward.apex = content.zone;
  forward.soa = zone_soa(content.zone, content.zone, config, serial);
  forward.ents = std::move(content.forward_ents);
  forward.transfer = std::move(content.transfer);
  forward.records = std::move(content.forward);
  forward.fleeting = std::move(content.fleeting);
  // The reverse zones share nothing with the forward one but `content`'s read-only parts:
  // compiled beside it, a large cluster's rebuild takes the forward zone's time, not the sum.
  std::future<std::vector<Zone>> reverse;
  if (config.reverse_zones) {
    reverse = std::async(std::launch::async, [&content, &config, serial] {
      std::vector<Zone> out;
      out.push_back(compile_zone(reverse_source("in-addr.arpa.", content, config, serial)));
      out.push_back(compile_zone(reverse_source("ip6.arpa.", content, config, serial)));
      return out;
    });
  }
  zones.push_back(compile_zone(std::move(forward)));
  if (reverse.valid()) {
    for (auto& zone : reverse.get()) zones.push_back(std::move(zone));
  }
  return std::make_shared<const ZoneSnapshot>(std::move(zones), serial);
}

std::uint32_t next_serial(std::uint32_t previous, std::chrono::system_clock::time_point now) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const auto unix_time = static_cast<std::uint32_t>(static_cast<std::uint64_t>(seconds));
  // Serial arithmetic (RFC 1982): "greater" means ahead by less than 2^31.
  const auto ahead = static_cast<std::uint32_t>(unix_time - previous);
  return (ahead != 0 && ahead < 0x80000000U) ? unix_time : previous + 1;
}

}  // namespace ordinal::zones
