#include "tools/api/api_handler.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>

#include "tools/api/api_response.hpp"
#include "tools/api/cluster_ip.hpp"
#include "tools/api/discovery.hpp"
#include "tools/api/openapi.hpp"
#include "tools/api/pod_log.hpp"
#include "tools/api/resource_handlers.hpp"

namespace ordinal::api {
namespace {

identity::ApiError path_not_found() {
  identity::ApiError error;
  error.code = 404;
  error.reason = "NotFound";
  error.message = "the server could not find the requested resource";
  return error;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Kubernetes' verb of a request, as kube-apiserver's metrics label it.
std::string verb_of(const std::string& method, const RequestTarget& target, const Route& route) {
  if (route.type != Route::Type::Resource) return lower(method);
  const bool collection = route.name.empty();
  if (method == "GET") return is_watch(target, route) ? "watch" : collection ? "list" : "get";
  if (method == "POST") return "create";
  if (method == "PUT") return "update";
  if (method == "PATCH") return "patch";
  if (method == "DELETE") return collection ? "deletecollection" : "delete";
  return lower(method);
}

bool has_subresource(const identity::KindInfo& kind, const std::string& name) {
  return std::find(kind.subresources.begin(), kind.subresources.end(), name) !=
         kind.subresources.end();
}

ApiResponse not_allowed(const std::string& method, const Route& route) {
  return error_response(identity::method_not_allowed(
      "the server does not allow this method on the requested resource (" + method + " " +
      route.kind->resource + ")"));
}

ApiResponse dispatch_resource(ResourceHandlers& handlers, const ResourceCall& call) {
  const std::string& method = call.http.method;
  const Route& route = call.route;
  if (!route.subresource.empty()) {
    if (!has_subresource(*route.kind, route.subresource)) return error_response(path_not_found());
    if (method != "GET" && method != "PUT" && method != "PATCH") return not_allowed(method, route);
    return route.subresource == "scale" ? handlers.scale(call) : handlers.status(call);
  }
  if (route.name.empty()) {
    if (method == "GET") return handlers.list(call);
    if (method == "POST" && (!route.kind->namespaced || !route.ns.empty()))
      return handlers.create(call);
    if (method == "DELETE") return handlers.remove_collection(call);
    return not_allowed(method, route);
  }
  if (method == "GET") return handlers.get(call);
  if (method == "PUT") return handlers.replace(call);
  if (method == "PATCH") return handlers.patch(call);
  if (method == "DELETE") return handlers.remove(call);
  return not_allowed(method, route);
}

// Discovery and OpenAPI documents: read-only.
ApiResponse document(const ApiRequest& request, const Route& route) {
  switch (route.type) {
    case Route::Type::ApiVersions:
    case Route::Type::ApiGroupList:
    case Route::Type::ApiGroup:
    case Route::Type::ResourceList:
    case Route::Type::Version:
      return discovery_response(request, route);
    case Route::Type::OpenApiIndex:
    case Route::Type::OpenApiGroupVersion:
      return openapi_response(request, route);
    default:
      return error_response(path_not_found());
  }
}

// GET /apis/ordinal.dev/v1/zone[?reverse=true]: the served zone as text. Not a kind of the
// registry, so resource routing does not know it; it is matched before routing.
bool is_zone_path(const RequestTarget& target) {
  return target.segments.size() == 4 && target.segments[0] == "apis" &&
         target.segments[1] == "ordinal.dev" && target.segments[2] == "v1" &&
         target.segments[3] == "zone";
}

ApiResponse zone_export(const ApiRequest& request, const RequestTarget& target,
                        const ApiOptions& options) {
  if (request.method != "GET")
    return error_response(identity::method_not_allowed(
        "the server does not allow this method on the requested resource (" + request.method +
        " zone)"));
  if (!options.zone_text) {
    identity::ApiError error = path_not_found();
    error.message = "zone export is not available";
    return error_response(error);
  }
  ApiResponse response = text_response(200, options.zone_text(target.flag("reverse")));
  response.content_type = "text/plain; charset=utf-8";
  return response;
}

}  // namespace

struct ApiHandler::State {
  ApiMetrics metrics;
  std::atomic<bool> default_ready{false};
};

ApiHandler::ApiHandler(identity::Registry& registry, ApiOptions options)
    : registry_(registry), options_(options), state_(std::make_unique<State>()) {
  (void)ServiceCidr::parse(options_.service_cidr);  // a bad range fails at start, not per write
}

ApiHandler::~ApiHandler() = default;

ApiMetrics& ApiHandler::metrics() {
  return state_->metrics;
}

void ApiHandler::ensure_default_namespace() {
  if (state_->default_ready.load()) return;
  ResourceHandlers handlers(registry_, options_);
  // Failures are retried on the next request; the request itself goes on.
  if (!handlers.ensure_namespace("default", /*create_missing=*/true))
    state_->default_ready.store(true);
}

bool ApiHandler::is_watch_request(const ApiRequest& request) {
  RequestTarget target = parse_target(request.target);
  return request.method == "GET" && is_watch(target, route_target(target));
}

ApiResponse ApiHandler::handle(const ApiRequest& request) {
  RequestTarget target = parse_target(request.target);
  Route route = route_target(target);
  ApiResponse response;
  try {
    response = dispatch(request, target, route);
    const bool write = request.method == "POST" || request.method == "PUT" ||
                       request.method == "PATCH" || request.method == "DELETE";
    if (write && response.status < 300 && options_.settle_writes) options_.settle_writes();
  } catch (const std::exception& e) {
    response = error_response(identity::internal_error(e.what()));
  }
  state_->metrics.record(verb_of(request.method, target, route), response.status);
  return response;
}

std::variant<ApiResponse, WatchPlan> ApiHandler::open_watch(const ApiRequest& request) {
  RequestTarget target = parse_target(request.target);
  Route route = route_target(target);
  std::variant<ApiResponse, WatchPlan> result =
      error_response(identity::bad_request("not a watch request"));
  try {
    ensure_default_namespace();
    if (is_watch(target, route) && request.method == "GET")
      result = ordinal::api::open_watch(registry_, target, route);
  } catch (const std::exception& e) {
    result = error_response(identity::internal_error(e.what()));
  }
  auto* failed = std::get_if<ApiResponse>(&result);
  state_->metrics.record("watch", failed ? failed->status : 200);
  return result;
}

ApiResponse ApiHandler::dispatch(const ApiRequest& request, const RequestTarget& target,
                                 const Route& route) {
  ensure_default_namespace();
  if (is_zone_path(target)) return zone_export(request, target, options_);
  if (is_pod_log_path(target)) return pod_log_response(registry_, request, target, options_);
  switch (route.type) {
    case Route::Type::NotFound:
      return error_response(path_not_found());
    case Route::Type::Health:
      return text_response(200, "ok");
    case Route::Type::Metrics: {
      ApiResponse response = text_response(200, state_->metrics.render(registry_));
      response.content_type = "text/plain; version=0.0.4; charset=utf-8";
      return response;
    }
    case Route::Type::Resource:
      break;
    default:
      return document(request, route);
  }
  if (is_watch(target, route))
    return error_response(identity::bad_request("watch requests are served as streams"));
  ResourceHandlers handlers(registry_, options_);
  return dispatch_resource(handlers, {request, target, route});
}

}  // namespace ordinal::api
