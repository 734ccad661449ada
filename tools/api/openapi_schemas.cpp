#include "tools/api/openapi_schemas.hpp"

#include <map>
#include <string_view>
#include <utility>

#include "identity/schema_tree.hpp"
#include "tools/api/openapi_descriptions.hpp"

namespace ordinal::api {
namespace {

using identity::FieldType;
using identity::Json;
using identity::SchemaNode;
using identity::SchemaRef;

constexpr const char* kIntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
constexpr const char* kQuantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";

struct NamedType {
  std::string_view at;  ///< short name of the enclosing schema, then the field path
  std::string_view name;
};

// Objects the field tree writes inline that Kubernetes gives a schema of their own. Objects
// not listed stay inline (explain shows them as <Object>).
constexpr NamedType kNamedTypes[] = {
    {"StatefulSet.spec", "io.k8s.api.apps.v1.StatefulSetSpec"},
    {"StatefulSet.status", "io.k8s.api.apps.v1.StatefulSetStatus"},
    {"StatefulSetSpec.updateStrategy", "io.k8s.api.apps.v1.StatefulSetUpdateStrategy"},
    {"StatefulSetUpdateStrategy.rollingUpdate",
     "io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy"},
    {"StatefulSetSpec.persistentVolumeClaimRetentionPolicy",
     "io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy"},
    {"StatefulSetSpec.ordinals", "io.k8s.api.apps.v1.StatefulSetOrdinals"},
    // In the apps/v1 document only, where no PersistentVolumeClaim kind is served.
    {"StatefulSetSpec.volumeClaimTemplates", "io.k8s.api.core.v1.PersistentVolumeClaim"},
    {"PodSpec.containers", "io.k8s.api.core.v1.Container"},
    {"PodSpec.initContainers", "io.k8s.api.core.v1.Container"},
    {"PodSpec.volumes", "io.k8s.api.core.v1.Volume"},
    {"PodSpec.tolerations", "io.k8s.api.core.v1.Toleration"},
    {"PodSpec.resources", "io.k8s.api.core.v1.ResourceRequirements"},
    {"Container.ports", "io.k8s.api.core.v1.ContainerPort"},
    {"Container.env", "io.k8s.api.core.v1.EnvVar"},
    {"Container.envFrom", "io.k8s.api.core.v1.EnvFromSource"},
    {"Container.resources", "io.k8s.api.core.v1.ResourceRequirements"},
    {"Container.volumeMounts", "io.k8s.api.core.v1.VolumeMount"},
    {"Container.livenessProbe", "io.k8s.api.core.v1.Probe"},
    {"Container.readinessProbe", "io.k8s.api.core.v1.Probe"},
    {"Container.startupProbe", "io.k8s.api.core.v1.Probe"},
    {"Volume.persistentVolumeClaim", "io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource"},
    {"Volume.emptyDir", "io.k8s.api.core.v1.EmptyDirVolumeSource"},
    {"Volume.configMap", "io.k8s.api.core.v1.ConfigMapVolumeSource"},
    {"Volume.secret", "io.k8s.api.core.v1.SecretVolumeSource"},
    {"Service.spec", "io.k8s.api.core.v1.ServiceSpec"},
    {"ServiceSpec.ports", "io.k8s.api.core.v1.ServicePort"},
    {"PersistentVolumeClaimSpec.resources", "io.k8s.api.core.v1.VolumeResourceRequirements"},
    {"PersistentVolume.spec", "io.k8s.api.core.v1.PersistentVolumeSpec"},
    {"Namespace.spec", "io.k8s.api.core.v1.NamespaceSpec"},
    {"Event.source", "io.k8s.api.core.v1.EventSource"},
    {"ObjectMeta.ownerReferences", "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"},
    {"LabelSelector.matchExpressions",
     "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement"},
    {"EndpointSlice.endpoints", "io.k8s.api.discovery.v1.Endpoint"},
    {"EndpointSlice.ports", "io.k8s.api.discovery.v1.EndpointPort"},
};

// Integer fields Kubernetes declares int64; the others are int32.
constexpr std::string_view kInt64Fields[] = {
    "generation",        "observedGeneration",    "deletionGracePeriodSeconds",
    "revision",          "activeDeadlineSeconds", "terminationGracePeriodSeconds",
    "tolerationSeconds",
};

std::string short_name(std::string_view name) {
  return std::string(name.substr(name.rfind('.') + 1));
}

std::string last_segment(const std::string& path) {
  return path.substr(path.rfind('.') + 1);
}

Json ref_to(const std::string& name) {
  Json ref = Json::object();
  ref["$ref"] = "#/components/schemas/" + name;
  Json wrapper = Json::object();
  wrapper["allOf"] = Json::array({ref});
  return wrapper;
}

Json integer_schema(const std::string& field) {
  std::string_view format = "int32";
  for (auto name : kInt64Fields)
    if (name == field) format = "int64";
  return {{"type", "integer"}, {"format", format}};
}

// IntOrString and Quantity as kube-apiserver's v3 documents have them: no `type` (explain then
// names them), the JSON types they accept in `oneOf`. Both also carry the extension CRD schemas
// use for such values, for clients that know only that one.
Json scalar_component(const char* name) {
  auto one_of = [](const char* a, const char* b) {
    return Json::array({Json{{"type", a}}, Json{{"type", b}}});
  };
  Json schema = {{"description", openapi_description(short_name(name))},
                 {"x-kubernetes-int-or-string", true}};
  if (std::string_view(name) == kIntOrString) {
    schema["format"] = "int-or-string";
    schema["oneOf"] = one_of("integer", "string");
  } else {
    schema["oneOf"] = one_of("string", "number");
  }
  return schema;
}

// Writes the schemas of one document into `components`, each named schema once.
class SchemaWriter {
 public:
  explicit SchemaWriter(Json& components) : components_(components) {
    const std::string meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    const std::string core = "io.k8s.api.core.v1.";
    names_ = {{identity::object_meta_schema().get(), meta + "ObjectMeta"},
              {identity::label_selector_schema().get(), meta + "LabelSelector"},
              {identity::object_reference_schema().get(), core + "ObjectReference"},
              {identity::pod_template_schema().get(), core + "PodTemplateSpec"},
              {identity::pod_spec_schema().get(), core + "PodSpec"},
              {identity::pvc_spec_schema().get(), core + "PersistentVolumeClaimSpec"}};
  }

