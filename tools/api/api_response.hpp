#pragma once
// Building ApiResponse values: JSON documents, Status errors and plain text.
#include <string>

#include "identity/api_error.hpp"
#include "identity/json.hpp"
#include "tools/api/api_types.hpp"

namespace ordinal::api {

/// `body` serialised as application/json with the given HTTP status.
ApiResponse json_response(unsigned status, const identity::Json& body);
/// `body`, already JSON text, as application/json with the given HTTP status.
ApiResponse json_text_response(unsigned status, std::string body);
/// The error's Status object with its code as the HTTP status.
ApiResponse error_response(const identity::ApiError& error);
/// text/plain, e.g. "ok" for /healthz.
ApiResponse text_response(unsigned status, std::string body);
/// The value of request header `name` (lower case), or "" when absent.
std::string header_value(const ApiRequest& request, const std::string& name);
/// 403 Forbidden, which api_error.hpp has no constructor for (`namespaces "default" is
/// forbidden: this namespace may not be deleted`).
identity::ApiError forbidden(const std::string& qualified_resource, const std::string& name,
                             const std::string& reason);

}  // namespace ordinal::api
