#pragma once
// Typed view of a ControllerRevision (apps/v1): a StatefulSet's recorded template (`data`, kept
// as written) and its revision number (SS-2.5, §12).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "identity/json.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::identity {

struct ControllerRevision {
  static constexpr std::string_view kApiVersion = "apps/v1";
  static constexpr std::string_view kKind = "ControllerRevision";

  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  Json data;  ///< as written; null when absent
  std::optional<std::int64_t> revision;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static ControllerRevision from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared.
  [[nodiscard]] Json to_json() const;
};

}  // namespace ordinal::identity
