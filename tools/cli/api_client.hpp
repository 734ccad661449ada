#pragma once
// Typed calls on the REST API for the client verbs: builds Kubernetes paths from kinds.hpp,
// turns Status bodies into ApiErrors. Not thread-safe (one per command).
#include <optional>
#include <string>

#include "identity/api_error.hpp"
#include "identity/json.hpp"
#include "identity/kinds.hpp"
#include "tools/cli/table_reader.hpp"
#include "tools/cli/transport.hpp"

namespace ordinal::cli {

using identity::ApiError;
using identity::Json;
using identity::KindInfo;
using identity::Result;

class ApiClient {
 public:
  explicit ApiClient(Transport& transport) : transport_(transport) {}

  /// `ns` is ignored for cluster-scoped kinds; "" with a namespaced kind lists all namespaces.
  Result<Json> get(const KindInfo& kind, const std::string& ns, const std::string& name);
  Result<Json> list(const KindInfo& kind, const std::string& ns, const std::string& selector);
  /// The list printed by the server (a meta.k8s.io Table, as kubectl asks for it); each row
  /// carries its object's metadata only when `with_metadata` (kubectl's default), which costs
  /// about five times the text.
  Result<ServerTable> list_table(const KindInfo& kind, const std::string& ns,
                                 const std::string& selector, bool with_metadata);
  Result<Json> create(const KindInfo& kind, const std::string& ns, const Json& object);
  /// `patch_type`: "merge" (application/merge-patch+json), "strategic" or "json".
  Result<Json> patch(const KindInfo& kind, const std::string& ns, const std::string& name,
                     const Json& patch, const std::string& patch_type = "merge",
                     const std::string& subresource = "");
  Result<Json> remove(const KindInfo& kind, const std::string& ns, const std::string& name,
                      const Json& delete_options);
  /// Streams watch events (`{"type","object"}`) of a list until `on_event` returns false.
  void watch(const KindInfo& kind, const std::string& ns, const std::string& selector,
             const std::string& field_selector, const std::string& resource_version,
             const std::function<bool(const Json& event)>& on_event);

  /// Sends any request; a 2xx JSON body is the result, anything else the server's Status.
  Result<Json> call(api::ApiRequest request);

  [[nodiscard]] Transport& transport() { return transport_; }

 private:
  /// The body of a 2xx response; any other status is the server's Status as an ApiError.
  Result<std::string> successful_body(const api::ApiRequest& request);

  Transport& transport_;
};

/// Percent-encodes a query parameter value.
std::string url_encode(const std::string& value);
/// "/api/v1/namespaces/test/pods/web-0" (name "" gives the collection).
std::string object_path(const KindInfo& kind, const std::string& ns, const std::string& name);

}  // namespace ordinal::cli
