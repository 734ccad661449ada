#include "tools/api/field_selector.hpp"

#include <algorithm>
#include <array>

#include "tools/api/trim.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

bool supported(const std::string& field, const std::string& kind) {
  static const std::array<const char*, 2> common = {"metadata.name", "metadata.namespace"};
  static const std::array<const char*, 7> pod = {
      "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",      "spec.serviceAccountName",
      "status.phase",  "status.podIP",       "status.nominatedNodeName"};
  static const std::array<const char*, 11> event = {"involvedObject.kind",
                                                    "involvedObject.namespace",
                                                    "involvedObject.name",
                                                    "involvedObject.uid",
                                                    "involvedObject.apiVersion",
                                                    "involvedObject.fieldPath",
                                                    "involvedObject.resourceVersion",
                                                    "reason",
                                                    "reportingComponent",
                                                    "source",
                                                    "type"};
  auto in = [&field](const auto& list) {
    return std::any_of(list.begin(), list.end(), [&field](const char* f) { return field == f; });
  };
  if (in(common)) return true;
  if (kind == "Pod") return in(pod);
  if (kind == "Event") return in(event);
  return false;
}

// Missing fields read as "", as in kube-apiserver's field sets.
std::string field_value(const Json& object, const std::string& field) {
  const Json* node = &object;
  std::size_t start = 0;
  while (start <= field.size()) {
    std::size_t dot = std::min(field.find('.', start), field.size());
    std::string part = field.substr(start, dot - start);
    if (!node->is_object() || !node->contains(part)) return "";
    node = &(*node)[part];
    start = dot + 1;
  }
  if (node->is_string()) return node->get<std::string>();
  if (node->is_null()) return "";
  return node->dump();
}

}  // namespace

std::optional<FieldSelector> FieldSelector::parse(std::string_view text, const std::string& kind,
                                                  std::string* error) {
  FieldSelector selector;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = std::min(text.find(',', start), text.size());
    std::string_view term = text.substr(start, comma - start);
    start = comma + 1;
    if (trim(term).empty()) continue;
    Requirement requirement;
    std::size_t op = term.find("!=");
    std::size_t op_length = 2;
    if (op == std::string_view::npos) {
      op = term.find("==");
      if (op == std::string_view::npos) {
        op = term.find('=');
        op_length = 1;
      }
    } else {
      requirement.equals = false;
    }
    if (op == std::string_view::npos) {
      if (error)
        *error = "invalid selector: '" + std::string(text) + "'; can't understand '" +
                 std::string(term) + "'";
      return std::nullopt;
    }
    requirement.field = std::string(trim(term.substr(0, op)));
    requirement.value = std::string(trim(term.substr(op + op_length)));
    if (!supported(requirement.field, kind)) {
      if (error) *error = "field label not supported: " + requirement.field;
      return std::nullopt;
    }
    selector.requirements_.push_back(std::move(requirement));
  }
  return selector;
}

bool FieldSelector::matches(const Json& object) const {
  return std::all_of(requirements_.begin(), requirements_.end(), [&object](const Requirement& r) {
    return (field_value(object, r.field) == r.value) == r.equals;
  });
}

std::optional<std::string> FieldSelector::required_name() const {
  for (const auto& r : requirements_)
    if (r.field == "metadata.name" && r.equals) return r.value;
  return std::nullopt;
}

}  // namespace ordinal::api
