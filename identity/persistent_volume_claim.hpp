#pragma once
// Typed view of a PersistentVolumeClaim (core/v1), also used for a StatefulSet's
// `volumeClaimTemplates`. Keeps the JSON it was read from, so
// `PersistentVolumeClaim::from_json(j).to_json() == j` and unmodelled fields (dataSource,
// resources.limits, ...) survive.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"
#include "identity/object_meta.hpp"
#include "identity/quantity.hpp"

namespace ordinal::identity {

struct PersistentVolumeClaimSpec {
  std::vector<std::string> access_modes;  ///< "ReadWriteOnce", ...
  std::string storage_request;            ///< `resources.requests.storage`, as written ("1Gi")
  /// nullopt = the default class; "" = explicitly no class (binds only class-less volumes).
  std::optional<std::string> storage_class_name;
  std::string volume_name;  ///< the bound PersistentVolume
  std::string volume_mode;  ///< "Filesystem" (the default when empty) or "Block"
  Json selector;            ///< a LabelSelector as written; null when absent
  Json original;            ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static PersistentVolumeClaimSpec from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct PersistentVolumeClaimStatus {
  std::string phase;             ///< "Pending", "Bound", "Lost"
  std::string capacity_storage;  ///< `capacity.storage`, as written
  std::vector<std::string> access_modes;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static PersistentVolumeClaimStatus from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

struct PersistentVolumeClaim {
  static constexpr std::string_view kApiVersion = "v1";
  static constexpr std::string_view kKind = "PersistentVolumeClaim";

  std::string api_version;  ///< as read; empty in a claim template
  std::string kind;
  ObjectMeta metadata;
  PersistentVolumeClaimSpec spec;
  PersistentVolumeClaimStatus status;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static PersistentVolumeClaim from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared; an absent
  /// `metadata`, `spec` or `status` that stayed empty stays absent.
  [[nodiscard]] Json to_json() const;

  /// The requested size; nullopt when absent or not a valid quantity.
  [[nodiscard]] std::optional<Quantity> requested_storage() const;
  [[nodiscard]] bool is_bound() const { return status.phase == "Bound"; }
};

}  // namespace ordinal::identity
