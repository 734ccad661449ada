#pragma once
// The handlers of resource paths (collections, objects, /status and /scale), each a function
// of (registry, request) -> response. Errors come back as Status responses, never as throws.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "identity/registry.hpp"
#include "tools/api/admission.hpp"
#include "tools/api/api_types.hpp"
#include "tools/api/request_target.hpp"
#include "tools/api/resource_route.hpp"

namespace ordinal::api {

/// One request to a resource path, already parsed and routed (route.type == Resource).
struct ResourceCall {
  const ApiRequest& http;
  const RequestTarget& target;
  const Route& route;
};

class ResourceHandlers {
 public:
  /// Both references must outlive the handlers.
  ResourceHandlers(identity::Registry& registry, const ApiOptions& options)
      : registry_(registry), options_(options) {}

  ApiResponse get(const ResourceCall& call);
  /// Lists with labelSelector and fieldSelector; limit/continue are ignored (all items).
  ApiResponse list(const ResourceCall& call);
  ApiResponse create(const ResourceCall& call);
  /// PUT. A missing object is 404 (no create-on-update).
  ApiResponse replace(const ResourceCall& call);
  /// PATCH with merge, JSON or strategic merge patch; retried on conflicts it did not ask for.
  ApiResponse patch(const ResourceCall& call);
  /// DELETE of one object; deleting a Namespace first deletes everything in it.
  ApiResponse remove(const ResourceCall& call);
  /// DELETE of a collection (deletecollection), honouring labelSelector and fieldSelector.
  ApiResponse remove_collection(const ResourceCall& call);
  /// GET, PUT, PATCH on `/status`.
  ApiResponse status(const ResourceCall& call);
  /// GET, PUT, PATCH on `/scale` (autoscaling/v1 Scale of a StatefulSet).
  ApiResponse scale(const ResourceCall& call);

  /// Makes sure Namespace `ns` exists: creates it (phase Active) when `create_missing`, else a
  /// missing one is 404 NotFound `namespaces "ns" not found`.
  std::optional<identity::ApiError> ensure_namespace(const std::string& ns, bool create_missing);

 private:
  /// A response, and whether it is a conflict worth retrying with a fresh read.
  using Attempt = std::pair<ApiResponse, bool>;
  Attempt status_once(const ResourceCall& call);
  Attempt scale_once(const ResourceCall& call);
  /// The objects of the routed collection (every namespace when the route names none) that
  /// `?labelSelector=` and `?fieldSelector=` select, with the registry's version at the read;
  /// 400 BadRequest when either selector does not parse.
  identity::Result<identity::ListResult> select_collection(const ResourceCall& call);
  /// Admits `object` as the replacement of `stored` and writes it (unless dryRun=All).
  identity::Result<Admitted> update_object(const ResourceCall& call, identity::Json object,
                                           const identity::Json& stored,
                                           std::vector<std::string> duplicates,
                                           identity::UpdateScope scope);
  /// Deletes every object in namespace `ns` (kinds in kinds.hpp order).
  void delete_namespace_contents(const std::string& ns);

  identity::Registry& registry_;
  const ApiOptions& options_;
};

// Helpers shared by the handler files.

/// The registry key of the routed object (namespace dropped for cluster-scoped kinds).
identity::ObjectKey key_of(const Route& route);
/// `?dryRun=All`.
bool is_dry_run(const RequestTarget& target);
/// The object with kind and apiVersion set (stored objects carry them; this guards lists).
identity::Json typed(const identity::Json& object, const identity::KindInfo& kind);
/// typed(object, kind) as compact JSON appended to `out`; copies the object only when it
/// lacks kind or apiVersion (stored objects have both).
void append_typed(std::string& out, const identity::Json& object, const identity::KindInfo& kind);
/// A JSON response of `object` with `Warning: 299 - "..."` headers for `warnings`.
ApiResponse object_response(unsigned status, const identity::Json& object,
                            const std::vector<std::string>& warnings = {});
/// A registry error with NotFound messages normalised to kubectl's wording for the route.
identity::ApiError route_error(const identity::ApiError& error, const Route& route);

}  // namespace ordinal::api
