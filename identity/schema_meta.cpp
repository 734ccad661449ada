// Schemas shared by every kind: ObjectMeta, LabelSelector, ObjectReference.
#include "identity/schema_tree.hpp"

namespace ordinal::identity {

SchemaRef object_meta_schema() {
  static const SchemaRef node = [] {
    SchemaRef owner_reference = object_of({
        required_field("apiVersion", string_type()),
        required_field("kind", string_type()),
        required_field("name", string_type()),
        required_field("uid", string_type()),
        optional_field("controller", boolean_type()),
        optional_field("blockOwnerDeletion", boolean_type()),
    });
    return object_of({
        optional_field("name", string_type()),
        optional_field("generateName", string_type()),
        optional_field("namespace", string_type()),
        optional_field("selfLink", string_type()),
        optional_field("uid", string_type()),
        optional_field("resourceVersion", string_type()),
        optional_field("generation", integer_type()),
        optional_field("creationTimestamp", string_type()),
        optional_field("deletionTimestamp", string_type()),
        optional_field("deletionGracePeriodSeconds", integer_type()),
        optional_field("labels", string_map()),
        optional_field("annotations", string_map()),
        optional_field("ownerReferences", array_of(owner_reference)),
        optional_field("finalizers", array_of(string_type())),
        optional_field("managedFields", array_of(any_object())),
    });
  }();
  return node;
}

SchemaRef label_selector_schema() {
  static const SchemaRef node = object_of({
      optional_field("matchLabels", string_map()),
      optional_field("matchExpressions", array_of(object_of({
                                             required_field("key", string_type()),
                                             required_field("operator", string_type()),
                                             optional_field("values", array_of(string_type())),
                                         }))),
  });
  return node;
}

SchemaRef object_reference_schema() {
  static const SchemaRef node = object_of({
      optional_field("kind", string_type()),
      optional_field("namespace", string_type()),
      optional_field("name", string_type()),
      optional_field("uid", string_type()),
      optional_field("apiVersion", string_type()),
      optional_field("resourceVersion", string_type()),
      optional_field("fieldPath", string_type()),
  });
  return node;
}

}  // namespace ordinal::identity
