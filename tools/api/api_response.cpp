#include "tools/api/api_response.hpp"

namespace ordinal::api {

ApiResponse json_response(unsigned status, const identity::Json& body) {
  // Replace invalid UTF-8 instead of throwing: bodies may echo what a client sent.
  return json_text_response(status,
                            body.dump(-1, ' ', false, identity::Json::error_handler_t::replace));
}

ApiResponse json_text_response(unsigned status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

ApiResponse error_response(const identity::ApiError& error) {
  return json_response(static_cast<unsigned>(error.code), error.to_status());
}

ApiResponse text_response(unsigned status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(body);
  return response;
}

std::string header_value(const ApiRequest& request, const std::string& name) {
  auto it = request.headers.find(name);
  return it == request.headers.end() ? "" : it->second;
}

identity::ApiError forbidden(const std::string& qualified_resource, const std::string& name,
                             const std::string& reason) {
  identity::ApiError error;
  error.code = 403;
  error.reason = "Forbidden";
  error.message = qualified_resource + " \"" + name + "\" is forbidden: " + reason;
  error.name = name;
  auto dot = qualified_resource.find('.');
  error.kind = qualified_resource.substr(0, dot);
  if (dot != std::string::npos) error.group = qualified_resource.substr(dot + 1);
  return error;
}

}  // namespace ordinal::api
