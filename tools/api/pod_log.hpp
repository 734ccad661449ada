#pragma once
// GET /api/v1/namespaces/NS/pods/NAME/log: a container's output as the process runtime keeps it
// (`<pods root>/<ns>_<pod>_<uid>/<container>/<restart>.log`), with kubectl's query parameters
// `container`, `previous` and `tailLines`. `follow` is accepted and answers what is there now;
// `ordinal logs -f` polls. Not a kind of the registry, so it is matched before routing.
//
// Thread-safety: a pure function of the registry and the files; any thread.
#include "identity/registry.hpp"
#include "tools/api/api_types.hpp"
#include "tools/api/request_target.hpp"

namespace ordinal::api {

/// Whether `target` is a pod's log path.
[[nodiscard]] bool is_pod_log_path(const RequestTarget& target);

/// The log, as text/plain; or a Status: 404 for a missing pod (or when `options.pod_logs_root`
/// is empty: no runtime keeps logs), 400 naming the choice for an ambiguous or unknown container
/// or a run that has no log (not started yet, no previous run), 405 for a method but GET.
[[nodiscard]] ApiResponse pod_log_response(const identity::Registry& registry,
                                           const ApiRequest& request, const RequestTarget& target,
                                           const ApiOptions& options);

}  // namespace ordinal::api
