#pragma once
// The shared from_json/to_json of the typed views whose fields are exactly apiVersion, kind,
// metadata, spec and status (Pod, StatefulSet, PersistentVolumeClaim). Each view still
// declares its own `T::from_json` and `T::to_json` and forwards to these.
#include "identity/json.hpp"
#include "identity/json_fields.hpp"
#include "identity/object_meta.hpp"

namespace ordinal::identity {

/// Reads a view `T` with members api_version, kind, metadata, spec, status and original;
/// never fails (missing or mistyped fields read as empty). Pure; any thread.
template <class T>
T read_top_level_object(const Json& json) {
  T out;
  out.api_version = fields::get_string(json, {"apiVersion"});
  out.kind = fields::get_string(json, {"kind"});
  out.metadata = fields::get_object<ObjectMeta>(json, {"metadata"});
  out.spec = fields::get_object<decltype(out.spec)>(json, {"spec"});
  out.status = fields::get_object<decltype(out.status)>(json, {"status"});
  out.original = json;
  return out;
}

/// `object.original` with the five fields written, or erased when cleared; an absent
/// `metadata`, `spec` or `status` that stayed empty stays absent. Pure; any thread.
template <class T>
Json write_top_level_object(const T& object) {
  Json out = object.original.is_object() ? object.original : Json::object();
  fields::put_string(out, {"apiVersion"}, object.api_version);
  fields::put_string(out, {"kind"}, object.kind);
  fields::put_object(out, {"metadata"}, object.metadata.to_json());
  fields::put_object(out, {"spec"}, object.spec.to_json());
  fields::put_object(out, {"status"}, object.status.to_json());
  return out;
}

}  // namespace ordinal::identity
