#pragma once
// Server-side printing: answering `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` with a
// meta.k8s.io Table (the columns kubectl shows, rows of cells, each row's object per
// `?includeObject=`), for get, list and watch, as kube-apiserver does.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"
#include "identity/kinds.hpp"
#include "identity/watch.hpp"
#include "tools/api/api_types.hpp"
#include "tools/api/request_target.hpp"

namespace ordinal::api {

struct WatchPlan;

/// What each row carries besides its cells (`?includeObject=`).
enum class IncludeObject {
  None,      ///< no object
  Metadata,  ///< a meta.k8s.io/v1 PartialObjectMetadata (the default)
  Object,    ///< the whole object
};

/// A request for a Table.
struct TableRequest {
  std::string version = "v1";  ///< meta.k8s.io version to answer: "v1" or "v1beta1"
  IncludeObject include = IncludeObject::Metadata;
};

/// The Table the request asks for, or nullopt when its Accept header prefers plain JSON (or
/// names no Table). The first media range that we serve wins, as in kube-apiserver: kubectl's
/// `as=Table;v=v1`, `as=Table;v=v1beta1`, `application/json` gets a v1 Table. A bad
/// `includeObject` is 400 BadRequest. Never throws.
identity::Result<std::optional<TableRequest>> table_request(const ApiRequest& request,
                                                            const RequestTarget& target);

/// A Table of `objects` (all of `kind`) with every column of print_columns.hpp; ages at `now`.
/// `resource_version` goes to the Table's metadata ("" leaves it out). The objects are read, not
/// copied, and the Table is written as JSON text row by row: a list of 100,000 pods is
/// gigabytes of JSON DOM.
std::string table_json(const identity::KindInfo& kind,
                       const std::vector<const identity::Json*>& objects,
                       const TableRequest& request, const std::string& resource_version,
                       std::chrono::system_clock::time_point now);

/// One line of a watch stream: as encode_event() (watch_request.hpp) when `table` is nullopt;
/// otherwise the event's object is a one-row Table, as kube-apiserver streams to `get -w`.
/// "" when the event is filtered out.
std::string encode_watch_event(const identity::WatchEvent& event, const WatchPlan& plan,
                               const std::optional<TableRequest>& table);

}  // namespace ordinal::api
