#pragma once
// Typed view of an Event (core/v1): what `describe` shows and the controller records. Keeps the
// JSON it was read from (eventTime, series, action, ... survive a round trip).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "identity/json.hpp"
#include "identity/object_meta.hpp"
#include "identity/object_reference.hpp"

namespace ordinal::identity {

struct Event {
  static constexpr std::string_view kApiVersion = "v1";
  static constexpr std::string_view kKind = "Event";

  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  ObjectReference involved_object;
  std::string reason;  ///< "SuccessfulCreate", ...
  std::string message;
  std::string type;  ///< "Normal" or "Warning"
  std::optional<std::int32_t> count;
  std::string first_timestamp;   ///< RFC 3339
  std::string last_timestamp;    ///< RFC 3339
  std::string source_component;  ///< `source.component`, e.g. "statefulset-controller"
  std::string reporting_component;
  Json original;  ///< the document read; to_json writes on top of it

  /// Reads the modelled fields; never fails (missing or mistyped fields read as empty).
  static Event from_json(const Json& json);
  /// `original` with every modelled field written, or erased when cleared; an absent
  /// `metadata` or `involvedObject` that stayed empty stays absent.
  [[nodiscard]] Json to_json() const;
};

}  // namespace ordinal::identity
