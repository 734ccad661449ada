#pragma once
// Errors of the control plane, shaped as Kubernetes `Status` objects so the API edge can send
// them unchanged and kubectl prints them as it would for a real API server.
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity {

/// One field-level cause of an Invalid (422) or BadRequest error.
struct StatusCause {
  std::string reason;   ///< FieldValueRequired, FieldValueInvalid, FieldValueNotSupported,
                        ///< FieldValueForbidden, FieldValueDuplicate, FieldValueTypeInvalid,
                        ///< FieldValueUnknown
  std::string message;  ///< e.g. "Required value" or "Invalid value: -1: must be >= 0"
  std::string field;    ///< field path, e.g. "spec.template.spec.containers[0].image"
};

/// A failed API operation. `code` is the HTTP status; `reason` is Kubernetes's StatusReason.
struct ApiError {
  int code = 500;
  std::string reason = "InternalError";
  std::string message;
  std::string kind;   ///< details.kind: the resource (plural, lower case), e.g. "pods"
  std::string group;  ///< details.group: "" for core, "apps", ...
  std::string name;   ///< details.name
  std::vector<StatusCause> causes;

  /// The `Status` object (kind Status, apiVersion v1, status Failure).
  [[nodiscard]] Json to_status() const;
  /// kubectl's one-line rendering: `Error from server (NotFound): pods "web-9" not found`.
  [[nodiscard]] std::string to_cli_line() const;
  /// Parses a Status object (as received by a client); falls back to code + raw text.
  static ApiError from_status(int http_code, const std::string& body);
};

// Constructors for the errors kubectl knows. `resource` is the plural resource name and
// `group` its API group ("" for core): the message reads `statefulsets.apps "web" not found`.
ApiError not_found(const std::string& resource, const std::string& group, const std::string& name);
ApiError already_exists(const std::string& resource, const std::string& group,
                        const std::string& name);
ApiError conflict(const std::string& resource, const std::string& group, const std::string& name,
                  const std::string& detail =
                      "the object has been modified; please apply your "
                      "changes to the latest version and try again");
/// 422 Invalid: `StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: -1: ...`.
/// `kind` is the Kind (StatefulSet), `group` its group.
ApiError invalid(const std::string& kind, const std::string& group, const std::string& name,
                 std::vector<StatusCause> causes);
ApiError bad_request(const std::string& message);
ApiError gone(const std::string& message);
ApiError method_not_allowed(const std::string& message);
ApiError unsupported_media_type(const std::string& message);
ApiError internal_error(const std::string& message);
ApiError service_unavailable(const std::string& message);

/// Either a value or an ApiError. Minimal stand-in for std::expected (C++23).
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(ApiError error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  [[nodiscard]] const ApiError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, ApiError> v_;
};

}  // namespace ordinal::identity
