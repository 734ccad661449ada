#pragma once
// Typed view of a pod volume. Only the PersistentVolumeClaim source is modelled (the
// controller rewrites claim volumes, SS-4.3, and checks them, SS-4.4); every other source
// (configMap, secret, emptyDir, ...) stays in `original` and comes back as it went in.
#include <optional>
#include <string>

#include "identity/json.hpp"

namespace ordinal::identity {

/// `persistentVolumeClaim` of a volume.
struct ClaimVolumeSource {
  std::string claim_name;
  std::optional<bool> read_only;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ClaimVolumeSource from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct Volume {
  std::string name;
  /// nullopt when the volume has another source; setting it does not remove other sources.
  std::optional<ClaimVolumeSource> persistent_volume_claim;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static Volume from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
  /// A volume named `name` whose only source is claim `claim_name` (not read-only).
  static Volume for_claim(std::string name, std::string claim_name);
};

}  // namespace ordinal::identity
