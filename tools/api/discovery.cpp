#include "tools/api/discovery.hpp"

#include <set>
#include <vector>

#include "identity/kinds.hpp"

namespace ordinal::api {
namespace {

using identity::Json;
using identity::KindInfo;

Json group_version(const std::string& group, const std::string& version) {
  return {{"groupVersion", group + "/" + version}, {"version", version}};
}

// `kubectl get all` expands the "all" category.
bool in_category_all(const KindInfo& kind) {
  return kind.kind == "Pod" || kind.kind == "Service" || kind.kind == "StatefulSet";
}

Json resource_entry(const KindInfo& kind) {
  Json entry = {
      {"name", kind.resource},
      {"singularName", kind.singular},
      {"namespaced", kind.namespaced},
      {"kind", kind.kind},
      {"verbs",
       {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}}};
  if (!kind.short_names.empty()) entry["shortNames"] = kind.short_names;
  if (in_category_all(kind)) entry["categories"] = {"all"};
  return entry;
}

Json subresource_entry(const KindInfo& kind, const std::string& subresource) {
  Json entry = {{"name", kind.resource + "/" + subresource},
                {"singularName", ""},
                {"namespaced", kind.namespaced},
                {"kind", kind.kind},
                {"verbs", {"get", "patch", "update"}}};
  if (subresource == "scale") {
    entry["group"] = "autoscaling";
    entry["version"] = "v1";
    entry["kind"] = "Scale";
  }
  return entry;
}

}  // namespace

Json api_versions(const std::string& host) {
  Json doc = {{"kind", "APIVersions"}, {"versions", {"v1"}}};
  Json addresses = Json::array();
  if (!host.empty()) addresses.push_back({{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", host}});
  doc["serverAddressByClientCIDRs"] = std::move(addresses);
  return doc;
}

Json api_group(const std::string& group) {
  Json version = group_version(group, "v1");
  return {{"kind", "APIGroup"},
          {"apiVersion", "v1"},
          {"name", group},
          {"versions", Json::array({version})},
          {"preferredVersion", version}};
}

Json api_group_list() {
  std::vector<std::string> groups;
  std::set<std::string> seen;
  for (const auto& kind : identity::all_kinds())
    if (!kind.group.empty() && seen.insert(kind.group).second) groups.push_back(kind.group);
  Json list = Json::array();
  for (const auto& group : groups) {
    Json entry = api_group(group);
    entry.erase("kind");
    entry.erase("apiVersion");
    list.push_back(std::move(entry));
  }
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", std::move(list)}};
}

Json api_resource_list(const std::string& group, const std::string& version) {
  Json resources = Json::array();
  for (const auto& kind : identity::all_kinds()) {
    if (kind.group != group || kind.version != version) continue;
    resources.push_back(resource_entry(kind));
    for (const auto& sub : kind.subresources) resources.push_back(subresource_entry(kind, sub));
  }
  return {{"kind", "APIResourceList"},
          {"apiVersion", "v1"},
          {"groupVersion", group.empty() ? version : group + "/" + version},
          {"resources", std::move(resources)}};
}

Json version_info() {
  return {{"major", "1"},
          {"minor", "32"},
          {"gitVersion", "v1.32.0"},
          {"gitCommit", ""},
          {"gitTreeState", "clean"},
          {"buildDate", ""},
          {"goVersion", "go1.23.3"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

}  // namespace ordinal::api
