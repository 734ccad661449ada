#pragma once
// Typed view of a PodSpec and of a PodTemplateSpec (a StatefulSet's `spec.template`). Keeps the
// JSON it was read from, so affinity, tolerations, securityContext, serviceAccountName and
// every other unmodelled field come back as they went in.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/container.hpp"
#include "identity/json.hpp"
#include "identity/object_meta.hpp"
#include "identity/volume.hpp"

namespace ordinal::identity {

struct PodSpec {
  std::vector<Container> containers;
  std::vector<Container> init_containers;
  std::vector<Volume> volumes;
  std::string hostname;   ///< set at creation to the pod name (SS-3.4)
  std::string subdomain;  ///< set at creation to the set's serviceName (SS-3.4)
  std::string node_name;
  std::string restart_policy;  ///< "Always" (the default when empty), "OnFailure", "Never"
  std::optional<std::int64_t> termination_grace_period_seconds;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static PodSpec from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
  /// The container (not init container) with this name, or nullptr. Points into this spec.
  [[nodiscard]] Container* find_container(std::string_view name);
  [[nodiscard]] const Container* find_container(std::string_view name) const;
  /// The volume with this name, or nullptr. Points into this spec.
  [[nodiscard]] const Volume* find_volume(std::string_view name) const;
};

/// `metadata` and `spec` of a pod to be created (a StatefulSet's `spec.template`).
struct PodTemplateSpec {
  ObjectMeta metadata;
  PodSpec spec;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static PodTemplateSpec from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

}  // namespace ordinal::identity
