// Aggregated discovery (apidiscovery.k8s.io/v2), converted from the plain APIResourceLists so
// the two forms cannot disagree, and the content negotiation between the forms.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "tools/api/api_response.hpp"
#include "tools/api/cached_document.hpp"
#include "tools/api/discovery.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

Json response_kind(const Json& entry, const std::string& group, const std::string& version) {
  return {{"group", entry.value("group", group)},
          {"version", entry.value("version", version)},
          {"kind", entry["kind"]}};
}

// One APIResource of the plain form as an APIResourceDiscovery.
Json resource_discovery(const Json& entry, const std::string& group, const std::string& version) {
  Json out = {{"resource", entry["name"]},
              {"responseKind", response_kind(entry, group, version)},
              {"scope", entry["namespaced"].get<bool>() ? "Namespaced" : "Cluster"},
              {"singularResource", entry["singularName"]},
              {"verbs", entry["verbs"]}};
  for (const char* key : {"shortNames", "categories"})
    if (entry.contains(key)) out[key] = entry[key];
  return out;
}

// The resources of one group-version: subresources (`statefulsets/scale`) nest under their
// resource instead of standing beside it.
Json version_discovery(const std::string& group, const std::string& version) {
  Json resources = Json::array();
  const Json list = api_resource_list(group, version);
  for (const auto& entry : list["resources"]) {
    const std::string name = entry["name"];
    const auto slash = name.find('/');
    if (slash == std::string::npos) {
      resources.push_back(resource_discovery(entry, group, version));
      continue;
    }
    for (auto& parent : resources) {
      if (parent["resource"] != name.substr(0, slash)) continue;
      parent["subresources"].push_back({{"subresource", name.substr(slash + 1)},
                                        {"responseKind", response_kind(entry, group, version)},
                                        {"verbs", entry["verbs"]}});
    }
  }
  return {{"version", version}, {"resources", std::move(resources)}, {"freshness", "Current"}};
}

Json group_discovery(const std::string& group, const Json& versions) {
  Json metadata = Json::object();
  if (!group.empty()) metadata["name"] = group;
  Json listed = Json::array();
  for (const auto& version : versions) listed.push_back(version_discovery(group, version));
  return {{"metadata", std::move(metadata)}, {"versions", std::move(listed)}};
}

std::string lower_trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct MediaRange {
  std::string type;                           ///< "application/json", lower case
  std::map<std::string, std::string> params;  ///< names lower case, values as sent
};

MediaRange parse_media_range(std::string_view text) {
  MediaRange range;
  auto semicolon = text.find(';');
  range.type = lower_trimmed(text.substr(0, semicolon));
  while (semicolon != std::string_view::npos) {
    text.remove_prefix(semicolon + 1);
    semicolon = text.find(';');
    std::string_view param = text.substr(0, semicolon);
    const auto equals = param.find('=');
    if (equals == std::string_view::npos) continue;
    range.params[lower_trimmed(param.substr(0, equals))] = lower_trimmed(param.substr(equals + 1));
  }
  return range;
}

bool is_aggregated(const MediaRange& range) {
  auto param = [&](const char* name) {
    auto it = range.params.find(name);
    return it == range.params.end() ? std::string() : it->second;
  };
  return param("g") == "apidiscovery.k8s.io" && param("v") == "v2" &&
         param("as") == "apigroupdiscoverylist";
}

const CachedDocument& aggregated_document(bool core) {
  static const CachedDocument core_document =
      make_cached_document(aggregated_discovery(true), std::string(kAggregatedDiscoveryType));
  static const CachedDocument groups_document =
      make_cached_document(aggregated_discovery(false), std::string(kAggregatedDiscoveryType));
  return core ? core_document : groups_document;
}

}  // namespace

Json aggregated_discovery(bool core) {
  Json items = Json::array();
  if (core) {
    items.push_back(group_discovery("", Json::array({"v1"})));
  } else {
    const Json groups = api_group_list();
    for (const auto& group : groups["groups"]) {
      Json versions = Json::array();
      for (const auto& version : group["versions"]) versions.push_back(version["version"]);
      items.push_back(group_discovery(group["name"], versions));
    }
  }
  return {{"kind", "APIGroupDiscoveryList"},
          {"apiVersion", "apidiscovery.k8s.io/v2"},
          {"metadata", Json::object()},
          {"items", std::move(items)}};
}

bool accepts_aggregated_discovery(std::string_view accept) {
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    const MediaRange range = parse_media_range(accept.substr(0, comma));
    if (range.type == "application/json") {
      if (!range.params.contains("as")) return false;  // plain JSON comes first
      if (is_aggregated(range)) return true;
    } else if (range.type == "*/*" || range.type == "application/*") {
      return false;
    }
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return false;
}

ApiResponse discovery_response(const ApiRequest& request, const Route& route) {
  if (request.method != "GET")
    return error_response(identity::method_not_allowed(
        "the server does not allow this method on the requested resource"));
  const bool core = route.type == Route::Type::ApiVersions;
  if (core || route.type == Route::Type::ApiGroupList) {
    if (accepts_aggregated_discovery(header_value(request, "accept")))
      return cached_response(request, aggregated_document(core), /*vary_accept=*/true);
    ApiResponse plain =
        json_response(200, core ? api_versions(header_value(request, "host")) : api_group_list());
    plain.headers.emplace_back("Vary", "Accept");
    return plain;
  }
  switch (route.type) {
    case Route::Type::ApiGroup:
      return json_response(200, api_group(route.group));
    case Route::Type::ResourceList:
      return json_response(200, api_resource_list(route.group, route.version));
    case Route::Type::Version:
      return json_response(200, version_info());
    default:
      break;
  }
  identity::ApiError error;
  error.code = 404;
  error.reason = "NotFound";
  error.message = "the server could not find the requested resource";
  return error_response(error);
}

}  // namespace ordinal::api
