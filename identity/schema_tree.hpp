#pragma once
// The declarative field tree behind check_schema: for each served kind, which fields exist,
// their JSON types and which are required. Subtrees we do not model in detail (affinity,
// securityContext, lifecycle, ...) are "any object": kept as written, not checked.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "identity/volume_sources.hpp"

namespace ordinal::identity {

enum class FieldType {
  Object,  ///< known fields in `fields`; others are unknown unless preserve_unknown
  Array,   ///< elements of type `element`
  Map,     ///< string keys, values of type `element` (labels, annotations, requests)
  String,
  Integer,  ///< a JSON integer (an integral float such as 3.0 also passes, as in Go)
  Number,
  Boolean,
  IntOrString,  ///< Kubernetes IntOrString: targetPort, maxUnavailable
  Quantity,     ///< a string such as "1Gi" or a number
  Any,          ///< any JSON value
};

struct SchemaNode;
/// Schema nodes are immutable and shared between kinds (ObjectMeta, Container, ...).
using SchemaRef = std::shared_ptr<const SchemaNode>;

struct SchemaField {
  std::string name;
  SchemaRef schema;
  bool required = false;  ///< absent or null is reported as `Required value`
};

struct SchemaNode {
  FieldType type = FieldType::Any;
  std::vector<SchemaField> fields;  ///< Object only
  SchemaRef element;                ///< Array and Map only
  bool preserve_unknown = false;    ///< Object only: unlisted fields are accepted unchecked

  /// The field called `name`, or nullptr.
  [[nodiscard]] const SchemaField* find(std::string_view name) const;
  /// The names of `fields`, for suggestions.
  [[nodiscard]] std::vector<std::string> field_names() const;
};

/// The schema of a whole object of `kind` (apiVersion, kind, metadata, spec, status, ...);
/// nullptr when the kind is not served. Built once; safe from any thread.
SchemaRef kind_schema(std::string_view kind);

// Builders for the tables (schema_*.cpp).
SchemaRef string_type();
SchemaRef integer_type();
SchemaRef number_type();
SchemaRef boolean_type();
SchemaRef int_or_string_type();
SchemaRef quantity_type();
SchemaRef any_type();
/// An object whose content is not checked.
SchemaRef any_object();
SchemaRef array_of(SchemaRef element);
SchemaRef map_of(SchemaRef element);
SchemaRef string_map();
SchemaRef object_of(std::vector<SchemaField> fields);
SchemaField optional_field(std::string name, SchemaRef schema);
SchemaField required_field(std::string name, SchemaRef schema);
/// Appends each source of kVolumeSources that may be given in `where` (Pod or
/// PersistentVolume) and is not already in `fields`, as an unchecked object, in list order.
void add_unmodelled_volume_sources(std::vector<SchemaField>& fields, VolumeSourceScope where);

// Shared pieces, each built once.
SchemaRef object_meta_schema();
SchemaRef label_selector_schema();
SchemaRef object_reference_schema();
SchemaRef pod_template_schema();
SchemaRef pod_spec_schema();
SchemaRef pvc_spec_schema();
/// apiVersion, kind, metadata and status (any object) followed by `extra`.
SchemaRef top_level(std::vector<SchemaField> extra);

// The kinds, by area.
SchemaRef namespace_schema();
SchemaRef service_schema();
SchemaRef pod_schema();
SchemaRef pvc_schema();
SchemaRef pv_schema();
SchemaRef event_schema();
SchemaRef config_map_schema();
SchemaRef secret_schema();
SchemaRef stateful_set_schema();
SchemaRef controller_revision_schema();
SchemaRef storage_class_schema();
SchemaRef endpoint_slice_schema();
SchemaRef ingress_schema();

}  // namespace ordinal::identity
