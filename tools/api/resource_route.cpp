#include "tools/api/resource_route.hpp"

#include <span>

namespace ordinal::api {
namespace {

using Segments = std::span<const std::string>;

Route not_found() {
  return {};
}

Route simple(Route::Type type, std::string group = "", std::string version = "") {
  Route route;
  route.type = type;
  route.group = std::move(group);
  route.version = std::move(version);
  return route;
}

// The part after the group/version prefix: [watch/][namespaces/{ns}/]{resource}[/{name}[/{sub}]].
Route route_resource(const std::string& group, const std::string& version, Segments rest) {
  Route route;
  route.type = Route::Type::Resource;
  if (!rest.empty() && rest[0] == "watch") {
    route.legacy_watch = true;
    rest = rest.subspan(1);
  }
  if (rest.empty()) return not_found();
  // `namespaces/{ns}/{resource}...` addresses a namespaced kind; anything else under
  // `namespaces` (`namespaces/{name}/status`) is the Namespace kind itself.
  const identity::KindInfo* nested = rest.size() >= 3 && rest[0] == "namespaces"
                                         ? identity::find_by_path(group, version, rest[2])
                                         : nullptr;
  if (nested != nullptr && nested->namespaced) {
    route.ns = rest[1];
    rest = rest.subspan(2);
    route.kind = nested;
  } else {
    route.kind = identity::find_by_path(group, version, rest[0]);
    if (route.kind == nullptr) return not_found();
    // A namespaced kind without a namespace segment is only a collection (all namespaces).
    if (route.kind->namespaced && rest.size() > 1) return not_found();
  }
  if (rest.size() > 3) return not_found();
  if (rest.size() >= 2) route.name = rest[1];
  if (rest.size() == 3) route.subresource = rest[2];
  return route;
}

// /openapi/v3, /openapi/v3/api/v1, /openapi/v3/apis/{group}/{version}
Route route_openapi(Segments s) {
  if (s.size() < 2 || s[1] != "v3") return not_found();
  if (s.size() == 2) return simple(Route::Type::OpenApiIndex);
  if (s.size() == 4 && s[2] == "api" && identity::serves_group_version("", s[3]))
    return simple(Route::Type::OpenApiGroupVersion, "", s[3]);
  if (s.size() == 5 && s[2] == "apis" && identity::serves_group_version(s[3], s[4]))
    return simple(Route::Type::OpenApiGroupVersion, s[3], s[4]);
  return not_found();
}

Route route_non_resource(Segments s) {
  if (s[0] == "openapi") return route_openapi(s);
  Route route;
  const std::string& first = s[0];
  if (s.size() == 1 && first == "version") route.type = Route::Type::Version;
  if (first == "healthz" || first == "readyz" || first == "livez") route.type = Route::Type::Health;
  if (s.size() == 1 && first == "metrics") route.type = Route::Type::Metrics;
  return route;
}

}  // namespace

Route route_target(const RequestTarget& target) {
  Segments s(target.segments);
  if (s.empty()) return not_found();
  if (s[0] == "api") {
    if (s.size() == 1) return simple(Route::Type::ApiVersions);
    if (s[1] != "v1") return not_found();
    if (s.size() == 2) return simple(Route::Type::ResourceList, "", "v1");
    return route_resource("", "v1", s.subspan(2));
  }
  if (s[0] == "apis") {
    if (s.size() == 1) return simple(Route::Type::ApiGroupList);
    bool served = false;
    for (const auto& k : identity::all_kinds()) served = served || (k.group == s[1]);
    if (!served) return not_found();
    if (s.size() == 2) return simple(Route::Type::ApiGroup, s[1]);
    if (s[2] != "v1") return not_found();
    if (s.size() == 3) return simple(Route::Type::ResourceList, s[1], s[2]);
    return route_resource(s[1], s[2], s.subspan(3));
  }
  return route_non_resource(s);
}

}  // namespace ordinal::api
