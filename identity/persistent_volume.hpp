#pragma once
// Typed view of a PersistentVolume (core/v1, cluster-scoped). Keeps the JSON it was read from;
// volume sources (hostPath, local, csi, ...) and nodeAffinity are kept as written.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"
#include "identity/object_meta.hpp"
#include "identity/object_reference.hpp"
#include "identity/quantity.hpp"

namespace ordinal::identity {

struct PersistentVolumeSpec {
  std::string capacity_storage;  ///< `capacity.storage`, as written ("10Gi")
  std::vector<std::string> access_modes;
  std::string persistent_volume_reclaim_policy;  ///< "Retain", "Delete", "Recycle"
  std::string storage_class_name;                ///< "" and absent both mean no class
  std::optional<ObjectReference> claim_ref;      ///< the claim bound (or reserved)
  std::string volume_mode;                       ///< "Filesystem" when empty, or "Block"
  Json host_path;                                ///< `hostPath` as written; null when absent
  Json local;                                    ///< `local` as written; null when absent
  Json original;                                 ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static PersistentVolumeSpec from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct PersistentVolume {
  static constexpr std::string_view kApiVersion = "v1";
  static constexpr std::string_view kKind = "PersistentVolume";

  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  PersistentVolumeSpec spec;
  std::string status_phase;  ///< `status.phase`: "Pending", "Available", "Bound", "Released", ...
  Json original;             ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static PersistentVolume from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared; an absent
  /// `metadata` or `spec` that stayed empty stays absent.
  [[nodiscard]] Json to_json() const;

  /// The capacity; nullopt when absent or not a valid quantity.
  [[nodiscard]] std::optional<Quantity> capacity() const;
};

}  // namespace ordinal::identity
