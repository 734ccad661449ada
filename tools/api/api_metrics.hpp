#pragma once
// Counters of the API for `/metrics` (Prometheus text format 0.0.4). Thread-safe.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "identity/registry.hpp"

namespace ordinal::api {

class ApiMetrics {
 public:
  /// Counts one answered request. `verb` is Kubernetes' (get, list, watch, create, update,
  /// patch, delete, deletecollection) or the lower-case HTTP method for other paths.
  void record(const std::string& verb, unsigned code);
  void watch_opened() { open_watches_.fetch_add(1); }
  void watch_closed() { open_watches_.fetch_sub(1); }
  [[nodiscard]] std::int64_t open_watches() const { return open_watches_.load(); }
  /// Requests counted so far for (verb, code).
  [[nodiscard]] std::uint64_t count(const std::string& verb, unsigned code) const;

  /// The exposition text: request counts, the registry's resourceVersion, object counts by kind
  /// and open watch streams.
  [[nodiscard]] std::string render(const identity::Registry& registry) const;

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
  std::atomic<std::int64_t> open_watches_{0};
};

}  // namespace ordinal::api
