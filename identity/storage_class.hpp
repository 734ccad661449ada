#pragma once
// Typed view of a StorageClass (storage.k8s.io/v1, cluster-scoped). Keeps the JSON it was read
// from (mountOptions, allowedTopologies, ... survive a round trip).
#include <optional>
#include <string>
#include <string_view>

#include "identity/json.hpp"
#include "identity/json_fields.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::identity {

struct StorageClass {
  static constexpr std::string_view kApiVersion = "storage.k8s.io/v1";
  static constexpr std::string_view kKind = "StorageClass";
  /// The annotation that marks the default class.
  static constexpr std::string_view kDefaultClassAnnotation =
      "storageclass.kubernetes.io/is-default-class";

  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::string provisioner;
  std::string reclaim_policy;  ///< "Delete" (the default when empty) or "Retain"
  std::string
      volume_binding_mode;  ///< "Immediate" (the default when empty), "WaitForFirstConsumer"
  std::optional<bool> allow_volume_expansion;
  fields::StringMap parameters;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static StorageClass from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
  /// Annotated `storageclass.kubernetes.io/is-default-class: "true"`.
  [[nodiscard]] bool is_default() const;
};

}  // namespace ordinal::identity
