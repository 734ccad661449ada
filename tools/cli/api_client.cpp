#include "tools/cli/api_client.hpp"

#include <cstdio>

namespace ordinal::cli {

std::string url_encode(const std::string& value) {
  std::string out;
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string object_path(const KindInfo& kind, const std::string& ns, const std::string& name) {
  std::string path = kind.collection_path(ns);
  return name.empty() ? path : path + "/" + url_encode(name);
}

Result<std::string> ApiClient::successful_body(const api::ApiRequest& request) {
  api::ApiResponse response = transport_.send(request);
  if (response.status >= 300)
    return ApiError::from_status(static_cast<int>(response.status), response.body);
  return std::move(response.body);
}

Result<Json> ApiClient::call(api::ApiRequest request) {
  auto text = successful_body(request);
  if (!text) return text.error();
  Json body = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded())
    return identity::internal_error("the server sent a response that is not JSON");
  return body;
}

Result<Json> ApiClient::get(const KindInfo& kind, const std::string& ns, const std::string& name) {
  return call({"GET", object_path(kind, ns, name), {}, {}});
}

Result<Json> ApiClient::list(const KindInfo& kind, const std::string& ns,
                             const std::string& selector) {
  std::string target = object_path(kind, ns, "");
  if (!selector.empty()) target += "?labelSelector=" + url_encode(selector);
  return call({"GET", target, {}, {}});
}

Result<ServerTable> ApiClient::list_table(const KindInfo& kind, const std::string& ns,
                                          const std::string& selector, bool with_metadata) {
  std::string target = object_path(kind, ns, "");
  target += with_metadata ? "?includeObject=Metadata" : "?includeObject=None";
  if (!selector.empty()) target += "&labelSelector=" + url_encode(selector);
  auto body = successful_body(
      {"GET", target, {{"accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}}, {}});
  if (!body) return body.error();
  return read_table(*body);
}

Result<Json> ApiClient::create(const KindInfo& kind, const std::string& ns, const Json& object) {
  return call({"POST",
               object_path(kind, ns, "") + "?fieldValidation=Strict",
               {{"content-type", "application/json"}},
               object.dump()});
}

Result<Json> ApiClient::patch(const KindInfo& kind, const std::string& ns, const std::string& name,
                              const Json& patch, const std::string& patch_type,
                              const std::string& subresource) {
  std::string content_type = patch_type == "json"        ? "application/json-patch+json"
                             : patch_type == "strategic" ? "application/strategic-merge-patch+json"
                                                         : "application/merge-patch+json";
  std::string target = object_path(kind, ns, name);
  if (!subresource.empty()) target += "/" + subresource;
  return call({"PATCH",
               target + "?fieldValidation=Strict",
               {{"content-type", content_type}},
               patch.dump()});
}

Result<Json> ApiClient::remove(const KindInfo& kind, const std::string& ns, const std::string& name,
                               const Json& delete_options) {
  return call({"DELETE",
               object_path(kind, ns, name),
               {{"content-type", "application/json"}},
               delete_options.dump()});
}

void ApiClient::watch(const KindInfo& kind, const std::string& ns, const std::string& selector,
                      const std::string& field_selector, const std::string& resource_version,
                      const std::function<bool(const Json& event)>& on_event) {
  std::string target = object_path(kind, ns, "") + "?watch=1&allowWatchBookmarks=true";
  if (!selector.empty()) target += "&labelSelector=" + url_encode(selector);
  if (!field_selector.empty()) target += "&fieldSelector=" + url_encode(field_selector);
  if (!resource_version.empty()) target += "&resourceVersion=" + url_encode(resource_version);
  transport_.stream({"GET", target, {}, {}}, [&](std::string_view line) {
    if (line.empty()) return true;
    Json event = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    return event.is_discarded() || on_event(event);
  });
}

}  // namespace ordinal::cli
