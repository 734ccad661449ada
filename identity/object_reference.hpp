#pragma once
// Typed view of an ObjectReference: an Event's `involvedObject`, an EndpointSlice endpoint's
// `targetRef`, a PersistentVolume's `claimRef`. Keeps the JSON it was read from, so unmodelled
// fields survive a round trip.
#include <string>

#include "identity/json.hpp"

namespace ordinal::identity {

struct ObjectReference {
  std::string kind;
  std::string ns;  ///< `namespace`
  std::string name;
  std::string uid;
  std::string api_version;
  std::string resource_version;
  std::string field_path;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ObjectReference from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

}  // namespace ordinal::identity
