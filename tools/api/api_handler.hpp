#pragma once
// The Kubernetes-shaped REST API as a pure function of (registry state, request) -> response.
// Thread-safe: may be called from any number of threads at once.
#include <memory>
#include <variant>

#include "identity/registry.hpp"
#include "tools/api/api_metrics.hpp"
#include "tools/api/api_types.hpp"
#include "tools/api/watch_request.hpp"

namespace ordinal::api {

class ApiHandler {
 public:
  /// `registry` must outlive the handler.
  /// Throws std::invalid_argument when `options.service_cidr` is not a usable IPv4 range.
  ApiHandler(identity::Registry& registry, ApiOptions options);
  ~ApiHandler();

  /// Answers every request except watches (`?watch=1`/`true`), which the server streams: for
  /// those, handle() returns 400. Never throws; errors are Status objects.
  ApiResponse handle(const ApiRequest& request);

  /// True when `request` is a watch, to be served with open_watch() instead of handle().
  [[nodiscard]] static bool is_watch_request(const ApiRequest& request);
  /// Starts the watch `request` asks for: the plan to stream, or the error to answer with.
  /// Counted in metrics as verb "watch". Never throws.
  std::variant<ApiResponse, WatchPlan> open_watch(const ApiRequest& request);

  [[nodiscard]] identity::Registry& registry() { return registry_; }
  [[nodiscard]] const ApiOptions& options() const { return options_; }
  /// Request counters and open watch streams (the server reports streams it serves).
  [[nodiscard]] ApiMetrics& metrics();

 private:
  struct State;
  ApiResponse dispatch(const ApiRequest& request, const RequestTarget& target, const Route& route);
  void ensure_default_namespace();

  identity::Registry& registry_;
  ApiOptions options_;
  std::unique_ptr<State> state_;
};

}  // namespace ordinal::api
