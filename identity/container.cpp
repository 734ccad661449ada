#include "identity/container.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

EnvVar EnvVar::from_json(const Json& json) {
  EnvVar out;
  out.name = get_string(json, {"name"});
  out.value = get_string(json, {"value"});
  out.value_from = get_json(json, {"valueFrom"});
  out.original = json;
  return out;
}

Json EnvVar::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_string(out, {"value"}, value);
  put_json(out, {"valueFrom"}, value_from);
  return out;
}

ContainerPort ContainerPort::from_json(const Json& json) {
  ContainerPort out;
  out.name = get_string(json, {"name"});
  out.container_port = get_int<std::int32_t>(json, {"containerPort"});
  out.protocol = get_string(json, {"protocol"});
  out.original = json;
  return out;
}

Json ContainerPort::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_int(out, {"containerPort"}, container_port);
  put_string(out, {"protocol"}, protocol);
  return out;
}

VolumeMount VolumeMount::from_json(const Json& json) {
  VolumeMount out;
  out.name = get_string(json, {"name"});
  out.mount_path = get_string(json, {"mountPath"});
  out.read_only = get_bool(json, {"readOnly"});
  out.sub_path = get_string(json, {"subPath"});
  out.original = json;
  return out;
}

Json VolumeMount::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_string(out, {"mountPath"}, mount_path);
  put_bool(out, {"readOnly"}, read_only);
  put_string(out, {"subPath"}, sub_path);
  return out;
}

Container Container::from_json(const Json& json) {
  Container out;
  out.name = get_string(json, {"name"});
  out.image = get_string(json, {"image"});
  out.command = get_strings(json, {"command"});
  out.args = get_strings(json, {"args"});
  out.env = get_list<EnvVar>(json, {"env"});
  out.ports = get_list<ContainerPort>(json, {"ports"});
  out.volume_mounts = get_list<VolumeMount>(json, {"volumeMounts"});
  out.readiness_probe = get_json(json, {"readinessProbe"});
  out.liveness_probe = get_json(json, {"livenessProbe"});
  out.startup_probe = get_json(json, {"startupProbe"});
  out.original = json;
  return out;
}

Json Container::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_string(out, {"name"}, name);
  put_string(out, {"image"}, image);
  put_strings(out, {"command"}, command);
  put_strings(out, {"args"}, args);
  put_list(out, {"env"}, env);
  put_list(out, {"ports"}, ports);
  put_list(out, {"volumeMounts"}, volume_mounts);
  put_json(out, {"readinessProbe"}, readiness_probe);
  put_json(out, {"livenessProbe"}, liveness_probe);
  put_json(out, {"startupProbe"}, startup_probe);
  return out;
}

const ContainerPort* Container::find_port(std::string_view port_name) const {
  for (const ContainerPort& port : ports)
    if (port.name == port_name) return &port;
  return nullptr;
}

}  // namespace ordinal::identity
