#include "identity/pod_spec.hpp"

#include "identity/json_fields.hpp"

namespace ordinal::identity {

using namespace fields;  // NOLINT(google-build-using-namespace): the helpers read as a table

PodSpec PodSpec::from_json(const Json& json) {
  PodSpec out;
  out.containers = get_list<Container>(json, {"containers"});
  out.init_containers = get_list<Container>(json, {"initContainers"});
  out.volumes = get_list<Volume>(json, {"volumes"});
  out.hostname = get_string(json, {"hostname"});
  out.subdomain = get_string(json, {"subdomain"});
  out.node_name = get_string(json, {"nodeName"});
  out.restart_policy = get_string(json, {"restartPolicy"});
  out.termination_grace_period_seconds =
      get_int<std::int64_t>(json, {"terminationGracePeriodSeconds"});
  out.original = json;
  return out;
}

Json PodSpec::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_list(out, {"containers"}, containers);
  put_list(out, {"initContainers"}, init_containers);
  put_list(out, {"volumes"}, volumes);
  put_string(out, {"hostname"}, hostname);
  put_string(out, {"subdomain"}, subdomain);
  put_string(out, {"nodeName"}, node_name);
  put_string(out, {"restartPolicy"}, restart_policy);
  put_int(out, {"terminationGracePeriodSeconds"}, termination_grace_period_seconds);
  return out;
}

Container* PodSpec::find_container(std::string_view name) {
  for (Container& container : containers)
    if (container.name == name) return &container;
  return nullptr;
}

const Container* PodSpec::find_container(std::string_view name) const {
  for (const Container& container : containers)
    if (container.name == name) return &container;
  return nullptr;
}

const Volume* PodSpec::find_volume(std::string_view name) const {
  for (const Volume& volume : volumes)
    if (volume.name == name) return &volume;
  return nullptr;
}

PodTemplateSpec PodTemplateSpec::from_json(const Json& json) {
  PodTemplateSpec out;
  out.metadata = get_object<ObjectMeta>(json, {"metadata"});
  out.spec = get_object<PodSpec>(json, {"spec"});
  out.original = json;
  return out;
}

Json PodTemplateSpec::to_json() const {
  Json out = original.is_object() ? original : Json::object();
  put_object(out, {"metadata"}, metadata.to_json());
  put_object(out, {"spec"}, spec.to_json());
  return out;
}

}  // namespace ordinal::identity
