// Validation of the kinds other than StatefulSet and Pod specs: Service, Pod, claims,
// volumes, storage classes, endpoint slices, controller revisions, config maps and secrets.
#include <arpa/inet.h>

#include <set>

#include "identity/validation_rules.hpp"
#include "identity/volume_sources.hpp"

namespace ordinal::identity {
namespace {

const std::vector<std::string> kAccessModes = {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
                                               "ReadWriteOncePod"};

const Json* meta_of(const Json& object) {
  const Json& meta = field_of(object, "metadata");
  return meta.is_object() ? &meta : nullptr;
}

bool is_ip(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

void validate_access_modes(const Json& modes, const std::string& field, Causes& out) {
  if (!modes.is_array() || modes.empty()) {
    add_required(out, field, "at least 1 access mode is required");
    return;
  }
  for (const auto& m : modes) validate_enum(m, field, kAccessModes, out);
}

void validate_target_port(const Json& target, const std::string& field, Causes& out) {
  if (target.is_number()) {
    validate_port_number(target, field, out);
  } else if (target.is_string() && !target.get<std::string>().empty()) {
    for (const auto& e : port_name_errors(target.get<std::string>()))
      add_invalid(out, field, target, e);
  }
}

void validate_service_ports(const Json& spec, Causes& out) {
  const Json& ports = field_of(spec, "ports");
  const bool headless = field_of(spec, "clusterIP") == "None";
  const bool external = field_of(spec, "type") == "ExternalName";
  if ((!ports.is_array() || ports.empty()) && !headless && !external) {
    add_required(out, "spec.ports");
    return;
  }
  if (!ports.is_array()) return;
  std::set<std::string> names;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    const Json& p = ports[i];
    const std::string path = at("spec.ports", i);
    const Json& name = field_of(p, "name");
    if (empty_string(name) && ports.size() > 1) {
      add_required(out, path + ".name");
    } else if (name.is_string() && !name.get<std::string>().empty()) {
      for (const auto& e : dns1123_label_errors(name.get<std::string>()))
        add_invalid(out, path + ".name", name, e);
      if (!names.insert(name.get<std::string>()).second) add_duplicate(out, path + ".name", name);
    }
    validate_port_number(field_of(p, "port"), path + ".port", out);
    validate_protocol(field_of(p, "protocol"), path + ".protocol", out);
    validate_target_port(field_of(p, "targetPort"), path + ".targetPort", out);
    const Json& node_port = field_of(p, "nodePort");
    if (node_port.is_number() && node_port != 0)
      validate_port_number(node_port, path + ".nodePort", out);
  }
}

void validate_cluster_ips(const Json& spec, Causes& out) {
  std::vector<Json> ips;
  const Json& ip = field_of(spec, "clusterIP");
  const Json& list = field_of(spec, "clusterIPs");
  if (list.is_array())
    ips.assign(list.begin(), list.end());
  else if (ip.is_string() && !ip.get<std::string>().empty())
    ips.push_back(ip);
  for (std::size_t i = 0; i < ips.size(); ++i) {
    if (!ips[i].is_string() || ips[i] == "None" || ips[i] == "") continue;
    if (!is_ip(ips[i].get<std::string>()))
      add_invalid(out, at("spec.clusterIPs", i), ips[i],
                  "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  }
}

// Keys of ConfigMap/Secret data: [-._a-zA-Z0-9]+, at most 253 characters.
void validate_config_keys(const Json& data, const std::string& field, Causes& out) {
  if (!data.is_object()) return;
  for (const auto& [key, value] : data.items()) {
    bool ok = !key.empty() && key.size() <= 253 && key != "." && key != "..";
    for (char c : key)
      ok = ok &&
           (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.');
    if (!ok)
      add_invalid(out, field, key,
                  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
                  "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation "
                  "is '[-._a-zA-Z0-9]+')");
  }
}

}  // namespace

void validate_pvc_spec(const Json& spec, const std::string& field, Causes& out) {
  validate_access_modes(field_of(spec, "accessModes"), field + ".accessModes", out);
  const Json& storage = field_of(field_of(field_of(spec, "resources"), "requests"), "storage");
  if (storage.is_null()) add_required(out, field + ".resources[storage]");
  validate_enum(field_of(spec, "volumeMode"), field + ".volumeMode", {"Block", "Filesystem"}, out);
  validate_label_selector(field_of(spec, "selector"), field + ".selector", out);
  const Json& sc = field_of(spec, "storageClassName");
  if (sc.is_string() && !sc.get<std::string>().empty())
    for (const auto& e : dns1123_subdomain_errors(sc.get<std::string>()))
      add_invalid(out, field + ".storageClassName", sc, e);
}

void validate_service(const Json& object, Causes& out) {
  validate_object_meta(meta_of(object), true, NameRule::Dns1035Label, out);
  const Json& spec = field_of(object, "spec");
  const Json& type = field_of(spec, "type");
  validate_enum(type, "spec.type", {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}, out);
  if (type == "ExternalName" && empty_string(field_of(spec, "externalName")))
    add_required(out, "spec.externalName");
  validate_service_ports(spec, out);
  validate_cluster_ips(spec, out);
  validate_enum(field_of(spec, "sessionAffinity"), "spec.sessionAffinity", {"ClientIP", "None"},
                out);
  validate_enum(field_of(spec, "ipFamilyPolicy"), "spec.ipFamilyPolicy",
                {"SingleStack", "PreferDualStack", "RequireDualStack"}, out);
  const Json& families = field_of(spec, "ipFamilies");
  if (families.is_array())
    for (std::size_t i = 0; i < families.size(); ++i)
      validate_enum(families[i], at("spec.ipFamilies", i), {"IPv4", "IPv6"}, out);
  for (const char* policy : {"externalTrafficPolicy", "internalTrafficPolicy"})
    validate_enum(field_of(spec, policy), std::string("spec.") + policy, {"Cluster", "Local"}, out);
  validate_labels(field_of(spec, "selector"), "spec.selector", out);
}

void validate_pod(const Json& object, Causes& out) {
  validate_object_meta(meta_of(object), true, NameRule::Dns1123Subdomain, out);
  validate_pod_spec(field_of(object, "spec"), "spec", {}, out);
}

void validate_pvc(const Json& object, Causes& out) {
  validate_object_meta(meta_of(object), true, NameRule::Dns1123Subdomain, out);
  validate_pvc_spec(field_of(object, "spec"), "spec", out);
}

void validate_pv(const Json& object, Causes& out) {
  validate_object_meta(meta_of(object), false, NameRule::Dns1123Subdomain, out);
  const Json& spec = field_of(object, "spec");
  if (field_of(field_of(spec, "capacity"), "storage").is_null())
    add_required(out, "spec.capacity[storage]");
  validate_access_modes(field_of(spec, "accessModes"), "spec.accessModes", out);
  validate_enum(field_of(spec, "persistentVolumeReclaimPolicy"),
                "spec.persistentVolumeReclaimPolicy", {"Delete", "Recycle", "Retain"}, out);
  validate_enum(field_of(spec, "volumeMode"), "spec.volumeMode", {"Block", "Filesystem"}, out);
  int sources = 0;
  for (const auto& source : kVolumeSources)
    if (source.used_in(VolumeSourceScope::PersistentVolume) &&
        !field_of(spec, source.name).is_null())
      ++sources;
  if (sources == 0) add_required(out, "spec", "must specify a volume type");
  if (sources > 1) add_forbidden(out, "spec", "may not specify more than 1 volume type");
}

void validate_storage_class(const Json& object, Causes& out) {
  validate_object_meta(meta_of(object), false, NameRule::Dns1123Subdomain, out);
  if (empty_string(field_of(object, "provisioner"))) add_required(out, "provisioner");
  validate_enum(field_of(object, "reclaimPolicy"), "reclaimPolicy", {"Delete", "Retain"}, out);
  validate_enum(field_of(object, "volumeBindingMode"), "volumeBindingMode",
                {"Immediate", "WaitForFirstConsumer"}, out);
}

void validate_endpoint_slice(const Json& object, Causes& out) {
  validate_object_meta(meta_of(object), true, NameRule::Dns1123Subdomain, out);
  const Json& type = field_of(object, "addressType");
  if (empty_string(type))
    add_required(out, "addressType");
  else
    validate_enum(type, "addressType", {"FQDN", "IPv4", "IPv6"}, out);
  const Json& endpoints = field_of(object, "endpoints");
  if (endpoints.is_array())
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
      const Json& addresses = field_of(endpoints[i], "addresses");
      const std::string path = at("endpoints", i) + ".addresses";
      if (!addresses.is_array() || addresses.empty())
        add_required(out, path, "must contain at least 1 address");
      else if (addresses.size() > 100)
        out.push_back(
            {"FieldValueTooMany",
             "Too many: " + std::to_string(addresses.size()) + ": must have at most 100 items",
             path});
    }
  const Json& ports = field_of(object, "ports");
  if (ports.is_array())
    for (std::size_t i = 0; i < ports.size(); ++i) {
      const Json& name = field_of(ports[i], "name");
      if (name.is_string() && !name.get<std::string>().empty())
        for (const auto& e : dns1123_label_errors(name.get<std::string>()))
          add_invalid(out, at("ports", i) + ".name", name, e);
      validate_port_number(field_of(ports[i], "port"), at("ports", i) + ".port", out);
      validate_protocol(field_of(ports[i], "protocol"), at("ports", i) + ".protocol", out);
    }
}

void validate_controller_revision(const Json& object, Causes& out) {
  validate_object_meta(meta_of(object), true, NameRule::Dns1123Subdomain, out);
  if (field_of(object, "data").is_null()) add_required(out, "data", "data is mandatory");
  validate_nonnegative(field_of(object, "revision"), "revision", out);
}

void validate_config_data(const Json& object, Causes& out) {
  validate_object_meta(meta_of(object), true, NameRule::Dns1123Subdomain, out);
  for (const char* map : {"data", "binaryData", "stringData"})
    validate_config_keys(field_of(object, map), map, out);
}

}  // namespace ordinal::identity
