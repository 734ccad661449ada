#pragma once
// Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`), which kubectl's
// typed commands send: `kubectl create namespace|configmap|secret`. Only those kinds are
// decoded (their metadata, spec/data fields); other kinds are 415 UnsupportedMediaType.
#include <string_view>

#include "identity/api_error.hpp"
#include "identity/json.hpp"

namespace ordinal::api {

/// Decodes the `k8s\0` envelope (runtime.Unknown) and the object inside into the JSON form.
/// 400 when the bytes are malformed, 415 for kinds not decoded here. Never throws.
identity::Result<identity::Json> decode_protobuf_body(std::string_view body);

}  // namespace ordinal::api
