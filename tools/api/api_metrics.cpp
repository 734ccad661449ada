#include "tools/api/api_metrics.hpp"

#include "identity/kinds.hpp"

namespace ordinal::api {

void ApiMetrics::record(const std::string& verb, unsigned code) {
  std::lock_guard lock(mu_);
  ++requests_[{verb, code}];
}

std::uint64_t ApiMetrics::count(const std::string& verb, unsigned code) const {
  std::lock_guard lock(mu_);
  auto it = requests_.find({verb, code});
  return it == requests_.end() ? 0 : it->second;
}

std::string ApiMetrics::render(const identity::Registry& registry) const {
  std::string out;
  out += "# HELP ordinal_api_requests_total API requests answered, by verb and HTTP code.\n";
  out += "# TYPE ordinal_api_requests_total counter\n";
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, value] : requests_)
      out += "ordinal_api_requests_total{verb=\"" + key.first + "\",code=\"" +
             std::to_string(key.second) + "\"} " + std::to_string(value) + "\n";
  }
  out += "# HELP ordinal_registry_resource_version The resourceVersion of the last write.\n";
  out += "# TYPE ordinal_registry_resource_version gauge\n";
  out += "ordinal_registry_resource_version " + std::to_string(registry.resource_version()) + "\n";
  out += "# HELP ordinal_registry_objects Objects stored, by kind.\n";
  out += "# TYPE ordinal_registry_objects gauge\n";
  for (const auto& kind : identity::all_kinds())
    out += "ordinal_registry_objects{kind=\"" + kind.kind + "\"} " +
           std::to_string(registry.list(kind.kind, std::nullopt).items.size()) + "\n";
  out += "# HELP ordinal_api_watch_streams Watch streams open now.\n";
  out += "# TYPE ordinal_api_watch_streams gauge\n";
  out += "ordinal_api_watch_streams " + std::to_string(open_watches()) + "\n";
  return out;
}

}  // namespace ordinal::api
