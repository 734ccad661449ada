#pragma once
// Verbs that act on exactly one object (`scale`, `rollout`, `set image`, `describe`, `status`,
// `sim`) take it as `KIND/NAME` or `KIND NAME`, and change it by read-modify-write.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tools/cli/api_client.hpp"

namespace ordinal::cli {

struct SingleTarget {
  const identity::KindInfo* kind = nullptr;
  std::string name;
};

/// Parses `args` (`KIND/NAME` or `KIND NAME`, kubectl's kind names) and checks the kind is one
/// of `allowed` (Kinds, e.g. "StatefulSet"; empty: any). Throws std::invalid_argument with a
/// one-line reason naming `verb` when the arguments do not name one object of such a kind.
SingleTarget parse_single_target(const std::vector<std::string>& args, const std::string& verb,
                                 const std::vector<std::string>& allowed);

/// Replaces the object (or its `subresource`, e.g. "status") with `object` by PUT; `object`
/// carries the resourceVersion it was read at, so a stale write fails with 409 Conflict.
Result<Json> put_object(ApiClient& client, const identity::KindInfo& kind, const std::string& ns,
                        const std::string& name, const Json& object,
                        const std::string& subresource = "");

/// Reads the object, lets `change` edit it, and PUTs it back with the resourceVersion it was
/// read at; on 409 Conflict reads again and retries (a few times). `change` returns false when
/// nothing needs writing: the object as read is returned without a write.
Result<Json> update_with_retry(ApiClient& client, const identity::KindInfo& kind,
                               const std::string& ns, const std::string& name,
                               const std::string& subresource,
                               const std::function<bool(Json& object)>& change);

/// A List's items, or an empty array when the list is malformed.
std::vector<Json> items_of(const Json& list);

}  // namespace ordinal::cli
