#include "identity/schema.hpp"

#include <cctype>
#include <cmath>
#include <string_view>

#include "identity/kinds.hpp"
#include "identity/schema_tree.hpp"
#include "identity/suggest.hpp"

namespace ordinal::identity {
namespace {

struct KindEntry {
  std::string_view kind;
  SchemaRef (*build)();
};

constexpr KindEntry kKindTable[] = {
    {"Namespace", namespace_schema},
    {"Service", service_schema},
    {"Pod", pod_schema},
    {"PersistentVolumeClaim", pvc_schema},
    {"PersistentVolume", pv_schema},
    {"Event", event_schema},
    {"ConfigMap", config_map_schema},
    {"Secret", secret_schema},
    {"StatefulSet", stateful_set_schema},
    {"ControllerRevision", controller_revision_schema},
    {"StorageClass", storage_class_schema},
    {"EndpointSlice", endpoint_slice_schema},
    {"Ingress", ingress_schema},
};

std::string describe_type(FieldType type) {
  switch (type) {
    case FieldType::Object:
    case FieldType::Map:
      return "an object";
    case FieldType::Array:
      return "a list";
    case FieldType::String:
      return "a string";
    case FieldType::Integer:
      return "an integer";
    case FieldType::Number:
      return "a number";
    case FieldType::Boolean:
      return "a boolean";
    case FieldType::IntOrString:
      return "an integer or a string";
    case FieldType::Quantity:
      return "a quantity (a string such as \"1Gi\", or a number)";
    case FieldType::Any:
      break;
  }
  return "any value";
}

std::string describe_value(const Json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "a list";
  if (v.is_string()) return "a string: " + v.dump();
  if (v.is_boolean()) return "a boolean: " + v.dump();
  if (v.is_number_float()) return "a number: " + v.dump();
  if (v.is_number()) return "an integer: " + v.dump();
  return "null";
}

bool is_integral(const Json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

std::size_t count_digits(std::string_view s, std::size_t& i) {
  std::size_t n = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i, ++n;
  return n;
}

// resource.Quantity's grammar: a signed decimal, then a binary (Ki..Ei) or decimal (n..E)
// suffix, or an exponent.
bool is_quantity(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = count_digits(s, i);
  if (i < s.size() && s[i] == '.') {
    ++i;
    digits += count_digits(s, i);
  }
  if (digits == 0) return false;
  const std::string_view suffix = s.substr(i);
  for (std::string_view ok :
       {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E"})
    if (suffix == ok) return true;
  if (suffix[0] != 'e' && suffix[0] != 'E') return false;
  std::size_t j = 1;
  if (j < suffix.size() && (suffix[j] == '+' || suffix[j] == '-')) ++j;
  return count_digits(suffix, j) > 0 && j == suffix.size();
}

bool matches_type(const Json& v, FieldType type) {
  switch (type) {
    case FieldType::Object:
    case FieldType::Map:
      return v.is_object();
    case FieldType::Array:
      return v.is_array();
    case FieldType::String:
      return v.is_string();
    case FieldType::Integer:
      return is_integral(v);
    case FieldType::Number:
      return v.is_number();
    case FieldType::Boolean:
      return v.is_boolean();
    case FieldType::IntOrString:
      return v.is_string() || is_integral(v);
    case FieldType::Quantity:
      return v.is_string() || v.is_number();
    case FieldType::Any:
      break;
  }
  return true;
}

std::string child_path(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

// Walks an object along its schema, collecting causes and the JSON pointers of unknown fields.
class SchemaWalker {
 public:
  void walk(const Json& v, const SchemaNode& s, const std::string& path,
            const Json::json_pointer& ptr) {
    if (v.is_null()) return;  // null means unset, whatever the type
    if (!matches_type(v, s.type)) {
      add("FieldValueTypeInvalid",
          "expected " + describe_type(s.type) + ", got " + describe_value(v), path);
      return;
    }
    switch (s.type) {
      case FieldType::Object:
        walk_object(v, s, path, ptr);
        break;
      case FieldType::Array:
        for (std::size_t i = 0; i < v.size(); ++i)
          walk(v[i], *s.element, path + "[" + std::to_string(i) + "]", ptr / i);
        break;
      case FieldType::Map:
        for (const auto& [key, value] : v.items())
          walk(value, *s.element, path + "[" + key + "]", ptr / key);
        break;
      case FieldType::Quantity:
        if (v.is_string() && !is_quantity(v.get<std::string>()))
          add("FieldValueInvalid",
              "Invalid value: " + v.dump() +
                  ": quantities must match the regular expression "
                  "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
              path);
        break;
      default:
        break;
    }
  }

  void add(std::string reason, std::string message, std::string field) {
    causes_.push_back({std::move(reason), std::move(message), std::move(field)});
  }

  std::vector<StatusCause> causes_;
  std::vector<Json::json_pointer> unknown_;
  std::vector<std::string> unknown_paths_;

 private:
  void walk_object(const Json& v, const SchemaNode& s, const std::string& path,
                   const Json::json_pointer& ptr) {
    for (const auto& [key, value] : v.items()) {
      const std::string field = child_path(path, key);
      if (const SchemaField* f = s.find(key)) {
        walk(value, *f->schema, field, ptr / key);
      } else if (!s.preserve_unknown) {
        add("FieldValueUnknown", "unknown field" + did_you_mean(key, s.field_names()), field);
        unknown_.push_back(ptr / key);
        unknown_paths_.push_back(field);
      }
    }
    for (const auto& f : s.fields) {
      if (!f.required) continue;
      const auto it = v.find(f.name);
      if (it == v.end() || it->is_null())
        add("FieldValueRequired", "Required value", child_path(path, f.name));
    }
  }
};

// apiVersion and kind first: without a served pair there is no schema to check against.
SchemaRef served_schema(const Json& object, SchemaWalker& walker) {
  const auto api_version = object.find("apiVersion");
  const auto kind = object.find("kind");
  if (api_version == object.end() || api_version->is_null() || !api_version->is_string() ||
      api_version->get<std::string>().empty())
    walker.add("FieldValueRequired", "Required value: apiVersion must be set", "apiVersion");
  if (kind == object.end() || kind->is_null() || !kind->is_string() ||
      kind->get<std::string>().empty())
    walker.add("FieldValueRequired", "Required value: kind must be set", "kind");
  if (!walker.causes_.empty()) return nullptr;
  const std::string k = kind->get<std::string>();
  const std::string v = api_version->get<std::string>();
  const KindInfo* info = find_kind(k);
  if (info == nullptr) {
    std::vector<std::string> names;
    for (const auto& ki : all_kinds()) names.push_back(ki.kind);
    walker.add(
        "FieldValueNotSupported",
        "no matches for kind \"" + k + "\" in version \"" + v + "\"" + did_you_mean(k, names),
        "kind");
    return nullptr;
  }
  if (info->api_version() != v) {
    walker.add("FieldValueNotSupported",
               "no matches for kind \"" + k + "\" in version \"" + v + "\"; use apiVersion \"" +
                   info->api_version() + "\"",
               "apiVersion");
    return nullptr;
  }
  return kind_schema(k);
}

}  // namespace

SchemaRef kind_schema(std::string_view kind) {
  static const std::vector<std::pair<std::string_view, SchemaRef>> built = [] {
    std::vector<std::pair<std::string_view, SchemaRef>> out;
    for (const auto& entry : kKindTable) out.emplace_back(entry.kind, entry.build());
    return out;
  }();
  for (const auto& [name, schema] : built)
    if (name == kind) return schema;
  return nullptr;
}

std::vector<StatusCause> check_schema(const Json& object) {
  SchemaWalker walker;
  if (!object.is_object()) {
    walker.add("FieldValueTypeInvalid", "expected an object, got " + describe_value(object), "");
    return walker.causes_;
  }
  if (SchemaRef schema = served_schema(object, walker))
    walker.walk(object, *schema, "", Json::json_pointer());
  return walker.causes_;
}

std::vector<std::string> prune_unknown_fields(Json& object) {
  SchemaWalker walker;
  if (!object.is_object()) return {};
  SchemaRef schema = served_schema(object, walker);
  if (!schema) return {};
  walker.walk(object, *schema, "", Json::json_pointer());
  // Deepest first, so removing one never invalidates the pointer of another.
  for (auto it = walker.unknown_.rbegin(); it != walker.unknown_.rend(); ++it) {
    Json& parent = object.at(it->parent_pointer());
    parent.erase(it->back());
  }
  return walker.unknown_paths_;
}

}  // namespace ordinal::identity
