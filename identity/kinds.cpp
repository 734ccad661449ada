#include "identity/kinds.hpp"

#include <algorithm>
#include <cctype>

namespace ordinal::identity {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<KindInfo> make_kinds() {
  return {
      {"Namespace", "", "v1", "namespaces", "namespace", {"ns"}, false, {"status"}},
      {"Service", "", "v1", "services", "service", {"svc"}, true, {"status"}},
      {"Pod", "", "v1", "pods", "pod", {"po"}, true, {"status"}},
      {"PersistentVolumeClaim",
       "",
       "v1",
       "persistentvolumeclaims",
       "persistentvolumeclaim",
       {"pvc"},
       true,
       {"status"}},
      {"PersistentVolume",
       "",
       "v1",
       "persistentvolumes",
       "persistentvolume",
       {"pv"},
       false,
       {"status"}},
      {"Event", "", "v1", "events", "event", {"ev"}, true, {}},
      {"ConfigMap", "", "v1", "configmaps", "configmap", {"cm"}, true, {}},
      {"Secret", "", "v1", "secrets", "secret", {}, true, {}},
      {"StatefulSet",
       "apps",
       "v1",
       "statefulsets",
       "statefulset",
       {"sts"},
       true,
       {"status", "scale"}},
      {"ControllerRevision",
       "apps",
       "v1",
       "controllerrevisions",
       "controllerrevision",
       {},
       true,
       {}},
      {"StorageClass", "storage.k8s.io", "v1", "storageclasses", "storageclass", {"sc"}, false, {}},
      {"EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", "endpointslice", {}, true, {}},
      {"Ingress", "networking.k8s.io", "v1", "ingresses", "ingress", {"ing"}, true, {"status"}},
  };
}

}  // namespace

std::string KindInfo::api_version() const {
  return group.empty() ? version : group + "/" + version;
}

std::string KindInfo::qualified_resource() const {
  return group.empty() ? resource : resource + "." + group;
}

std::string KindInfo::qualified_singular() const {
  return group.empty() ? singular : singular + "." + group;
}

std::string KindInfo::qualified_kind() const {
  return group.empty() ? kind : kind + "." + group;
}

std::string KindInfo::collection_path(std::string_view ns) const {
  std::string path = group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
  if (namespaced && !ns.empty()) path += "/namespaces/" + std::string(ns);
  return path + "/" + resource;
}

const std::vector<KindInfo>& all_kinds() {
  static const std::vector<KindInfo> kinds = make_kinds();
  return kinds;
}

const KindInfo* find_kind(std::string_view kind) {
  for (const auto& k : all_kinds())
    if (k.kind == kind) return &k;
  return nullptr;
}

const KindInfo* find_resource(std::string_view name) {
  std::string wanted = lower(name);
  std::string group;
  if (auto dot = wanted.find('.'); dot != std::string::npos) {
    group = wanted.substr(dot + 1);
    wanted.resize(dot);
  }
  for (const auto& k : all_kinds()) {
    if (!group.empty() && k.group != group) continue;
    bool match =
        k.resource == wanted || k.singular == wanted || lower(k.kind) == wanted ||
        std::find(k.short_names.begin(), k.short_names.end(), wanted) != k.short_names.end();
    if (match) return &k;
  }
  return nullptr;
}

const KindInfo* find_by_path(std::string_view group, std::string_view version,
                             std::string_view resource) {
  for (const auto& k : all_kinds())
    if (k.group == group && k.version == version && k.resource == resource) return &k;
  return nullptr;
}

bool serves_group_version(std::string_view group, std::string_view version) {
  for (const auto& kind : all_kinds())
    if (kind.group == group && kind.version == version) return true;
  return false;
}

std::string_view api_group(std::string_view api_version) {
  const std::size_t slash = api_version.find('/');
  return slash == std::string_view::npos ? std::string_view() : api_version.substr(0, slash);
}

}  // namespace ordinal::identity
