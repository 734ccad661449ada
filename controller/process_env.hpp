#pragma once
// What a container of the process runtime is started with, computed as the kubelet computes it:
// the environment (`env` with `valueFrom.fieldRef`, then POD_NAME, POD_NAMESPACE, POD_IP and
// HOSTNAME) and the command line with `$(VAR)` references expanded. Pure functions of the pod,
// so they are tested without starting anything.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "identity/container.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

/// Environment entries in the order they were defined; a later entry of the same name wins.
using Environment = std::vector<std::pair<std::string, std::string>>;

/// Kubernetes' `$(VAR)` expansion (expansion.go): `$(NAME)` becomes NAME's value when NAME is
/// in `env`, and stays as written otherwise; `$$` is a literal `$`, so `$$(NAME)` is `$(NAME)`.
[[nodiscard]] std::string expand_references(const std::string& text, const Environment& env);

/// The value of a `fieldRef.fieldPath` for `pod`: metadata.name, metadata.namespace,
/// metadata.uid, spec.nodeName, spec.serviceAccountName, status.podIP, status.hostIP,
/// metadata.labels['KEY'] and metadata.annotations['KEY']. nullopt for any other path.
[[nodiscard]] std::optional<std::string> field_value(const identity::Pod& pod,
                                                     const std::string& field_path);

/// The container's environment: PATH (from `default_path`), the pod's identity (POD_NAME,
/// POD_NAMESPACE, POD_IP, HOSTNAME), then `env` in order, each value expanded against the
/// entries before it. Fails with a message naming the variable for a `valueFrom` the runtime
/// cannot resolve (secretKeyRef, configMapKeyRef, resourceFieldRef, an unknown field path).
struct EnvironmentResult {
  Environment env;
  std::string error;  ///< empty on success
};
[[nodiscard]] EnvironmentResult container_environment(const identity::Pod& pod,
                                                      const identity::Container& container,
                                                      const std::string& default_path);

/// The command line: `command` then `args`, each expanded against `env`. Empty when the
/// container has no `command` (the image's entrypoint means nothing to this runtime).
[[nodiscard]] std::vector<std::string> container_command_line(const identity::Container& container,
                                                              const Environment& env);

/// The value of `name` in `env` (the last definition), or nullopt.
[[nodiscard]] std::optional<std::string> env_lookup(const Environment& env,
                                                    const std::string& name);

}  // namespace ordinal::controller
