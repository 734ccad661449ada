#pragma once
// The zone snapshot `ordinal serve` publishes for a benchmark workload, built in-process from
// the same manifest files (Services and EndpointSlices) without a server or a registry.
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "identity/manifest.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_inputs.hpp"

namespace ordinal::bench {

/// Reads every manifest file; Services and EndpointSlices become zone inputs, their
/// namespaces (and "default", which the server always has) exist. Throws std::runtime_error
/// when a file cannot be read or holds an invalid document.
inline zones::ZoneInputs inputs_from_manifests(const std::vector<std::string>& paths) {
  zones::ZoneInputs inputs;
  std::set<std::string> namespaces{"default"};
  for (const auto& path : paths) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read");
    std::stringstream text;
    text << in.rdbuf();
    auto decoded = identity::decode_manifests(text.str(), path);
    if (!decoded.errors.empty()) throw std::runtime_error(decoded.errors.front().to_string());
    for (const auto& document : decoded.documents) {
      const auto kind = document.object.value("kind", std::string());
      if (kind == "Service") {
        if (auto service = zones::service_from_json(document.object)) {
          namespaces.insert(service->ns);
          inputs.services.push_back(std::move(*service));
        }
      } else if (kind == "EndpointSlice") {
        if (auto slice = zones::slice_from_json(document.object)) {
          namespaces.insert(slice->ns);
          inputs.slices.push_back(std::move(*slice));
        }
      }
    }
  }
  inputs.namespaces.assign(namespaces.begin(), namespaces.end());
  return inputs;
}

/// The snapshot for `paths` with the server's default zone configuration.
inline std::shared_ptr<const zones::ZoneSnapshot> snapshot_from_manifests(
    const std::vector<std::string>& paths) {
  return zones::build_snapshot(inputs_from_manifests(paths), zones::ZoneConfig{}, 1);
}

}  // namespace ordinal::bench
