#pragma once
// The kinds the cluster zone is built from (the list of zones/zone_feed.cpp), where a
// Kubernetes-shaped API lists them across namespaces, and their slim forms: only the fields
// DNS needs (zones/zone_inputs.hpp), so a follower never keeps whole objects.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <variant>

#include "identity/json.hpp"
#include "zones/zone_inputs.hpp"
#include "zones/zone_updater.hpp"

namespace ordinal::follow {

enum class Kind : std::size_t { Namespace, Service, EndpointSlice, Pod, StatefulSet };
inline constexpr std::size_t kKindCount = 5;

struct KindInfo {
  Kind kind;
  const char* name;  ///< "EndpointSlice"
  const char* path;  ///< cluster-wide collection, e.g. "/api/v1/pods"
};

/// Every kind, in the order a relist asks for them.
const std::array<KindInfo, kKindCount>& source_kinds();
/// The entry of `kind` in source_kinds().
const KindInfo& info_of(Kind kind);

/// A Namespace, as far as DNS needs it.
struct NamespaceInfo {
  std::string name;
};

/// One object of any source kind, reduced to what the zone reads.
using SlimObject = std::variant<NamespaceInfo, zones::ServiceInfo, zones::SliceInfo, zones::PodInfo,
                                zones::SetInfo>;

/// The slim form of `object` read as `kind`; nullopt when it cannot appear in DNS (no name or
/// namespace). Never throws on odd JSON (fields of the wrong type count as absent).
std::optional<SlimObject> slim_from_json(Kind kind, const identity::Json& object);

/// Adds or replaces the object in `updater`.
void put(zones::ZoneUpdater& updater, SlimObject object);
/// Removes the object (by namespace and name) from `updater`; unknown objects change nothing.
void remove(zones::ZoneUpdater& updater, const SlimObject& object);

}  // namespace ordinal::follow
