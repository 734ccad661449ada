#include <algorithm>
#include <utility>

#include "identity/schema_tree.hpp"

namespace ordinal::identity {
namespace {

SchemaRef leaf(FieldType type) {
  auto node = std::make_shared<SchemaNode>();
  node->type = type;
  return node;
}

}  // namespace

const SchemaField* SchemaNode::find(std::string_view name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> SchemaNode::field_names() const {
  std::vector<std::string> names;
  names.reserve(fields.size());
  for (const auto& f : fields) names.push_back(f.name);
  return names;
}

SchemaRef string_type() {
  static const SchemaRef node = leaf(FieldType::String);
  return node;
}
SchemaRef integer_type() {
  static const SchemaRef node = leaf(FieldType::Integer);
  return node;
}
SchemaRef number_type() {
  static const SchemaRef node = leaf(FieldType::Number);
  return node;
}
SchemaRef boolean_type() {
  static const SchemaRef node = leaf(FieldType::Boolean);
  return node;
}
SchemaRef int_or_string_type() {
  static const SchemaRef node = leaf(FieldType::IntOrString);
  return node;
}
SchemaRef quantity_type() {
  static const SchemaRef node = leaf(FieldType::Quantity);
  return node;
}
SchemaRef any_type() {
  static const SchemaRef node = leaf(FieldType::Any);
  return node;
}

SchemaRef any_object() {
  static const SchemaRef node = [] {
    auto n = std::make_shared<SchemaNode>();
    n->type = FieldType::Object;
    n->preserve_unknown = true;
    return n;
  }();
  return node;
}

SchemaRef array_of(SchemaRef element) {
  auto node = std::make_shared<SchemaNode>();
  node->type = FieldType::Array;
  node->element = std::move(element);
  return node;
}

SchemaRef map_of(SchemaRef element) {
  auto node = std::make_shared<SchemaNode>();
  node->type = FieldType::Map;
  node->element = std::move(element);
  return node;
}

SchemaRef string_map() {
  static const SchemaRef node = map_of(string_type());
  return node;
}

SchemaRef object_of(std::vector<SchemaField> fields) {
  auto node = std::make_shared<SchemaNode>();
  node->type = FieldType::Object;
  node->fields = std::move(fields);
  return node;
}

SchemaField optional_field(std::string name, SchemaRef schema) {
  return {std::move(name), std::move(schema), false};
}

SchemaField required_field(std::string name, SchemaRef schema) {
  return {std::move(name), std::move(schema), true};
}

void add_unmodelled_volume_sources(std::vector<SchemaField>& fields, VolumeSourceScope where) {
  for (const auto& source : kVolumeSources) {
    if (!source.used_in(where)) continue;
    const bool modelled =
        std::ranges::any_of(fields, [&](const SchemaField& f) { return f.name == source.name; });
    if (!modelled) fields.push_back(optional_field(std::string(source.name), any_object()));
  }
}

SchemaRef top_level(std::vector<SchemaField> extra) {
  std::vector<SchemaField> fields = {
      required_field("apiVersion", string_type()), required_field("kind", string_type()),
      optional_field("metadata", object_meta_schema()), optional_field("status", any_object())};
  for (auto& f : extra) {
    // A kind with a modelled status replaces the generic one.
    std::erase_if(fields, [&](const SchemaField& existing) { return existing.name == f.name; });
    fields.push_back(std::move(f));
  }
  return object_of(std::move(fields));
}

}  // namespace ordinal::identity
