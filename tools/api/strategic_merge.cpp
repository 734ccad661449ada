// Strategic merge patch (the subset of Kubernetes' apimachinery strategicpatch that kubectl
// produces for the kinds ordinal serves). Merge keys are found by field name, as the Go
// struct tags `patchMergeKey` would give them.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "tools/api/patch.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

constexpr std::string_view kDirective = "$patch";
constexpr std::string_view kSetElementOrder = "$setElementOrder/";
constexpr std::string_view kDeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
constexpr std::string_view kRetainKeys = "$retainKeys";

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

// The merge key of the list at `field` (path is the dotted parent path); nullopt: replace.
std::optional<std::string> merge_key(const std::string& kind, const std::string& path,
                                     const std::string& field) {
  if (field == "containers" || field == "initContainers" || field == "ephemeralContainers" ||
      field == "volumes" || field == "env" || field == "imagePullSecrets")
    return "name";
  if (field == "ports") {
    if (kind == "Service" && path == "spec") return "port";
    if (path.find("ontainers") != std::string::npos) return "containerPort";
    return std::nullopt;
  }
  if (field == "volumeMounts") return "mountPath";
  if (field == "volumeDevices") return "devicePath";
  if (field == "conditions") return "type";
  if (field == "hostAliases") return "ip";
  if (field == "ownerReferences") return "uid";
  if (field == "topologySpreadConstraints") return "topologyKey";
  return std::nullopt;
}

std::string directive_of(const Json& value) {
  if (!value.is_object()) return "";
  auto it = value.find(std::string(kDirective));
  return it != value.end() && it->is_string() ? it->get<std::string>() : "";
}

struct Merger {
  const std::string& kind;

  Json merge_map(const Json& original, const Json& patch, const std::string& path) const;
  Json merge_list(const Json& original, const Json& patch, const std::string& path,
                  const std::string& key) const;
  // A patch value placed where nothing was: directives are dropped all the way down.
  Json strip(const Json& patch, const std::string& path) const {
    return patch.is_object() ? merge_map(Json::object(), patch, path) : patch;
  }
};

void delete_from_primitive_list(Json& result, const std::string& field, const Json& values) {
  auto it = result.find(field);
  if (it == result.end() || !it->is_array() || !values.is_array()) return;
  Json kept = Json::array();
  for (const auto& item : *it)
    if (std::find(values.begin(), values.end(), item) == values.end()) kept.push_back(item);
  *it = std::move(kept);
}

Json Merger::merge_map(const Json& original, const Json& patch, const std::string& path) const {
  const std::string directive = directive_of(patch);
  Json result = (original.is_object() && directive != "replace") ? original : Json::object();
  if (auto retain = patch.find(std::string(kRetainKeys));
      retain != patch.end() && retain->is_array()) {
    for (auto it = result.begin(); it != result.end();)
      it = std::find(retain->begin(), retain->end(), it.key()) == retain->end() ? result.erase(it)
                                                                                : std::next(it);
  }
  for (const auto& [field, value] : patch.items()) {
    if (field == kDirective || field == kRetainKeys || starts_with(field, kSetElementOrder))
      continue;
    if (starts_with(field, kDeleteFromPrimitiveList)) {
      delete_from_primitive_list(result, field.substr(kDeleteFromPrimitiveList.size()), value);
      continue;
    }
    const std::string child = path.empty() ? field : path + "." + field;
    if (value.is_null() || directive_of(value) == "delete") {
      result.erase(field);
    } else if (value.is_object()) {
      auto existing = result.find(field);
      result[field] =
          merge_map(existing != result.end() ? *existing : Json::object(), value, child);
    } else if (value.is_array()) {
      auto key = merge_key(kind, path, field);
      auto existing = result.find(field);
      Json base = existing != result.end() && existing->is_array() ? *existing : Json::array();
      result[field] = merge_list(key ? base : Json::array(), value, child, key.value_or(""));
    } else {
      result[field] = value;
    }
  }
  return result;
}

Json Merger::merge_list(const Json& original, const Json& patch, const std::string& path,
                        const std::string& key) const {
  const bool replace = std::any_of(patch.begin(), patch.end(),
                                   [](const Json& v) { return directive_of(v) == "replace"; });
  Json result = replace ? Json::array() : original;
  for (const auto& element : patch) {
    const std::string directive = directive_of(element);
    if (directive == "replace") continue;
    const bool keyed = !key.empty() && element.is_object() && element.contains(key);
    auto same = [&](const Json& item) {
      return keyed && item.is_object() && item.contains(key) && item[key] == element[key];
    };
    if (directive == "delete") {
      result.erase(std::remove_if(result.begin(), result.end(), same), result.end());
      continue;
    }
    auto found = std::find_if(result.begin(), result.end(), same);
    if (found != result.end())
      *found = merge_map(*found, element, path);
    else
      result.push_back(strip(element, path));
  }
  return result;
}

}  // namespace

Json strategic_merge(const Json& original, const Json& patch, const std::string& kind) {
  return Merger{kind}.merge_map(original, patch, "");
}

}  // namespace ordinal::api
