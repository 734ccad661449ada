#pragma once
// The cluster's objects kept beside a ZoneUpdater in tests, to build the reference snapshot
// with build_snapshot() from the same state.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "zones/zone_inputs.hpp"

namespace ordinal::zones::testing {

using Key = std::pair<std::string, std::string>;  ///< (namespace, name)

/// The objects of the cluster, kept beside the updater to build the reference snapshot.
struct World {
  std::set<std::string> namespaces;
  std::map<Key, ServiceInfo> services;
  std::map<Key, SliceInfo> slices;
  std::map<Key, PodInfo> pods;
  std::map<Key, std::string> deleted;  ///< pods removed while a slice lists them -> uid
  std::map<Key, SetInfo> sets;

  [[nodiscard]] ZoneInputs inputs() const {
    ZoneInputs out;
    out.namespaces.assign(namespaces.begin(), namespaces.end());
    for (const auto& [key, service] : services) out.services.push_back(service);
    for (const auto& [key, slice] : slices) out.slices.push_back(slice);
    for (const auto& [key, pod] : pods) out.pods.push_back(pod);
    for (const auto& [key, uid] : deleted) out.deleted_pods.push_back({key.first, key.second, uid});
    for (const auto& [key, set] : sets) out.sets.push_back(set);
    return out;
  }

  /// A deleted pod is remembered while some slice lists it (endpoint_overlay.hpp).
  void forget_unlisted() {
    std::erase_if(deleted, [&](const auto& entry) {
      for (const auto& [key, slice] : slices) {
        if (slice.ns != entry.first.first) continue;
        for (const auto& endpoint : slice.endpoints) {
          if (endpoint.pod_name == entry.first.second) return false;
        }
      }
      return true;
    });
  }
};

}  // namespace ordinal::zones::testing
