#include "tools/api/patch.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace ordinal::api {
namespace {

using identity::Json;

std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

// nlohmann's messages start with "[json.exception.out_of_range.403] "; clients want the rest.
std::string without_exception_tag(const std::string& what) {
  if (what.rfind("[json.exception.", 0) == 0)
    if (auto close = what.find("] "); close != std::string::npos) return what.substr(close + 2);
  return what;
}

identity::ApiError patch_not_applicable(const std::string& detail) {
  identity::ApiError error;
  error.code = 422;
  error.reason = "Invalid";
  error.message = "the server rejected our request due to an error in our request: " + detail;
  return error;
}

// RFC 6902: the location an operation writes to or removes from must be a member of an object
// or an element of an array that exists. nlohmann's patch asserts (debug builds) or does nothing
// (release builds) when that parent is a scalar, so the parent is checked here first.
std::optional<identity::ApiError> target_parent_missing(const Json& operation,
                                                        const Json& document) {
  static const std::array<std::string_view, 5> writes = {"add", "remove", "replace", "move",
                                                         "copy"};
  if (!operation.is_object()) return std::nullopt;
  const auto op = operation.find("op");
  const auto path = operation.find("path");
  if (op == operation.end() || !op->is_string() || path == operation.end() || !path->is_string())
    return std::nullopt;  // nlohmann names what is missing
  const auto& name = op->get_ref<const std::string&>();
  if (std::find(writes.begin(), writes.end(), name) == writes.end()) return std::nullopt;
  const auto& where = path->get_ref<const std::string&>();
  const Json::json_pointer pointer(where);
  if (pointer.empty()) return std::nullopt;
  const Json::json_pointer parent = pointer.parent_pointer();
  if (!document.contains(parent)) return std::nullopt;  // nlohmann reports the missing parent
  const Json& container = document.at(parent);
  if (container.is_object() || container.is_array()) return std::nullopt;
  return patch_not_applicable(name + " operation does not apply: doc is missing path: \"" + where +
                              "\"");
}

identity::Result<Json> apply_json_patch(const Json& patch, const Json& original) {
  if (!patch.is_array())
    return identity::bad_request("json patch must be an array of operations, got " +
                                 std::string(patch.type_name()));
  // One operation at a time on a copy, so that each is checked against the document the
  // operations before it made; the original stays as it was when any fails.
  Json result = original;
  try {
    for (const auto& operation : patch) {
      if (auto missing = target_parent_missing(operation, result)) return *missing;
      result.patch_inplace(Json::array({operation}));
    }
  } catch (const Json::exception& e) {
    return patch_not_applicable(without_exception_tag(e.what()));
  }
  return result;
}

}  // namespace

identity::Result<Json> apply_patch(const std::string& content_type, const std::string& patch_body,
                                   const Json& original, const std::string& kind) {
  const std::string type = media_type(content_type);
  const bool json_patch = type == "application/json-patch+json";
  const bool merge_patch = type == "application/merge-patch+json";
  const bool strategic = type == "application/strategic-merge-patch+json";
  if (!json_patch && !merge_patch && !strategic) {
    return identity::unsupported_media_type(
        "the body of the request was in an unknown format - accepted media types include: "
        "application/json-patch+json, application/merge-patch+json, "
        "application/strategic-merge-patch+json");
  }
  Json patch = Json::parse(patch_body, nullptr, /*allow_exceptions=*/false);
  if (patch.is_discarded())
    return identity::bad_request("error decoding patch: invalid JSON in the request body");
  if (json_patch) return apply_json_patch(patch, original);
  if (!patch.is_object())
    return identity::bad_request("error decoding patch: the patch must be a JSON object");
  if (strategic) return strategic_merge(original, patch, kind);
  Json result = original;
  result.merge_patch(patch);
  return result;
}

}  // namespace ordinal::api
