// Schemas of the core/v1 kinds other than Pod: Namespace, Service, PersistentVolumeClaim,
// PersistentVolume, Event, ConfigMap, Secret.
#include "identity/schema_tree.hpp"

namespace ordinal::identity {

SchemaRef namespace_schema() {
  return top_level(
      {optional_field("spec", object_of({optional_field("finalizers", array_of(string_type()))}))});
}

SchemaRef service_schema() {
  SchemaRef port = object_of({
      optional_field("name", string_type()),
      optional_field("protocol", string_type()),
      optional_field("appProtocol", string_type()),
      required_field("port", integer_type()),
      optional_field("targetPort", int_or_string_type()),
      optional_field("nodePort", integer_type()),
  });
  SchemaRef spec = object_of({
      optional_field("ports", array_of(port)),
      optional_field("selector", string_map()),
      optional_field("clusterIP", string_type()),
      optional_field("clusterIPs", array_of(string_type())),
      optional_field("type", string_type()),
      optional_field("externalIPs", array_of(string_type())),
      optional_field("sessionAffinity", string_type()),
      optional_field("sessionAffinityConfig", any_object()),
      optional_field("loadBalancerIP", string_type()),
      optional_field("loadBalancerSourceRanges", array_of(string_type())),
      optional_field("loadBalancerClass", string_type()),
      optional_field("allocateLoadBalancerNodePorts", boolean_type()),
      optional_field("externalName", string_type()),
      optional_field("externalTrafficPolicy", string_type()),
      optional_field("internalTrafficPolicy", string_type()),
      optional_field("healthCheckNodePort", integer_type()),
      optional_field("publishNotReadyAddresses", boolean_type()),
      optional_field("ipFamilies", array_of(string_type())),
      optional_field("ipFamilyPolicy", string_type()),
      optional_field("trafficDistribution", string_type()),
  });
  return top_level({optional_field("spec", spec)});
}

SchemaRef pvc_spec_schema() {
  static const SchemaRef node = [] {
    SchemaRef data_source =
        object_of({optional_field("apiGroup", string_type()), required_field("kind", string_type()),
                   required_field("name", string_type())});
    SchemaRef data_source_ref = object_of({
        optional_field("apiGroup", string_type()),
        required_field("kind", string_type()),
        required_field("name", string_type()),
        optional_field("namespace", string_type()),
    });
    return object_of({
        optional_field("accessModes", array_of(string_type())),
        optional_field("selector", label_selector_schema()),
        optional_field("resources",
                       object_of({optional_field("limits", map_of(quantity_type())),
                                  optional_field("requests", map_of(quantity_type()))})),
        optional_field("volumeName", string_type()),
        optional_field("storageClassName", string_type()),
        optional_field("volumeMode", string_type()),
        optional_field("dataSource", data_source),
        optional_field("dataSourceRef", data_source_ref),
        optional_field("volumeAttributesClassName", string_type()),
    });
  }();
  return node;
}

SchemaRef pvc_schema() {
  return top_level({optional_field("spec", pvc_spec_schema())});
}

SchemaRef pv_schema() {
  std::vector<SchemaField> fields = {
      optional_field("capacity", map_of(quantity_type())),
      optional_field("accessModes", array_of(string_type())),
      optional_field("claimRef", object_reference_schema()),
      optional_field("persistentVolumeReclaimPolicy", string_type()),
      optional_field("storageClassName", string_type()),
      optional_field("mountOptions", array_of(string_type())),
      optional_field("volumeMode", string_type()),
      optional_field("nodeAffinity", any_object()),
      optional_field("volumeAttributesClassName", string_type()),
      optional_field("hostPath", object_of({required_field("path", string_type()),
                                            optional_field("type", string_type())})),
      optional_field("local", object_of({required_field("path", string_type()),
                                         optional_field("fsType", string_type())})),
      optional_field("nfs", object_of({required_field("server", string_type()),
                                       required_field("path", string_type()),
                                       optional_field("readOnly", boolean_type())})),
      optional_field("csi", object_of({
                                required_field("driver", string_type()),
                                required_field("volumeHandle", string_type()),
                                optional_field("readOnly", boolean_type()),
                                optional_field("fsType", string_type()),
                                optional_field("volumeAttributes", string_map()),
                                optional_field("controllerPublishSecretRef", any_object()),
                                optional_field("nodeStageSecretRef", any_object()),
                                optional_field("nodePublishSecretRef", any_object()),
                                optional_field("controllerExpandSecretRef", any_object()),
                                optional_field("nodeExpandSecretRef", any_object()),
                            })),
  };
  // Volume sources we do not model field by field.
  add_unmodelled_volume_sources(fields, VolumeSourceScope::PersistentVolume);
  return top_level({optional_field("spec", object_of(std::move(fields)))});
}

SchemaRef event_schema() {
  return top_level({
      optional_field("involvedObject", object_reference_schema()),
      optional_field("reason", string_type()),
      optional_field("message", string_type()),
      optional_field("source", object_of({optional_field("component", string_type()),
                                          optional_field("host", string_type())})),
      optional_field("firstTimestamp", string_type()),
      optional_field("lastTimestamp", string_type()),
      optional_field("count", integer_type()),
      optional_field("type", string_type()),
      optional_field("eventTime", string_type()),
      optional_field("series", object_of({optional_field("count", integer_type()),
                                          optional_field("lastObservedTime", string_type())})),
      optional_field("action", string_type()),
      optional_field("related", object_reference_schema()),
      optional_field("reportingComponent", string_type()),
      optional_field("reportingInstance", string_type()),
  });
}

SchemaRef config_map_schema() {
  return top_level({optional_field("data", string_map()),
                    optional_field("binaryData", string_map()),
                    optional_field("immutable", boolean_type())});
}

SchemaRef secret_schema() {
  return top_level(
      {optional_field("data", string_map()), optional_field("stringData", string_map()),
       optional_field("type", string_type()), optional_field("immutable", boolean_type())});
}

}  // namespace ordinal::identity
