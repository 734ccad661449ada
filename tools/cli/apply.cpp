#include "tools/cli/apply.hpp"

#include "identity/defaults.hpp"
#include "identity/kinds.hpp"

namespace ordinal::cli {

using identity::Json;

Json three_way_merge_patch(const Json& last_applied, const Json& modified, const Json& live) {
  Json patch = Json::object();
  for (auto it = modified.begin(); it != modified.end(); ++it) {
    const auto found = live.find(it.key());
    if (found == live.end()) {
      patch[it.key()] = it.value();
    } else if (it->is_object() && found->is_object()) {
      const auto last = last_applied.find(it.key());
      Json sub = three_way_merge_patch(
          last != last_applied.end() && last->is_object() ? *last : Json::object(), *it, *found);
      if (!sub.empty()) patch[it.key()] = std::move(sub);
    } else if (*found != *it) {
      patch[it.key()] = it.value();
    }
  }
  for (auto it = last_applied.begin(); it != last_applied.end(); ++it)
    if (!modified.contains(it.key()) && live.contains(it.key())) patch[it.key()] = nullptr;
  return patch;
}

namespace {

std::string describe(const identity::KindInfo& kind, const std::string& name) {
  return kind.qualified_singular() + "/" + name;
}

ApplyOutcome failure(const identity::ApiError& error, const char* when, const std::string& source) {
  return {false, "Error from server (" + error.reason + "): error when " + when + " \"" + source +
                     "\": " + error.message};
}

}  // namespace

ApplyOutcome apply_document(ApiClient& client, const identity::ManifestDocument& document,
                            const NamespaceChoice& choice, bool create_only) {
  Json object = document.object;
  const identity::KindInfo* kind = identity::find_kind(object.value("kind", ""));
  if (kind == nullptr)
    return {false, "error: " + document.source + ": kind \"" + object.value("kind", "") +
                       "\" is not served"};
  Json& meta = object["metadata"];
  const std::string name = meta.value("name", "");
  std::string ns;
  if (kind->namespaced) {
    ns = meta.value("namespace", "");
    if (!ns.empty() && choice.ns_given && ns != choice.ns)
      return {false, "error: the namespace from the provided object \"" + ns +
                         "\" does not match the namespace \"" + choice.ns +
                         "\". You must pass '--namespace=" + ns + "' to perform this operation."};
    if (ns.empty()) ns = choice.ns;
    meta["namespace"] = ns;
  } else {
    meta.erase("namespace");
  }

  if (create_only) {
    auto created = client.create(*kind, ns, object);
    if (!created) return failure(created.error(), "creating", document.source);
    return {true, describe(*kind, name) + " created"};
  }

  // The annotation records the configuration as applied, without the annotation itself.
  Json applied = object;
  if (auto a = applied["metadata"].find("annotations"); a != applied["metadata"].end()) {
    a->erase(kLastAppliedAnnotation);
    if (a->empty()) applied["metadata"].erase("annotations");
  }
  meta["annotations"][kLastAppliedAnnotation] = applied.dump() + "\n";

  auto live = client.get(*kind, ns, name);
  if (!live) {
    if (live.error().code != 404) return failure(live.error(), "retrieving", document.source);
    auto created = client.create(*kind, ns, object);
    if (!created) return failure(created.error(), "creating", document.source);
    return {true, describe(*kind, name) + " created"};
  }
  Json last = Json::object();
  const Json::json_pointer last_ptr(
      "/metadata/annotations/" + std::string("kubectl.kubernetes.io~1last-applied-configuration"));
  if (live->contains(last_ptr) && (*live)[last_ptr].is_string())
    last = Json::parse((*live)[last_ptr].get<std::string>(), nullptr, false);
  if (!last.is_object()) last = Json::object();
  // Compare with the object as the server would store it: list items the server fills with
  // defaults (ports[].protocol, containers[].imagePullPolicy) must not count as changes, since
  // merge patches replace lists whole. Status is never applied.
  Json desired = object;
  identity::apply_defaults(desired);
  desired.erase("status");
  Json patch = three_way_merge_patch(last, desired, *live);
  if (patch.empty()) return {true, describe(*kind, name) + " unchanged"};
  auto patched = client.patch(*kind, ns, name, patch, "merge");
  if (!patched) return failure(patched.error(), "applying patch to", document.source);
  return {true, describe(*kind, name) + " configured"};
}

}  // namespace ordinal::cli
