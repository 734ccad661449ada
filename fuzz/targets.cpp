#include "fuzz/targets.hpp"

#include "fuzz/dns_entries.hpp"
#include "fuzz/text_entries.hpp"
#include "fuzz/zone_export_entry.hpp"

namespace ordinal::fuzz {

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {"dns_parser", fuzz_dns_parser}, {"dns_pipeline", fuzz_dns_pipeline},
      {"manifest", fuzz_manifest},     {"api_body", fuzz_api_body},
      {"api_patch", fuzz_api_patch},   {"zone_export", fuzz_zone_export},
  };
  return all;
}

const Target* find_target(std::string_view name) {
  for (const auto& target : targets()) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

}  // namespace ordinal::fuzz
