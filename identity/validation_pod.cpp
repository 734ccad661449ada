// PodSpec validation (core/validation ValidatePodSpec, validateContainers, validateVolumes).
#include <set>

#include "identity/validation_rules.hpp"

namespace ordinal::identity {
namespace {

void validate_dns_label_field(const Json& value, const std::string& field, Causes& out) {
  if (!value.is_string() || value.get<std::string>().empty()) return;
  for (const auto& e : dns1123_label_errors(value.get<std::string>()))
    add_invalid(out, field, value, e);
}

std::set<std::string> validate_volumes(const Json& volumes, const std::string& field, Causes& out) {
  std::set<std::string> names;
  if (!volumes.is_array()) return names;
  for (std::size_t i = 0; i < volumes.size(); ++i) {
    const Json& v = volumes[i];
    const std::string path = at(field, i);
    const Json& name = field_of(v, "name");
    if (empty_string(name)) {
      add_required(out, path + ".name");
    } else if (name.is_string()) {
      validate_dns_label_field(name, path + ".name", out);
      if (!names.insert(name.get<std::string>()).second) add_duplicate(out, path + ".name", name);
    }
    int sources = 0;
    for (const auto& [key, value] : v.items())
      if (key != "name" && !value.is_null()) ++sources;
    if (sources > 1) add_forbidden(out, path, "may not specify more than 1 volume type");
    const Json& claim = field_of(field_of(v, "persistentVolumeClaim"), "claimName");
    if (field_of(v, "persistentVolumeClaim").is_object() && empty_string(claim))
      add_required(out, path + ".persistentVolumeClaim.claimName");
  }
  return names;
}

void validate_container_ports(const Json& ports, const std::string& field, Causes& out) {
  if (!ports.is_array()) return;
  std::set<std::string> names;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    const Json& p = ports[i];
    const std::string path = at(field, i);
    const Json& name = field_of(p, "name");
    if (name.is_string() && !name.get<std::string>().empty()) {
      for (const auto& e : port_name_errors(name.get<std::string>()))
        add_invalid(out, path + ".name", name, e);
      if (!names.insert(name.get<std::string>()).second) add_duplicate(out, path + ".name", name);
    }
    const Json& container_port = field_of(p, "containerPort");
    if (container_port == 0)
      add_required(out, path + ".containerPort");
    else
      validate_port_number(container_port, path + ".containerPort", out);
    const Json& host_port = field_of(p, "hostPort");
    if (host_port.is_number() && host_port != 0)
      validate_port_number(host_port, path + ".hostPort", out);
    validate_protocol(field_of(p, "protocol"), path + ".protocol", out);
  }
}

void validate_mounts(const Json& mounts, const std::string& field,
                     const std::set<std::string>& volumes, Causes& out) {
  if (!mounts.is_array()) return;
  std::set<std::string> paths;
  for (std::size_t i = 0; i < mounts.size(); ++i) {
    const std::string path = at(field, i);
    const Json& name = field_of(mounts[i], "name");
    const Json& mount_path = field_of(mounts[i], "mountPath");
    if (empty_string(name))
      add_required(out, path + ".name");
    else if (name.is_string() && volumes.count(name.get<std::string>()) == 0)
      add_not_found(out, path + ".name", name);
    if (empty_string(mount_path))
      add_required(out, path + ".mountPath");
    else if (mount_path.is_string() && !paths.insert(mount_path.get<std::string>()).second)
      add_invalid(out, path + ".mountPath", mount_path, "must be unique");
  }
}

void validate_env(const Json& env, const std::string& field, Causes& out) {
  if (!env.is_array()) return;
  for (std::size_t i = 0; i < env.size(); ++i)
    if (empty_string(field_of(env[i], "name"))) add_required(out, at(field, i) + ".name");
}

void validate_container(const Json& c, const std::string& path,
                        const std::set<std::string>& volumes, Causes& out) {
  if (empty_string(field_of(c, "image"))) add_required(out, path + ".image");
  const Json& pull = field_of(c, "imagePullPolicy");
  if (empty_string(pull))
    add_required(out, path + ".imagePullPolicy");
  else
    validate_enum(pull, path + ".imagePullPolicy", {"Always", "IfNotPresent", "Never"}, out);
  const Json& message_policy = field_of(c, "terminationMessagePolicy");
  const char* const policy_detail = "must be 'File' or 'FallbackToLogsOnError'";
  if (empty_string(message_policy))
    add_required(out, path + ".terminationMessagePolicy", policy_detail);
  else if (message_policy != "File" && message_policy != "FallbackToLogsOnError")
    add_invalid(out, path + ".terminationMessagePolicy", message_policy, policy_detail);
  validate_container_ports(field_of(c, "ports"), path + ".ports", out);
  validate_env(field_of(c, "env"), path + ".env", out);
  validate_mounts(field_of(c, "volumeMounts"), path + ".volumeMounts", volumes, out);
  for (const char* probe : {"livenessProbe", "readinessProbe", "startupProbe"})
    for (const char* timing : {"initialDelaySeconds", "timeoutSeconds", "periodSeconds",
                               "successThreshold", "failureThreshold"})
      validate_nonnegative(field_of(field_of(c, probe), timing), path + "." + probe + "." + timing,
                           out);
}

// Container names are unique across containers and initContainers.
void validate_containers(const Json& spec, const std::string& field,
                         const std::set<std::string>& volumes, Causes& out) {
  std::set<std::string> names;
  for (const char* list : {"initContainers", "containers"}) {
    const Json& containers = field_of(spec, list);
    const std::string list_path = field + "." + list;
    if (std::string_view(list) == "containers" && (!containers.is_array() || containers.empty())) {
      add_required(out, list_path);
      continue;
    }
    if (!containers.is_array()) continue;
    for (std::size_t i = 0; i < containers.size(); ++i) {
      const std::string path = at(list_path, i);
      const Json& name = field_of(containers[i], "name");
      if (empty_string(name)) {
        add_required(out, path + ".name");
      } else if (name.is_string()) {
        validate_dns_label_field(name, path + ".name", out);
        if (!names.insert(name.get<std::string>()).second) add_duplicate(out, path + ".name", name);
      }
      validate_container(containers[i], path, volumes, out);
    }
  }
}

void validate_dns(const Json& spec, const std::string& field, Causes& out) {
  const Json& policy = field_of(spec, "dnsPolicy");
  validate_enum(policy, field + ".dnsPolicy",
                {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"}, out);
  if (policy == "None" && !field_of(spec, "dnsConfig").is_object())
    add_required(out, field + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None");
  validate_dns_label_field(field_of(spec, "hostname"), field + ".hostname", out);
  validate_dns_label_field(field_of(spec, "subdomain"), field + ".subdomain", out);
}

}  // namespace

void validate_pod_spec(const Json& spec, const std::string& field,
                       const std::vector<std::string>& claim_names, Causes& out) {
  if (!spec.is_object()) {
    add_required(out, field + ".containers");
    return;
  }
  std::set<std::string> volumes =
      validate_volumes(field_of(spec, "volumes"), field + ".volumes", out);
  volumes.insert(claim_names.begin(), claim_names.end());
  validate_containers(spec, field, volumes, out);
  validate_enum(field_of(spec, "restartPolicy"), field + ".restartPolicy",
                {"Always", "OnFailure", "Never"}, out);
  validate_dns(spec, field, out);
  validate_nonnegative(field_of(spec, "terminationGracePeriodSeconds"),
                       field + ".terminationGracePeriodSeconds", out);
  const Json& deadline = field_of(spec, "activeDeadlineSeconds");
  if (deadline.is_number() && (deadline.get<double>() < 1 || deadline.get<double>() > 2147483647))
    add_invalid(out, field + ".activeDeadlineSeconds", deadline,
                "must be between 1 and 2147483647, inclusive");
  validate_labels(field_of(spec, "nodeSelector"), field + ".nodeSelector", out);
  const Json& account = field_of(spec, "serviceAccountName");
  if (account.is_string() && !account.get<std::string>().empty())
    for (const auto& e : dns1123_subdomain_errors(account.get<std::string>()))
      add_invalid(out, field + ".serviceAccountName", account, e);
}

}  // namespace ordinal::identity
