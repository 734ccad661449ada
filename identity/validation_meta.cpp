// ObjectMeta, labels, annotations, label selectors and small shared field checks
// (apimachinery ValidateObjectMeta, ValidateLabels, ValidateLabelSelector).
#include "identity/validation_rules.hpp"

namespace ordinal::identity {
namespace {

constexpr std::size_t kTotalAnnotationSizeLimit = 256 * 1024;

std::vector<std::string> name_errors(std::string_view name, NameRule rule) {
  switch (rule) {
    case NameRule::Dns1123Label:
      return dns1123_label_errors(name);
    case NameRule::Dns1035Label:
      return dns1035_label_errors(name);
    case NameRule::Dns1123Subdomain:
      break;
  }
  return dns1123_subdomain_errors(name);
}

std::string string_at(const Json& object, std::string_view key) {
  const Json& v = field_of(object, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

void validate_name(const Json& meta, NameRule rule, Causes& out) {
  const std::string name = string_at(meta, "name");
  const std::string generate = string_at(meta, "generateName");
  if (!name.empty()) {
    for (const auto& e : name_errors(name, rule)) add_invalid(out, "metadata.name", name, e);
    return;
  }
  if (generate.empty()) {
    add_required(out, "metadata.name", "name or generateName is required");
    return;
  }
  // A prefix may end in '-': the generated suffix follows it.
  std::string masked = generate;
  if (masked.back() == '-') masked.back() = 'a';
  for (const auto& e : name_errors(masked, rule))
    add_invalid(out, "metadata.generateName", generate, e);
}

void validate_expression(const Json& expr, const std::string& field, Causes& out) {
  const Json& key = field_of(expr, "key");
  if (key.is_string())
    for (const auto& e : qualified_name_errors(key.get<std::string>()))
      add_invalid(out, field + ".key", key, e);
  const Json& op = field_of(expr, "operator");
  const Json& values = field_of(expr, "values");
  const bool has_values = values.is_array() && !values.empty();
  if (op == "In" || op == "NotIn") {
    if (!has_values)
      add_required(out, field + ".values", "must be specified when `operator` is 'In' or 'NotIn'");
  } else if (op == "Exists" || op == "DoesNotExist") {
    if (has_values)
      add_forbidden(out, field + ".values",
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  } else {
    add_invalid(out, field + ".operator", op, "not a valid selector operator");
  }
  if (values.is_array())
    for (std::size_t i = 0; i < values.size(); ++i)
      if (values[i].is_string())
        for (const auto& e : label_value_errors(values[i].get<std::string>()))
          add_invalid(out, field + ".values[" + std::to_string(i) + "]", values[i], e);
}

}  // namespace

void validate_object_meta(const Json* meta, bool namespaced, NameRule rule, Causes& out) {
  static const Json empty = Json::object();
  const Json& m = meta != nullptr && meta->is_object() ? *meta : empty;
  validate_name(m, rule, out);
  const std::string ns = string_at(m, "namespace");
  if (!ns.empty() && !namespaced)
    add_forbidden(out, "metadata.namespace", "not allowed on this type");
  if (!ns.empty() && namespaced)
    for (const auto& e : dns1123_label_errors(ns)) add_invalid(out, "metadata.namespace", ns, e);
  validate_labels(field_of(m, "labels"), "metadata.labels", out);
  validate_annotations(field_of(m, "annotations"), "metadata.annotations", out);
  validate_nonnegative(field_of(m, "generation"), "metadata.generation", out);
  validate_nonnegative(field_of(m, "deletionGracePeriodSeconds"),
                       "metadata.deletionGracePeriodSeconds", out);
  const Json& finalizers = field_of(m, "finalizers");
  if (finalizers.is_array())
    for (std::size_t i = 0; i < finalizers.size(); ++i)
      if (finalizers[i].is_string())
        for (const auto& e : qualified_name_errors(finalizers[i].get<std::string>()))
          add_invalid(out, "metadata.finalizers[" + std::to_string(i) + "]", finalizers[i], e);
}

void validate_labels(const Json& labels, const std::string& field, Causes& out) {
  if (!labels.is_object()) return;
  for (const auto& [key, value] : labels.items()) {
    for (const auto& e : qualified_name_errors(key)) add_invalid(out, field, key, e);
    if (value.is_string())
      for (const auto& e : label_value_errors(value.get<std::string>()))
        add_invalid(out, field, value, e);
  }
}

void validate_annotations(const Json& annotations, const std::string& field, Causes& out) {
  if (!annotations.is_object()) return;
  std::size_t total = 0;
  for (const auto& [key, value] : annotations.items()) {
    std::string lowered = key;
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& e : qualified_name_errors(lowered)) add_invalid(out, field, key, e);
    total += key.size() + (value.is_string() ? value.get<std::string>().size() : 0);
  }
  if (total > kTotalAnnotationSizeLimit)
    out.push_back(
        {"FieldValueTooLong",
         "Too long: must have at most " + std::to_string(kTotalAnnotationSizeLimit) + " bytes",
         field});
}

void validate_label_selector(const Json& selector, const std::string& field, Causes& out) {
  if (!selector.is_object()) return;
  validate_labels(field_of(selector, "matchLabels"), field + ".matchLabels", out);
  const Json& exprs = field_of(selector, "matchExpressions");
  if (!exprs.is_array()) return;
  for (std::size_t i = 0; i < exprs.size(); ++i)
    validate_expression(exprs[i], field + ".matchExpressions[" + std::to_string(i) + "]", out);
}

void validate_port_number(const Json& port, const std::string& field, Causes& out) {
  if (!port.is_number()) return;
  const double p = port.get<double>();
  if (p < 1 || p > 65535) add_invalid(out, field, port, "must be between 1 and 65535, inclusive");
}

void validate_protocol(const Json& protocol, const std::string& field, Causes& out) {
  if (protocol.is_null() || protocol == "") {
    add_required(out, field);
    return;
  }
  validate_enum(protocol, field, {"SCTP", "TCP", "UDP"}, out);
}

void validate_enum(const Json& value, const std::string& field,
                   const std::vector<std::string>& allowed, Causes& out) {
  if (value.is_null()) return;
  for (const auto& a : allowed)
    if (value == a) return;
  add_not_supported(out, field, value, allowed);
}

void validate_nonnegative(const Json& value, const std::string& field, Causes& out) {
  if (value.is_number() && value.get<double>() < 0)
    add_invalid(out, field, value, "must be greater than or equal to 0");
}

}  // namespace ordinal::identity
