#pragma once
// A document that never changes while the server runs (OpenAPI, aggregated discovery),
// serialised once and served with an ETag so that clients with an HTTP cache (kubectl keeps one
// under ~/.kube/cache/http) revalidate with If-None-Match and get 304 instead of the bytes.
#include <string>
#include <string_view>

#include "identity/json.hpp"
#include "tools/api/api_types.hpp"

namespace ordinal::api {

struct CachedDocument {
  std::string body;          ///< the serialised JSON
  std::string content_type;  ///< e.g. "application/json"
  std::string etag;          ///< quoted strong validator: "\"0123456789ABCDEF\""
};

/// Serialises `document` and computes its ETag (a hash of the bytes: equal documents get equal
/// ETags across restarts).
CachedDocument make_cached_document(const identity::Json& document,
                                    std::string content_type = "application/json");

/// Whether an If-None-Match value ("\"a\", W/\"b\"" or "*") names `etag`. Weak validators
/// match their strong form, as RFC 9110 asks for If-None-Match.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

/// 200 with the document and its ETag, or 304 with no body when the request's If-None-Match
/// matches. `vary_accept` adds `Vary: Accept` for paths that answer differently by Accept.
ApiResponse cached_response(const ApiRequest& request, const CachedDocument& document,
                            bool vary_accept = false);

}  // namespace ordinal::api
