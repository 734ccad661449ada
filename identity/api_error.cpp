#include "identity/api_error.hpp"

namespace ordinal::identity {
namespace {

ApiError make(int code, std::string reason, std::string message) {
  ApiError e;
  e.code = code;
  e.reason = std::move(reason);
  e.message = std::move(message);
  return e;
}

std::string qualified(const std::string& resource, const std::string& group) {
  return group.empty() ? resource : resource + "." + group;
}

}  // namespace

Json ApiError::to_status() const {
  Json status = {{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", Json::object()},
                 {"status", "Failure"}, {"message", message}, {"reason", reason},
                 {"code", code}};
  Json details = Json::object();
  if (!name.empty()) details["name"] = name;
  if (!group.empty()) details["group"] = group;
  if (!kind.empty()) details["kind"] = kind;
  if (!causes.empty()) {
    Json list = Json::array();
    for (const auto& c : causes)
      list.push_back({{"reason", c.reason}, {"message", c.message}, {"field", c.field}});
    details["causes"] = std::move(list);
  }
  if (!details.empty()) status["details"] = std::move(details);
  return status;
}

std::string ApiError::to_cli_line() const {
  return "Error from server (" + reason + "): " + message;
}

ApiError ApiError::from_status(int http_code, const std::string& body) {
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || j.value("kind", "") != "Status") {
    return make(http_code, http_code == 404 ? "NotFound" : "Unknown",
                body.empty() ? "the server returned HTTP " + std::to_string(http_code) : body);
  }
  ApiError e = make(j.value("code", http_code), j.value("reason", "Unknown"),
                    j.value("message", std::string()));
  if (const auto d = j.find("details"); d != j.end() && d->is_object()) {
    e.name = d->value("name", "");
    e.group = d->value("group", "");
    e.kind = d->value("kind", "");
    if (const auto cs = d->find("causes"); cs != d->end() && cs->is_array())
      for (const auto& c : *cs)
        e.causes.push_back({c.value("reason", ""), c.value("message", ""), c.value("field", "")});
  }
  return e;
}

ApiError not_found(const std::string& resource, const std::string& group, const std::string& name) {
  ApiError e = make(404, "NotFound", qualified(resource, group) + " \"" + name + "\" not found");
  e.kind = resource;
  e.group = group;
  e.name = name;
  return e;
}

ApiError already_exists(const std::string& resource, const std::string& group,
                        const std::string& name) {
  ApiError e =
      make(409, "AlreadyExists", qualified(resource, group) + " \"" + name + "\" already exists");
  e.kind = resource;
  e.group = group;
  e.name = name;
  return e;
}

ApiError conflict(const std::string& resource, const std::string& group, const std::string& name,
                  const std::string& detail) {
  ApiError e = make(409, "Conflict",
                    "Operation cannot be fulfilled on " + qualified(resource, group) + " \"" +
                        name + "\": " + detail);
  e.kind = resource;
  e.group = group;
  e.name = name;
  return e;
}

ApiError invalid(const std::string& kind, const std::string& group, const std::string& name,
                 std::vector<StatusCause> causes) {
  std::string message = qualified(kind, group) + " \"" + name + "\" is invalid: ";
  if (causes.size() > 1) message += "[";
  for (std::size_t i = 0; i < causes.size(); ++i) {
    if (i > 0) message += ", ";
    message +=
        causes[i].field.empty() ? causes[i].message : causes[i].field + ": " + causes[i].message;
  }
  if (causes.size() > 1) message += "]";
  ApiError e = make(422, "Invalid", message);
  e.kind = kind;
  e.group = group;
  e.name = name;
  e.causes = std::move(causes);
  return e;
}

ApiError bad_request(const std::string& message) {
  return make(400, "BadRequest", message);
}
ApiError gone(const std::string& message) {
  return make(410, "Expired", message);
}
ApiError method_not_allowed(const std::string& message) {
  return make(405, "MethodNotAllowed", message);
}
ApiError unsupported_media_type(const std::string& message) {
  return make(415, "UnsupportedMediaType", message);
}
ApiError internal_error(const std::string& message) {
  return make(500, "InternalError", message);
}
ApiError service_unavailable(const std::string& message) {
  return make(503, "ServiceUnavailable", message);
}

}  // namespace ordinal::identity
