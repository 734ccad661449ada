#pragma once
// Watch requests (`?watch=1`, `/api/v1/watch/...`) as plain values: what to stream and how each
// event becomes one line of the chunked response body. No sockets here (see api_server.cpp).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "identity/kinds.hpp"
#include "identity/registry.hpp"
#include "tools/api/api_types.hpp"
#include "tools/api/field_selector.hpp"
#include "tools/api/request_target.hpp"
#include "tools/api/resource_route.hpp"

namespace ordinal::api {

/// An accepted watch: the registry stream and the options of the request.
struct WatchPlan {
  const identity::KindInfo* kind = nullptr;
  /// Null when the watch ends at once after `initial_lines` (e.g. 410 Expired).
  std::shared_ptr<identity::WatchStream> stream;
  /// Lines to send before any event (each ends in '\n').
  std::vector<std::string> initial_lines;
  bool bookmarks = false;           ///< allowWatchBookmarks=true
  std::chrono::seconds timeout{0};  ///< timeoutSeconds; 0 = until the client leaves
  FieldSelector fields;             ///< filters beyond metadata.name
};

/// True when `target` (routed to `route`) asks for a watch: `watch=1|true` or a legacy path.
bool is_watch(const RequestTarget& target, const Route& route);

/// Starts the watch for a GET routed to a resource; errors (bad selectors, bad
/// resourceVersion, registry failures other than 410) as Status responses. A resourceVersion
/// older than the registry's history gives a plan with one ERROR event and no stream.
std::variant<ApiResponse, WatchPlan> open_watch(identity::Registry& registry,
                                                const RequestTarget& target, const Route& route);

/// `{"type":"ADDED","object":{...}}\n`; "" when the event does not pass the plan's field
/// selector or is a bookmark the client did not ask for.
std::string encode_event(const identity::WatchEvent& event, const WatchPlan& plan);
/// A BOOKMARK line carrying only kind, apiVersion and metadata.resourceVersion.
std::string bookmark_line(const identity::KindInfo& kind, std::uint64_t resource_version);

}  // namespace ordinal::api
