#pragma once
// A StatefulSet pod's identity (name, namespace, identity labels; SS-3) and storage (its claim
// volumes; SS-4.3/4.4): building a new pod, checking an existing one and repairing it (SS-9).
// Pure free functions on the typed views of identity/; safe from any thread on distinct
// objects. Nothing here talks to the registry.
#include <cstdint>
#include <string>

#include "identity/json.hpp"
#include "identity/pod.hpp"
#include "identity/stateful_set.hpp"

namespace ordinal::controller {

/// SS-3.5: `pod` has an ordinal, its parent name is the set's name, its name is
/// `<set>-<ordinal>`, its namespace is the set's and its pod-name label equals its name.
/// Hostname, subdomain and the pod-index label are not checked (16.1).
[[nodiscard]] bool identity_matches(const identity::StatefulSet& set, const identity::Pod& pod);

/// SS-4.4: for every claim template `t` the pod has a volume named `t.name` whose
/// persistentVolumeClaim source names `<t.name>-<set>-<ordinal>`. False without an ordinal.
[[nodiscard]] bool storage_matches(const identity::StatefulSet& set, const identity::Pod& pod);

/// The pod of `ordinal` to create (SS-3.2–3.4, SS-4.3): template labels, annotations,
/// finalizers and spec; the identity labels plus `controller-revision-hash: <revision_name>`;
/// the set's controller reference; hostname `<pod name>`, subdomain `spec.serviceName` (absent
/// when empty); claim volumes per SS-4.3. No status, uid or resourceVersion. Requires
/// `ordinal >= 0` (a negative one would not parse back from the name).
[[nodiscard]] identity::Json new_pod(const identity::StatefulSet& set, std::int32_t ordinal,
                                     const std::string& revision_name);

/// Identity repair of SS-9.1 on a copy of a live pod: name and namespace re-derived from the
/// pod's ordinal, pod-name and pod-index labels reset. Hostname and subdomain are left alone
/// (SS-3.4, 16.1). A pod without an ordinal is left unchanged (the pass ignores it, SS-5.4).
void update_identity(const identity::StatefulSet& set, identity::Pod& pod);

/// Storage repair of SS-9.1 (the rewrite of SS-4.3): one volume per claim template, in template
/// order, naming its claim; then the pod's other volumes in their order. A pod volume named
/// like a template is replaced (SS-1.5). A pod without an ordinal is left unchanged.
void update_storage(const identity::StatefulSet& set, identity::Pod& pod);

}  // namespace ordinal::controller
