// DELETE of objects and collections, the cascade of a Namespace's deletion, and orphaning
// deletes (propagationPolicy Orphan, SS-14.2).
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/defaults.hpp"
#include "identity/json_fields.hpp"
#include "tools/api/api_response.hpp"
#include "tools/api/resource_handlers.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

std::optional<std::int64_t> parse_int(const std::string& text) {
  try {
    std::size_t used = 0;
    long long value = std::stoll(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

// What a DELETE asks for beyond the registry's own options.
struct DeleteRequest {
  identity::DeleteOptions options;
  /// propagationPolicy Orphan (kubectl --cascade=orphan) or the deprecated orphanDependents.
  bool orphan = false;
};

// The kinds whose objects an owner may have as dependents, searched in the owner's namespace.
constexpr std::array<const char*, 4> kDependentKinds = {"Pod", "PersistentVolumeClaim",
                                                        "ControllerRevision", "EndpointSlice"};
// Attempts at removing the reference from a dependent that changed under the batch.
constexpr int kOrphanAttempts = 5;

identity::ApiError invalid_delete_options(identity::StatusCause cause) {
  return identity::invalid("DeleteOptions", "meta.k8s.io", "", {std::move(cause)});
}

// Whether propagationPolicy (`policy`, "" when unset) asks for orphaning, validated as
// kube-apiserver validates DeleteOptions.
identity::Result<bool> orphans(const std::string& policy, bool orphan_dependents_set) {
  if (policy.empty()) return false;
  if (orphan_dependents_set)
    return invalid_delete_options({"FieldValueInvalid",
                                   "Invalid value: \"" + policy +
                                       "\": orphanDependents and deletionPropagation cannot be "
                                       "both set",
                                   "propagationPolicy"});
  if (policy != "Orphan" && policy != "Background" && policy != "Foreground")
    return invalid_delete_options({"FieldValueNotSupported",
                                   "Unsupported value: \"" + policy +
                                       "\": supported values: \"Foreground\", \"Background\", "
                                       "\"Orphan\", \"nil\"",
                                   "propagationPolicy"});
  return policy == "Orphan";
}

// DeleteOptions from the query (gracePeriodSeconds, propagationPolicy) and the body (a meta/v1
// DeleteOptions: gracePeriodSeconds, preconditions, propagationPolicy, orphanDependents; the
// body wins). Background and Foreground delete the owner only: removing dependents is the
// garbage collector's business.
identity::Result<DeleteRequest> delete_options(const ResourceCall& call) {
  DeleteRequest request;
  identity::DeleteOptions& options = request.options;
  if (auto grace = call.target.param("gracePeriodSeconds")) {
    options.grace_period_seconds = parse_int(*grace);
    if (!options.grace_period_seconds)
      return identity::bad_request("gracePeriodSeconds must be an integer, got \"" + *grace + "\"");
  }
  std::string policy = call.target.param("propagationPolicy").value_or("");
  std::optional<bool> orphan_dependents;
  if (!call.http.body.empty()) {
    Json body = Json::parse(call.http.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object())
      return identity::bad_request("the body of a DELETE must be a DeleteOptions object");
    if (auto grace = body.find("gracePeriodSeconds"); grace != body.end() && grace->is_number())
      options.grace_period_seconds = grace->get<std::int64_t>();
    if (auto pre = body.find("preconditions"); pre != body.end() && pre->is_object()) {
      if (auto uid = pre->find("uid"); uid != pre->end() && uid->is_string())
        options.precondition_uid = uid->get<std::string>();
      if (auto rv = pre->find("resourceVersion"); rv != pre->end() && rv->is_string())
        options.precondition_resource_version = rv->get<std::string>();
    }
    if (auto p = body.find("propagationPolicy"); p != body.end() && p->is_string())
      policy = p->get<std::string>();
    if (auto o = body.find("orphanDependents"); o != body.end() && o->is_boolean())
      orphan_dependents = o->get<bool>();
  }
  auto orphan = orphans(policy, orphan_dependents.has_value());
  if (!orphan) return orphan.error();
  request.orphan = *orphan || orphan_dependents.value_or(false);
  return request;
}

bool has_owner_uid(const Json& object, const std::string& uid) {
  const Json* refs = identity::fields::find(object, {"metadata", "ownerReferences"});
  if (refs == nullptr || !refs->is_array()) return false;
  return std::any_of(refs->begin(), refs->end(), [&uid](const Json& ref) {
    return ref.is_object() && ref.value("uid", Json()) == uid;
  });
}

// `object` without the owner reference to `uid` (the list goes when it empties), keeping its
// resourceVersion so the write fails rather than undo a change made since the read.
Json without_owner(Json object, const std::string& uid) {
  Json& metadata = object["metadata"];
  Json kept = Json::array();
  for (const auto& ref : metadata["ownerReferences"])
    if (!ref.is_object() || ref.value("uid", Json()) != uid) kept.push_back(ref);
  if (kept.empty())
    metadata.erase("ownerReferences");
  else
    metadata["ownerReferences"] = std::move(kept);
  return object;
}

// A dependent changed between the read and the batch: its write failed with a conflict while
// the owner went. Re-read and retry on its own, so no reference to the deleted owner is left
// for the garbage collector to act on.
void orphan_again(identity::Registry& registry, const identity::ObjectKey& key,
                  const std::string& uid) {
  for (int attempt = 0; attempt < kOrphanAttempts; ++attempt) {
    auto fresh = registry.get(key);
    if (!fresh || !has_owner_uid(**fresh, uid)) return;
    auto written = registry.update(without_owner(**fresh, uid));
    if (written || written.error().code != 409) return;
  }
}

// SS-14.2: removes the owner reference to `owner` from every dependent and deletes the owner,
// in one registry commit so a crash cannot leave half of it done.
identity::Result<identity::ObjectPtr> remove_orphaning(identity::Registry& registry,
                                                       const identity::ObjectKey& key,
                                                       const Json& owner,
                                                       const identity::DeleteOptions& options) {
  const std::string uid = identity::fields::get_string(owner, {"metadata", "uid"});
  const std::string version = identity::fields::get_string(owner, {"metadata", "resourceVersion"});
  // Preconditions that already fail leave the dependents alone; the registry words the error.
  if (options.precondition_uid.value_or(uid) != uid ||
      options.precondition_resource_version.value_or(version) != version)
    return registry.remove(key, options);
  std::vector<identity::Registry::Write> writes;
  std::vector<identity::ObjectKey> dependents;
  const std::optional<std::string> ns =
      key.ns.empty() ? std::nullopt : std::optional<std::string>(key.ns);
  for (const char* kind : kDependentKinds) {
    for (const auto& item : registry.list(kind, ns).items) {
      if (uid.empty() || !has_owner_uid(*item, uid)) continue;
      dependents.push_back(identity::ObjectKey::of(*item));
      writes.emplace_back(identity::Registry::Update{without_owner(*item, uid)});
    }
  }
  writes.emplace_back(identity::Registry::Delete{key, options});
  auto results = registry.commit(std::move(writes));
  const bool owner_gone = results.back().ok();
  for (std::size_t i = 0; i < dependents.size(); ++i) {
    if (owner_gone && !results[i] && results[i].error().code == 409)
      orphan_again(registry, dependents[i], uid);
  }
  return std::move(results.back());
}

}  // namespace

void ResourceHandlers::delete_namespace_contents(const std::string& ns) {
  // Synchronous and forceful (grace 0): nothing outlives its namespace.
  identity::DeleteOptions force;
  force.grace_period_seconds = 0;
  for (const auto& kind : identity::all_kinds()) {
    if (!kind.namespaced) continue;
    for (const auto& item : registry_.list(kind.kind, ns).items)
      (void)registry_.remove(identity::ObjectKey::of(*item), force);
  }
}

ApiResponse ResourceHandlers::remove(const ResourceCall& call) {
  auto request = delete_options(call);
  if (!request) return error_response(request.error());
  const identity::ObjectKey key = key_of(call.route);
  auto stored = registry_.get(key);
  if (!stored) return error_response(route_error(stored.error(), call.route));
  if (is_dry_run(call.target)) return object_response(200, typed(**stored, *call.route.kind));
  if (key.kind == "Namespace") {
    if (key.name == "default")
      return error_response(forbidden("namespaces", key.name, "this namespace may not be deleted"));
    delete_namespace_contents(key.name);
  }
  auto removed = request->orphan ? remove_orphaning(registry_, key, **stored, request->options)
                                 : registry_.remove(key, request->options);
  if (!removed) return error_response(route_error(removed.error(), call.route));
  return object_response(200, typed(**removed, *call.route.kind));
}

ApiResponse ResourceHandlers::remove_collection(const ResourceCall& call) {
  auto request = delete_options(call);
  if (!request) return error_response(request.error());
  const identity::KindInfo& kind = *call.route.kind;
  auto selected = select_collection(call);
  if (!selected) return error_response(selected.error());
  Json items = Json::array();
  for (const auto& item : selected->items) {
    const identity::ObjectKey key = identity::ObjectKey::of(*item);
    if (key.kind == "Namespace" && key.name == "default") continue;
    if (is_dry_run(call.target)) {
      items.push_back(typed(*item, kind));
      continue;
    }
    if (key.kind == "Namespace") delete_namespace_contents(key.name);
    auto removed = request->orphan ? remove_orphaning(registry_, key, *item, request->options)
                                   : registry_.remove(key, request->options);
    if (removed) items.push_back(typed(**removed, kind));
  }
  return json_response(
      200, {{"kind", kind.kind + "List"},
            {"apiVersion", kind.api_version()},
            {"metadata", {{"resourceVersion", std::to_string(registry_.resource_version())}}},
            {"items", std::move(items)}});
}

std::optional<identity::ApiError> ResourceHandlers::ensure_namespace(const std::string& ns,
                                                                     bool create_missing) {
  auto existing = registry_.get({"Namespace", "", ns});
  if (existing) return std::nullopt;
  if (existing.error().code != 404) return existing.error();
  if (!create_missing) return identity::not_found("namespaces", "", ns);
  Json object = {{"apiVersion", "v1"},
                 {"kind", "Namespace"},
                 {"metadata", {{"name", ns}}},
                 {"spec", Json::object()},
                 {"status", initial_status("Namespace")}};
  identity::apply_defaults(object);
  auto created = registry_.create(std::move(object));
  // Someone else creating it at the same moment is as good as creating it.
  if (!created && created.error().code != 409) return created.error();
  return std::nullopt;
}

}  // namespace ordinal::api
