// PodSpec, PodTemplateSpec, Container and Volume schemas (core/v1).
#include "identity/schema_tree.hpp"

namespace ordinal::identity {
namespace {

SchemaRef key_ref() {
  return object_of({optional_field("name", string_type()), required_field("key", string_type()),
                    optional_field("optional", boolean_type())});
}

SchemaRef env_var() {
  SchemaRef value_from = object_of({
      optional_field("fieldRef", object_of({optional_field("apiVersion", string_type()),
                                            required_field("fieldPath", string_type())})),
      optional_field("resourceFieldRef", object_of({optional_field("containerName", string_type()),
                                                    required_field("resource", string_type()),
                                                    optional_field("divisor", quantity_type())})),
      optional_field("configMapKeyRef", key_ref()),
      optional_field("secretKeyRef", key_ref()),
      optional_field("fileKeyRef", any_object()),
  });
  return object_of({required_field("name", string_type()), optional_field("value", string_type()),
                    optional_field("valueFrom", value_from)});
}

SchemaRef env_from() {
  SchemaRef ref = object_of(
      {optional_field("name", string_type()), optional_field("optional", boolean_type())});
  return object_of({optional_field("prefix", string_type()), optional_field("configMapRef", ref),
                    optional_field("secretRef", ref)});
}

SchemaRef resources() {
  return object_of({optional_field("limits", map_of(quantity_type())),
                    optional_field("requests", map_of(quantity_type())),
                    optional_field("claims", array_of(any_object()))});
}

SchemaRef probe() {
  SchemaRef header =
      object_of({required_field("name", string_type()), required_field("value", string_type())});
  return object_of({
      optional_field("exec", object_of({optional_field("command", array_of(string_type()))})),
      optional_field("httpGet", object_of({optional_field("path", string_type()),
                                           required_field("port", int_or_string_type()),
                                           optional_field("host", string_type()),
                                           optional_field("scheme", string_type()),
                                           optional_field("httpHeaders", array_of(header))})),
      optional_field("tcpSocket", object_of({required_field("port", int_or_string_type()),
                                             optional_field("host", string_type())})),
      optional_field("grpc", object_of({required_field("port", integer_type()),
                                        optional_field("service", string_type())})),
      optional_field("initialDelaySeconds", integer_type()),
      optional_field("timeoutSeconds", integer_type()),
      optional_field("periodSeconds", integer_type()),
      optional_field("successThreshold", integer_type()),
      optional_field("failureThreshold", integer_type()),
      optional_field("terminationGracePeriodSeconds", integer_type()),
  });
}

SchemaRef container() {
  SchemaRef port = object_of({
      optional_field("name", string_type()),
      optional_field("hostPort", integer_type()),
      required_field("containerPort", integer_type()),
      optional_field("protocol", string_type()),
      optional_field("hostIP", string_type()),
  });
  SchemaRef mount = object_of({
      required_field("name", string_type()),
      optional_field("readOnly", boolean_type()),
      optional_field("recursiveReadOnly", string_type()),
      required_field("mountPath", string_type()),
      optional_field("subPath", string_type()),
      optional_field("mountPropagation", string_type()),
      optional_field("subPathExpr", string_type()),
  });
  SchemaRef device = object_of(
      {required_field("name", string_type()), required_field("devicePath", string_type())});
  return object_of({
      required_field("name", string_type()),
      optional_field("image", string_type()),
      optional_field("command", array_of(string_type())),
      optional_field("args", array_of(string_type())),
      optional_field("workingDir", string_type()),
      optional_field("ports", array_of(port)),
      optional_field("envFrom", array_of(env_from())),
      optional_field("env", array_of(env_var())),
      optional_field("resources", resources()),
      optional_field("resizePolicy", array_of(any_object())),
      optional_field("restartPolicy", string_type()),
      optional_field("restartPolicyRules", array_of(any_object())),
      optional_field("volumeMounts", array_of(mount)),
      optional_field("volumeDevices", array_of(device)),
      optional_field("livenessProbe", probe()),
      optional_field("readinessProbe", probe()),
      optional_field("startupProbe", probe()),
      optional_field("lifecycle", any_object()),
      optional_field("terminationMessagePath", string_type()),
      optional_field("terminationMessagePolicy", string_type()),
      optional_field("imagePullPolicy", string_type()),
      optional_field("securityContext", any_object()),
      optional_field("stdin", boolean_type()),
      optional_field("stdinOnce", boolean_type()),
      optional_field("tty", boolean_type()),
  });
}

SchemaRef key_to_path() {
  return object_of({required_field("key", string_type()), required_field("path", string_type()),
                    optional_field("mode", integer_type())});
}

std::vector<SchemaField> common_volume_sources() {
  SchemaRef downward_item = object_of({
      required_field("path", string_type()),
      optional_field("fieldRef", object_of({optional_field("apiVersion", string_type()),
                                            required_field("fieldPath", string_type())})),
      optional_field("resourceFieldRef", any_object()),
      optional_field("mode", integer_type()),
  });
  return {
      optional_field("persistentVolumeClaim",
                     object_of({required_field("claimName", string_type()),
                                optional_field("readOnly", boolean_type())})),
      optional_field("emptyDir", object_of({optional_field("medium", string_type()),
                                            optional_field("sizeLimit", quantity_type())})),
      optional_field("configMap", object_of({optional_field("name", string_type()),
                                             optional_field("items", array_of(key_to_path())),
                                             optional_field("defaultMode", integer_type()),
                                             optional_field("optional", boolean_type())})),
      optional_field("secret", object_of({optional_field("secretName", string_type()),
                                          optional_field("items", array_of(key_to_path())),
                                          optional_field("defaultMode", integer_type()),
                                          optional_field("optional", boolean_type())})),
      optional_field("hostPath", object_of({required_field("path", string_type()),
                                            optional_field("type", string_type())})),
      optional_field("projected", object_of({optional_field("sources", array_of(any_object())),
                                             optional_field("defaultMode", integer_type())})),
      optional_field("downwardAPI", object_of({optional_field("items", array_of(downward_item)),
                                               optional_field("defaultMode", integer_type())})),
  };
}

SchemaRef volume() {
  std::vector<SchemaField> fields = {required_field("name", string_type())};
  for (auto& f : common_volume_sources()) fields.push_back(std::move(f));
  // Sources we do not model field by field: accepted and kept as written.
  add_unmodelled_volume_sources(fields, VolumeSourceScope::Pod);
  return object_of(std::move(fields));
}

std::vector<SchemaField> pod_scheduling_fields() {
  SchemaRef toleration = object_of({
      optional_field("key", string_type()),
      optional_field("operator", string_type()),
      optional_field("value", string_type()),
      optional_field("effect", string_type()),
      optional_field("tolerationSeconds", integer_type()),
  });
  SchemaRef spread = object_of({
      required_field("maxSkew", integer_type()),
      required_field("topologyKey", string_type()),
      required_field("whenUnsatisfiable", string_type()),
      optional_field("labelSelector", label_selector_schema()),
      optional_field("minDomains", integer_type()),
      optional_field("nodeAffinityPolicy", string_type()),
      optional_field("nodeTaintsPolicy", string_type()),
      optional_field("matchLabelKeys", array_of(string_type())),
  });
  return {
      optional_field("nodeSelector", string_map()),
      optional_field("nodeName", string_type()),
      optional_field("affinity", any_object()),
      optional_field("schedulerName", string_type()),
      optional_field("tolerations", array_of(toleration)),
      optional_field("priorityClassName", string_type()),
      optional_field("priority", integer_type()),
      optional_field("preemptionPolicy", string_type()),
      optional_field("topologySpreadConstraints", array_of(spread)),
      optional_field("schedulingGates",
                     array_of(object_of({required_field("name", string_type())}))),
      optional_field("runtimeClassName", string_type()),
      optional_field("overhead", map_of(quantity_type())),
  };
}

std::vector<SchemaField> pod_identity_fields() {
  SchemaRef dns_config = object_of({
      optional_field("nameservers", array_of(string_type())),
      optional_field("searches", array_of(string_type())),
      optional_field("options", array_of(object_of({optional_field("name", string_type()),
                                                    optional_field("value", string_type())}))),
  });
  SchemaRef host_alias = object_of(
      {required_field("ip", string_type()), optional_field("hostnames", array_of(string_type()))});
  return {
      optional_field("dnsPolicy", string_type()),
      optional_field("dnsConfig", dns_config),
      optional_field("hostname", string_type()),
      optional_field("hostnameOverride", string_type()),
      optional_field("subdomain", string_type()),
      optional_field("setHostnameAsFQDN", boolean_type()),
      optional_field("hostAliases", array_of(host_alias)),
      optional_field("hostNetwork", boolean_type()),
      optional_field("hostPID", boolean_type()),
      optional_field("hostIPC", boolean_type()),
      optional_field("hostUsers", boolean_type()),
      optional_field("shareProcessNamespace", boolean_type()),
      optional_field("serviceAccountName", string_type()),
      optional_field("serviceAccount", string_type()),
      optional_field("automountServiceAccountToken", boolean_type()),
      optional_field("enableServiceLinks", boolean_type()),
      optional_field("os", object_of({required_field("name", string_type())})),
  };
}

}  // namespace

SchemaRef pod_spec_schema() {
  static const SchemaRef node = [] {
    SchemaRef containers = array_of(container());
    std::vector<SchemaField> fields = {
        optional_field("volumes", array_of(volume())),
        optional_field("initContainers", containers),
        required_field("containers", containers),
        optional_field("ephemeralContainers", array_of(any_object())),
        optional_field("restartPolicy", string_type()),
        optional_field("terminationGracePeriodSeconds", integer_type()),
        optional_field("activeDeadlineSeconds", integer_type()),
        optional_field("securityContext", any_object()),
        optional_field("imagePullSecrets",
                       array_of(object_of({optional_field("name", string_type())}))),
        optional_field("readinessGates",
                       array_of(object_of({required_field("conditionType", string_type())}))),
        optional_field("resourceClaims", array_of(any_object())),
        optional_field("resources", resources()),
    };
    for (auto& f : pod_scheduling_fields()) fields.push_back(std::move(f));
    for (auto& f : pod_identity_fields()) fields.push_back(std::move(f));
    return object_of(std::move(fields));
  }();
  return node;
}

SchemaRef pod_template_schema() {
  static const SchemaRef node = object_of({optional_field("metadata", object_meta_schema()),
                                           optional_field("spec", pod_spec_schema())});
  return node;
}

SchemaRef pod_schema() {
  return top_level({optional_field("spec", pod_spec_schema())});
}

}  // namespace ordinal::identity
