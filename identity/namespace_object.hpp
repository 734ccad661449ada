#pragma once
// Typed view of a Namespace (core/v1, cluster-scoped). Named namespace_object because
// `namespace` is a keyword. Keeps the JSON it was read from (spec.finalizers, status
// conditions, ... survive a round trip).
#include <string>
#include <string_view>

#include "identity/json.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::identity {

struct Namespace {
  static constexpr std::string_view kApiVersion = "v1";
  static constexpr std::string_view kKind = "Namespace";

  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  std::string status_phase;  ///< `status.phase`: "Active" or "Terminating"
  Json original;             ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static Namespace from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

}  // namespace ordinal::identity
