#pragma once
// Request bodies to JSON: JSON (the default) or YAML (Content-Type application/yaml), with the
// duplicate fields that the strict decoder of kube-apiserver reports.
#include <string>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"

namespace ordinal::api {

struct DecodedBody {
  identity::Json object;
  /// Paths of keys that appeared twice in one JSON object, e.g. "spec.replicas" (the last
  /// value is kept, as Go's encoding/json does).
  std::vector<std::string> duplicate_fields;
};

/// Decodes `body` according to `content_type` (parameters ignored): JSON (also when the type is
/// absent), YAML, or Kubernetes protobuf (protobuf_body.hpp); other types are 415. The result
/// must be a JSON object; anything else is a 400 BadRequest naming the parse error. Never throws.
identity::Result<DecodedBody> decode_body(const std::string& body, const std::string& content_type);

/// Converts a one-document YAML body to JSON with the manifest decoder's rules
/// (identity/yaml_to_json.hpp): YAML 1.2 core-schema scalars, duplicate keys and tabs refused.
/// A 400 BadRequest naming the line when the text is not such YAML.
identity::Result<identity::Json> yaml_body_to_json(const std::string& text);

}  // namespace ordinal::api
