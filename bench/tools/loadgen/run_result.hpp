#pragma once
// What one load run counted, and its rendering as the one JSON line the driver reads.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/tools/loadgen/query_wire.hpp"

namespace ordinal::bench {

struct RunResult {
  std::string mode;                    ///< "saturate" or "rate"
  double seconds = 0;                  ///< the measured interval (queries sent during it)
  std::uint64_t sent = 0;              ///< queries sent during the interval
  std::uint64_t answered = 0;          ///< replies matched to a query, at any time
  std::uint64_t answered_in_time = 0;  ///< of those, received within the interval (-> QPS)
  std::uint64_t lost = 0;              ///< no reply within the timeout
  std::uint64_t late = 0;              ///< replies to a query already counted lost, or duplicates
  std::uint64_t mismatched = 0;        ///< ID of a query in flight but another question
  std::uint64_t malformed = 0;         ///< shorter than a header, or not a response to us
  std::uint64_t truncated = 0;         ///< TC set
  std::uint64_t behind = 0;            ///< rate mode: sends skipped because the window was full
  double max_send_lag = 0;             ///< rate mode: worst delay of a send behind its schedule, s
  std::array<std::uint64_t, 16> rcodes{};
  std::vector<std::uint32_t> latencies_ns;  ///< one per answered query
  double timeout = 0;                       ///< seconds after which a query counts lost
};

/// Nearest-rank percentile of sorted `values` (`share` in [0, 1]); 0 when empty.
inline double percentile_of(const std::vector<std::uint32_t>& sorted, double share) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(share * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

/// One line of JSON (no spaces in keys; latencies in microseconds). Sorts the latencies.
inline std::string to_json(RunResult& r) {
  auto& lat = r.latencies_ns;
  std::sort(lat.begin(), lat.end());
  double sum = 0;
  for (const auto ns : lat) sum += ns;
  const double mean = lat.empty() ? 0 : sum / static_cast<double>(lat.size());
  // p99 counting each lost query as answered at the timeout: a server that drops queries
  // must not look faster than one that answers late.
  const std::uint64_t total = lat.size() + r.lost;
  double p99_lost = 0;
  if (total > 0) {
    const auto rank = static_cast<std::uint64_t>(std::ceil(0.99 * static_cast<double>(total)));
    p99_lost = rank <= lat.size() ? lat[rank - 1] : r.timeout * 1e9;
  }
  std::string rcodes;
  for (unsigned i = 0; i < r.rcodes.size(); ++i) {
    if (r.rcodes[i] == 0) continue;
    rcodes += (rcodes.empty() ? "\"" : ",\"") + std::string(rcode_name(i)) +
              "\":" + std::to_string(r.rcodes[i]);
  }
  const double qps = r.seconds > 0 ? static_cast<double>(r.answered_in_time) / r.seconds : 0;
  char buffer[1024];
  std::snprintf(
      buffer, sizeof buffer,
      "{\"mode\":\"%s\",\"seconds\":%.3f,\"qps\":%.1f,\"sent\":%llu,\"answered\":%llu,"
      "\"lost\":%llu,\"late\":%llu,\"mismatched\":%llu,\"malformed\":%llu,\"truncated\":%llu,"
      "\"behind\":%llu,\"max_send_lag_us\":%.1f,\"rcodes\":{%s},\"latency_us\":{\"mean\":%.1f,"
      "\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"p999\":%.1f,\"max\":%.1f,"
      "\"p99_with_lost\":%.1f}}",
      r.mode.c_str(), r.seconds, qps, static_cast<unsigned long long>(r.sent),
      static_cast<unsigned long long>(r.answered), static_cast<unsigned long long>(r.lost),
      static_cast<unsigned long long>(r.late), static_cast<unsigned long long>(r.mismatched),
      static_cast<unsigned long long>(r.malformed), static_cast<unsigned long long>(r.truncated),
      static_cast<unsigned long long>(r.behind), r.max_send_lag * 1e6, rcodes.c_str(), mean / 1e3,
      percentile_of(lat, 0.50) / 1e3, percentile_of(lat, 0.90) / 1e3,
      percentile_of(lat, 0.99) / 1e3, percentile_of(lat, 0.999) / 1e3,
      lat.empty() ? 0.0 : lat.back() / 1e3, p99_lost / 1e3);
  return buffer;
}

}  // namespace ordinal::bench
