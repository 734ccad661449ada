// Schemas of the apps, storage, discovery and networking kinds: StatefulSet,
// ControllerRevision, StorageClass, EndpointSlice, Ingress.
#include "identity/schema_tree.hpp"

namespace ordinal::identity {
namespace {

SchemaRef claim_template() {
  return object_of({
      optional_field("apiVersion", string_type()),
      optional_field("kind", string_type()),
      optional_field("metadata", object_meta_schema()),
      optional_field("spec", pvc_spec_schema()),
      optional_field("status", any_object()),
  });
}

SchemaRef stateful_set_spec() {
  SchemaRef update_strategy = object_of({
      optional_field("type", string_type()),
      optional_field("rollingUpdate",
                     object_of({optional_field("partition", integer_type()),
                                optional_field("maxUnavailable", int_or_string_type())})),
  });
  return object_of({
      optional_field("replicas", integer_type()),
      required_field("selector", label_selector_schema()),
      required_field("serviceName", string_type()),
      required_field("template", pod_template_schema()),
      optional_field("volumeClaimTemplates", array_of(claim_template())),
      optional_field("podManagementPolicy", string_type()),
      optional_field("updateStrategy", update_strategy),
      optional_field("revisionHistoryLimit", integer_type()),
      optional_field("minReadySeconds", integer_type()),
      optional_field("persistentVolumeClaimRetentionPolicy",
                     object_of({optional_field("whenDeleted", string_type()),
                                optional_field("whenScaled", string_type())})),
      optional_field("ordinals", object_of({optional_field("start", integer_type())})),
  });
}

// SS-1.14.
SchemaRef stateful_set_status() {
  return object_of({
      optional_field("observedGeneration", integer_type()),
      optional_field("replicas", integer_type()),
      optional_field("readyReplicas", integer_type()),
      optional_field("currentReplicas", integer_type()),
      optional_field("updatedReplicas", integer_type()),
      optional_field("availableReplicas", integer_type()),
      optional_field("currentRevision", string_type()),
      optional_field("updateRevision", string_type()),
      optional_field("collisionCount", integer_type()),
      optional_field("conditions", array_of(any_object())),
  });
}

}  // namespace

SchemaRef stateful_set_schema() {
  return top_level({required_field("spec", stateful_set_spec()),
                    optional_field("status", stateful_set_status())});
}

SchemaRef controller_revision_schema() {
  return top_level(
      {optional_field("data", any_type()), optional_field("revision", integer_type())});
}

SchemaRef storage_class_schema() {
  return top_level({
      required_field("provisioner", string_type()),
      optional_field("parameters", string_map()),
      optional_field("reclaimPolicy", string_type()),
      optional_field("mountOptions", array_of(string_type())),
      optional_field("allowVolumeExpansion", boolean_type()),
      optional_field("volumeBindingMode", string_type()),
      optional_field("allowedTopologies", array_of(any_object())),
  });
}

SchemaRef endpoint_slice_schema() {
  SchemaRef zone_or_node = array_of(object_of({required_field("name", string_type())}));
  SchemaRef endpoint = object_of({
      required_field("addresses", array_of(string_type())),
      optional_field("conditions", object_of({optional_field("ready", boolean_type()),
                                              optional_field("serving", boolean_type()),
                                              optional_field("terminating", boolean_type())})),
      optional_field("hostname", string_type()),
      optional_field("targetRef", object_reference_schema()),
      optional_field("nodeName", string_type()),
      optional_field("zone", string_type()),
      optional_field("hints", object_of({optional_field("forZones", zone_or_node),
                                         optional_field("forNodes", zone_or_node)})),
      optional_field("deprecatedTopology", string_map()),
  });
  SchemaRef port = object_of({
      optional_field("name", string_type()),
      optional_field("protocol", string_type()),
      optional_field("port", integer_type()),
      optional_field("appProtocol", string_type()),
  });
  return top_level({required_field("addressType", string_type()),
                    optional_field("endpoints", array_of(endpoint)),
                    optional_field("ports", array_of(port))});
}

SchemaRef ingress_schema() {
  // Stored and served unchanged; nothing here reads it.
  return top_level({optional_field("spec", any_object())});
}

}  // namespace ordinal::identity
