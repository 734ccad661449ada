#pragma once
// `apply` and `create` of one decoded manifest document: kubectl's client-side apply (the
// last-applied-configuration annotation and a three-way merge patch), shared by the CLI verbs
// and `serve -f`.
#include <string>

#include "identity/json.hpp"
#include "identity/manifest.hpp"
#include "tools/cli/api_client.hpp"

namespace ordinal::cli {

inline constexpr const char* kLastAppliedAnnotation =
    "kubectl.kubernetes.io/last-applied-configuration";

struct ApplyOutcome {
  bool ok = false;
  std::string line;  ///< stdout line on success ("statefulset.apps/web created"), else the
                     ///< stderr line
};

/// Where a document goes: its own namespace, else `ns`. When `ns_given` and the document names
/// another namespace, that is an error, as in kubectl. Cluster-scoped kinds get none.
struct NamespaceChoice {
  std::string ns;
  bool ns_given = false;
};

/// Creates the object, or patches the live one towards it. `create_only`: `ordinal create`.
ApplyOutcome apply_document(ApiClient& client, const identity::ManifestDocument& document,
                            const NamespaceChoice& choice, bool create_only);

/// The JSON merge patch that takes `live` to `modified`, deleting what `last_applied` had and
/// `modified` no longer has (kubectl's three-way merge for JSON merge patches). Empty object:
/// nothing to change.
identity::Json three_way_merge_patch(const identity::Json& last_applied,
                                     const identity::Json& modified, const identity::Json& live);

}  // namespace ordinal::cli
