#pragma once
// Building blocks of validation.cpp and its per-kind files: Kubernetes's field.Error wording,
// the name rules (DNS-1123 label and subdomain, DNS-1035 label, qualified names, label values,
// IANA service names) and the checks shared by several kinds.
#include <string>
#include <string_view>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/json.hpp"

namespace ordinal::identity {

using Causes = std::vector<StatusCause>;

/// A value as Kubernetes prints it in `Invalid value: ...`: strings quoted, numbers bare,
/// string maps as `map[string]string{"app":"x"}`, other objects as compact JSON.
std::string render_value(const Json& value);

// field.Error constructors: each appends one cause with Kubernetes's reason and wording.
void add_required(Causes& out, const std::string& field, const std::string& detail = "");
void add_invalid(Causes& out, const std::string& field, const Json& value,
                 const std::string& detail);
void add_not_supported(Causes& out, const std::string& field, const Json& value,
                       const std::vector<std::string>& supported);
void add_duplicate(Causes& out, const std::string& field, const Json& value);
void add_forbidden(Causes& out, const std::string& field, const std::string& detail);
void add_not_found(Causes& out, const std::string& field, const Json& value);

// Name rules: each returns Kubernetes's messages, empty when the name is valid.
std::vector<std::string> dns1123_label_errors(std::string_view name);
std::vector<std::string> dns1123_subdomain_errors(std::string_view name);
std::vector<std::string> dns1035_label_errors(std::string_view name);
std::vector<std::string> qualified_name_errors(std::string_view name);
std::vector<std::string> label_value_errors(std::string_view value);
std::vector<std::string> port_name_errors(std::string_view name);

/// `field[i]`: the path of a list element.
inline std::string at(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

/// Absent, null or "": what Kubernetes reports as Required.
inline bool empty_string(const Json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().empty());
}

/// Which rule a kind's metadata.name follows.
enum class NameRule { Dns1123Label, Dns1123Subdomain, Dns1035Label };

/// ObjectMeta on create: name (or generateName) by `rule`, namespace allowed or forbidden,
/// labels, annotations, finalizers. `meta` may be null (then name is Required).
void validate_object_meta(const Json* meta, bool namespaced, NameRule rule, Causes& out);
/// Keys are qualified names, values label values; `field` is the map's path.
void validate_labels(const Json& labels, const std::string& field, Causes& out);
void validate_annotations(const Json& annotations, const std::string& field, Causes& out);
/// A metav1.LabelSelector object (matchLabels, matchExpressions operators and values).
void validate_label_selector(const Json& selector, const std::string& field, Causes& out);
/// A port number in 1..65535.
void validate_port_number(const Json& port, const std::string& field, Causes& out);
/// TCP, UDP or SCTP; Required when empty.
void validate_protocol(const Json& protocol, const std::string& field, Causes& out);
/// A value of `allowed`, or NotSupported; nothing when absent.
void validate_enum(const Json& value, const std::string& field,
                   const std::vector<std::string>& allowed, Causes& out);
/// An integer field that must be >= 0 when present.
void validate_nonnegative(const Json& value, const std::string& field, Causes& out);

/// PodSpec (containers, ports, volumes, mounts, policies). `claim_names` counts as volumes
/// (a StatefulSet's volumeClaimTemplates).
void validate_pod_spec(const Json& spec, const std::string& field,
                       const std::vector<std::string>& claim_names, Causes& out);
/// PersistentVolumeClaimSpec: access modes, storage request, volume mode.
void validate_pvc_spec(const Json& spec, const std::string& field, Causes& out);

// Per-kind validation of a new object (metadata included).
void validate_stateful_set(const Json& object, Causes& out);
void validate_service(const Json& object, Causes& out);
void validate_pod(const Json& object, Causes& out);
void validate_pvc(const Json& object, Causes& out);
void validate_pv(const Json& object, Causes& out);
void validate_storage_class(const Json& object, Causes& out);
void validate_endpoint_slice(const Json& object, Causes& out);
void validate_controller_revision(const Json& object, Causes& out);
void validate_config_data(const Json& object, Causes& out);

/// SS-2.1/2.2: the single Forbidden cause when a StatefulSet update changes an immutable field.
void validate_stateful_set_update(const Json& old_object, const Json& new_object, Causes& out);

/// The value at `key` of an object, or a static null when absent or `object` is no object.
const Json& field_of(const Json& object, std::string_view key);

}  // namespace ordinal::identity
