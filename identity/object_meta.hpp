#pragma once
// Typed view of `metadata` (ObjectMeta) and its owner references. Like every view of the model
// it keeps the JSON it was read from (`original`) and writes its fields back on top of it, so
// `ObjectMeta::from_json(j).to_json() == j` and unmodelled fields (managedFields, ...) survive.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"
#include "identity/json_fields.hpp"

namespace ordinal::identity {

/// One entry of `metadata.ownerReferences`.
struct OwnerReference {
  std::string api_version;  ///< "apps/v1"
  std::string kind;         ///< "StatefulSet"
  std::string name;
  std::string uid;
  std::optional<bool> controller;
  std::optional<bool> block_owner_deletion;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static OwnerReference from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
  /// `controller: true`.
  [[nodiscard]] bool is_controller() const { return controller.value_or(false); }
};

struct ObjectMeta {
  std::string name;
  std::string generate_name;
  std::string ns;  ///< `namespace`; empty for cluster-scoped objects
  std::string uid;
  std::string resource_version;
  std::optional<std::int64_t> generation;
  std::string creation_timestamp;  ///< RFC 3339, as stored
  std::string deletion_timestamp;  ///< RFC 3339; non-empty while the object terminates
  std::optional<std::int64_t> deletion_grace_period_seconds;
  fields::StringMap labels;
  fields::StringMap annotations;
  std::vector<std::string> finalizers;
  std::vector<OwnerReference> owner_references;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ObjectMeta from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;

  /// The owner reference with `controller: true`, or nullptr. Points into this object.
  [[nodiscard]] const OwnerReference* controller_ref() const;
  /// The owner reference with this UID, or nullptr. Points into this object.
  [[nodiscard]] const OwnerReference* find_owner(std::string_view uid) const;
  /// Whether `metadata.deletionTimestamp` is set.
  [[nodiscard]] bool is_terminating() const { return !deletion_timestamp.empty(); }
  /// The label's value, or "" when absent. Points into this object.
  [[nodiscard]] std::string_view label(std::string_view key) const;
};

}  // namespace ordinal::identity
