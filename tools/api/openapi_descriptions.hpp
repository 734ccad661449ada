#pragma once
// The words `kubectl explain` prints: a short description of every served kind, of the shared
// types and of the fields people look up most, and the allowed values of enumerated fields.
// Keys name a schema by its short name ("StatefulSetSpec") or one of its fields
// ("StatefulSetSpec.replicas"); a field of an object written inline in its schema carries the
// path from that schema ("PersistentVolumeSpec.hostPath.path"). "Object.apiVersion",
// "Object.kind" and "Object.metadata" describe those fields of every kind.
#include <string_view>
#include <vector>

namespace ordinal::api {

/// The description under `key`, or "" when none is written. Thread-safe (constant table).
std::string_view openapi_description(std::string_view key);

/// The values an enumerated field accepts (`StatefulSetSpec.podManagementPolicy`: OrderedReady,
/// Parallel), in the order explain lists them; empty when the field is not enumerated.
std::vector<std::string_view> openapi_enum(std::string_view key);

}  // namespace ordinal::api