  void add_kind(const identity::KindInfo& kind) {
    SchemaRef root = identity::kind_schema(kind.kind);
    if (!root) return;
    Json schema = object_schema(*root, kind.kind, "", /*kind_root=*/true);
    schema["description"] = openapi_description(kind.kind);
    schema["x-kubernetes-group-version-kind"] =
        Json::array({Json{{"group", kind.group}, {"kind", kind.kind}, {"version", kind.version}}});
    components_[openapi_schema_name(kind)] = std::move(schema);
  }

 private:
  // `owner` is the short name of the named schema `node` belongs to, `path` the field path
  // from it to `node` ("" when `node` is that schema).
  Json object_schema(const SchemaNode& node, const std::string& owner, const std::string& path,
                     bool kind_root) {
    Json out = {{"type", "object"}};
    if (node.preserve_unknown) out["x-kubernetes-preserve-unknown-fields"] = true;
    if (node.fields.empty()) return out;
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& field : node.fields) {
      const std::string key = path.empty() ? field.name : path + "." + field.name;
      properties[field.name] = property(field.schema, owner, key);
      // The server fills apiVersion and kind from the path, so a body may leave them out.
      const bool filled = kind_root && (field.name == "apiVersion" || field.name == "kind");
      if (field.required && !filled) required.push_back(field.name);
    }
    out["properties"] = std::move(properties);
    if (!required.empty()) out["required"] = std::move(required);
    return out;
  }

  Json property(const SchemaRef& node, const std::string& owner, const std::string& key) {
    Json out = value_schema(node, owner, key);
    std::string_view text = openapi_description(owner + "." + key);
    if (text.empty() && key.find('.') == std::string::npos)
      text = openapi_description("Object." + key);
    if (!text.empty()) out["description"] = text;
    Json values = Json::array();
    for (auto value : openapi_enum(owner + "." + key)) values.push_back(value);
    if (!values.empty()) out["enum"] = std::move(values);
    return out;
  }

  Json value_schema(const SchemaRef& node, const std::string& owner, const std::string& key) {
    switch (node->type) {
      case FieldType::Object: {
        std::string name = name_of(*node, owner + "." + key);
        return name.empty() ? object_schema(*node, owner, key, false) : named(*node, name);
      }
      case FieldType::Array:
        return {{"type", "array"}, {"items", value_schema(node->element, owner, key)}};
      case FieldType::Map:
        return {{"type", "object"},
                {"additionalProperties", value_schema(node->element, owner, key)}};
      case FieldType::String:
        return {{"type", "string"}};
      case FieldType::Integer:
        return integer_schema(last_segment(key));
      case FieldType::Number:
        return {{"type", "number"}, {"format", "double"}};
      case FieldType::Boolean:
        return {{"type", "boolean"}};
      case FieldType::IntOrString:
        return scalar(kIntOrString);
      case FieldType::Quantity:
        return scalar(kQuantity);
      case FieldType::Any:
        break;
    }
    return {{"x-kubernetes-preserve-unknown-fields", true}};
  }

  // The schema name of an object node at `at`, or "" to write it inline. Nodes shared between
  // places keep the name they got first; objects without fields of their own stay inline.
  std::string name_of(const SchemaNode& node, const std::string& at) {
    if (auto it = names_.find(&node); it != names_.end()) return it->second;
    if (node.fields.empty()) return "";
    for (const auto& entry : kNamedTypes) {
      if (entry.at != at) continue;
      names_[&node] = std::string(entry.name);
      return std::string(entry.name);
    }
    return "";
  }

  Json named(const SchemaNode& node, const std::string& name) {
    if (!components_.contains(name)) {
      components_[name] = Json::object();  // taken before its fields are written
      const std::string owner = short_name(name);
      Json schema = object_schema(node, owner, "", false);
      if (auto text = openapi_description(owner); !text.empty()) schema["description"] = text;
      components_[name] = std::move(schema);
    }
    return ref_to(name);
  }

  Json scalar(const char* name) {
    if (!components_.contains(name)) components_[name] = scalar_component(name);
    return ref_to(name);
  }

  Json& components_;
  std::map<const SchemaNode*, std::string> names_;
};

}  // namespace

std::string openapi_schema_name(const identity::KindInfo& kind) {
  // "storage.k8s.io" is io.k8s.api.storage, the core group io.k8s.api.core.
  const std::string group =
      kind.group.empty() ? "core" : kind.group.substr(0, kind.group.find('.'));
  return "io.k8s.api." + group + "." + kind.version + "." + kind.kind;
}

Json openapi_schemas(const std::string& group, const std::string& version) {
  Json components = Json::object();
  SchemaWriter writer(components);
  for (const auto& kind : identity::all_kinds())
    if (kind.group == group && kind.version == version) writer.add_kind(kind);
  return components;
}

}  // namespace ordinal::api
