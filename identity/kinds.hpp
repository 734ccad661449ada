#pragma once
// The kinds ordinal serves: their API group, version, resource names and scope. One table, used
// by the manifest decoder (apiVersion check), the registry (keys), the API (paths, discovery)
// and the CLI (kubectl's resource names and short names).
#include <string>
#include <string_view>
#include <vector>

namespace ordinal::identity {

struct KindInfo {
  std::string kind;                      ///< "StatefulSet"
  std::string group;                     ///< "" for the core group, "apps", "storage.k8s.io", ...
  std::string version;                   ///< "v1"
  std::string resource;                  ///< plural, lower case: "statefulsets"
  std::string singular;                  ///< "statefulset"
  std::vector<std::string> short_names;  ///< "sts"
  bool namespaced = true;
  std::vector<std::string> subresources;  ///< "status", "scale"

  /// "apps/v1" or "v1".
  [[nodiscard]] std::string api_version() const;
  /// "statefulsets.apps" or "pods": how error messages name the resource.
  [[nodiscard]] std::string qualified_resource() const;
  /// "statefulset.apps" or "pod": how kubectl names an object in "statefulset.apps/web created".
  [[nodiscard]] std::string qualified_singular() const;
  /// "StatefulSet.apps" or "Pod": how Invalid messages name the kind.
  [[nodiscard]] std::string qualified_kind() const;
  /// The collection path, e.g. "/apis/apps/v1/namespaces/test/statefulsets" (ns ignored for
  /// cluster-scoped kinds; empty ns on a namespaced kind gives the all-namespaces path).
  [[nodiscard]] std::string collection_path(std::string_view ns) const;
};

/// Every served kind, in a stable order.
const std::vector<KindInfo>& all_kinds();
/// By Kind, e.g. "StatefulSet". nullptr when not served.
const KindInfo* find_kind(std::string_view kind);
/// By kubectl's names: plural, singular, short name or Kind, case-insensitive, optionally
/// qualified by group ("statefulsets.apps"). nullptr when unknown.
const KindInfo* find_resource(std::string_view name);
/// By API group and plural resource name, as in a request path.
const KindInfo* find_by_path(std::string_view group, std::string_view version,
                             std::string_view resource);
/// Whether some served kind has this API group and version.
bool serves_group_version(std::string_view group, std::string_view version);
/// The group of an apiVersion: "apps/v1" -> "apps"; "v1" -> "" (the core group).
std::string_view api_group(std::string_view api_version);

}  // namespace ordinal::identity
