#pragma once
// The `labelSelector` and `fieldSelector` query parameters of a list or watch, parsed once for
// both.
#include <string>

#include "identity/api_error.hpp"
#include "identity/label_selector.hpp"
#include "tools/api/field_selector.hpp"
#include "tools/api/request_target.hpp"

namespace ordinal::api {

struct RequestSelectors {
  identity::LabelSelector labels;
  FieldSelector fields;
};

/// Parses both selectors of `target` for objects of `kind`; a malformed one is a 400 BadRequest
/// with kube-apiserver's wording.
identity::Result<RequestSelectors> parse_request_selectors(const RequestTarget& target,
                                                           const std::string& kind);

}  // namespace ordinal::api
