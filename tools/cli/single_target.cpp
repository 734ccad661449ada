#include "tools/cli/single_target.hpp"

#include <algorithm>
#include <stdexcept>

#include "tools/cli/resource_args.hpp"

namespace ordinal::cli {
namespace {

constexpr int kConflictAttempts = 5;

}  // namespace

SingleTarget parse_single_target(const std::vector<std::string>& args, const std::string& verb,
                                 const std::vector<std::string>& allowed) {
  SingleTarget target;
  if (args.size() == 1 && args.front().find('/') != std::string::npos) {
    const std::string& arg = args.front();
    const auto slash = arg.find('/');
    target.kind = &resource_kind(arg.substr(0, slash));
    target.name = arg.substr(slash + 1);
  } else if (args.size() == 2 && args.front().find('/') == std::string::npos) {
    target.kind = &resource_kind(args.front());
    target.name = args.back();
  } else {
    throw std::invalid_argument(verb + " needs exactly one object: KIND/NAME or KIND NAME");
  }
  if (target.name.empty() || target.name.find('/') != std::string::npos)
    throw std::invalid_argument(verb + " needs exactly one object: KIND/NAME or KIND NAME");
  if (!allowed.empty() &&
      std::find(allowed.begin(), allowed.end(), target.kind->kind) == allowed.end()) {
    std::string kinds;
    for (const auto& kind : allowed) {
      const identity::KindInfo* info = identity::find_kind(kind);
      kinds += (kinds.empty() ? "" : ", ") + (info ? info->resource : kind);
    }
    throw std::invalid_argument(verb + " is not supported for " + target.kind->resource +
                                " (supported: " + kinds + ")");
  }
  return target;
}

Result<Json> put_object(ApiClient& client, const identity::KindInfo& kind, const std::string& ns,
                        const std::string& name, const Json& object,
                        const std::string& subresource) {
  std::string target = object_path(kind, ns, name);
  if (!subresource.empty()) target += "/" + subresource;
  return client.call({"PUT", target, {{"content-type", "application/json"}}, object.dump()});
}

Result<Json> update_with_retry(ApiClient& client, const identity::KindInfo& kind,
                               const std::string& ns, const std::string& name,
                               const std::string& subresource,
                               const std::function<bool(Json& object)>& change) {
  for (int attempt = 1;; ++attempt) {
    auto object = client.get(kind, ns, name);
    if (!object) return object;
    if (!change(*object)) return object;
    auto written = put_object(client, kind, ns, name, *object, subresource);
    // Someone else wrote in between: their change stays, ours is redone on the fresh object.
    if (written || written.error().code != 409 || attempt == kConflictAttempts) return written;
  }
}

std::vector<Json> items_of(const Json& list) {
  std::vector<Json> items;
  if (list.is_object() && list.contains("items") && list["items"].is_array())
    for (const auto& item : list["items"]) items.push_back(item);
  return items;
}

}  // namespace ordinal::cli
