#include "identity/manifest.hpp"

#include <algorithm>
#include <cctype>

#include "identity/defaults.hpp"
#include "identity/schema.hpp"
#include "identity/validation.hpp"
#include "identity/yaml_to_json.hpp"

namespace ordinal::identity {
namespace {

bool looks_like_json(std::string_view text) {
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) continue;
    return c == '{' || c == '[';
  }
  return false;
}

int line_of_offset(std::string_view text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

// JSON goes through yaml-cpp too (JSON is YAML) so fields keep their lines and duplicate keys
// are caught; nlohmann gives the clearer message when the text is not JSON at all.
YamlDocument read_json(std::string_view text) {
  try {
    Json parsed = Json::parse(text);
    YamlDocument doc = yaml_to_json({std::string(text), 1}, /*json_input=*/true);
    if (!doc.problems.empty() && doc.problems.front().field.empty()) {
      doc.problems.clear();  // yaml-cpp stumbled on valid JSON: keep the value, lose the lines
      doc.value = std::move(parsed);
    }
    return doc;
  } catch (const Json::parse_error& e) {
    YamlDocument doc;
    doc.problems.push_back({line_of_offset(text, e.byte == 0 ? 0 : e.byte - 1), "",
                            std::string("JSON syntax error: ") + e.what()});
    return doc;
  } catch (const Json::out_of_range& e) {  // a number beyond a double, e.g. 1e999
    YamlDocument doc;
    doc.problems.push_back({1, "", std::string("JSON number out of range: ") + e.what()});
    return doc;
  }
}

std::string object_label(const Json& object) {
  const auto kind = object.find("kind");
  if (kind == object.end() || !kind->is_string()) return "";
  std::string label = kind->get<std::string>();
  const auto meta = object.find("metadata");
  if (meta != object.end() && meta->is_object()) {
    const auto name = meta->find("name");
    if (name != meta->end() && name->is_string()) label += " " + name->get<std::string>();
  }
  return label;
}

class Decoder {
 public:
  Decoder(const std::string& source, DecodedManifests& out) : source_(source), out_(out) {}

  void document(const YamlDocument& doc, int number) {
    // A duplicate key still leaves a readable object, whose kind and name help find it.
    const std::string label = doc.value.is_object() ? object_label(doc.value) : "";
    for (const auto& p : doc.problems)
      out_.errors.push_back({source_, number, label, p.field, p.line, p.message});
    if (!doc.problems.empty() || doc.value.is_null()) return;
    if (!doc.value.is_object()) {
      error(number, "", "", doc.lines.line_of(""),
            "a document must be an object with apiVersion, kind and metadata, not " +
                std::string(doc.value.is_array() ? "a list" : "a single value"));
      return;
    }
    if (doc.value.value("kind", Json()) == "List") {
      list(doc, number);
      return;
    }
    object(doc.value, "", doc.lines, number);
  }

 private:
  void error(int number, std::string object, std::string field, int line, std::string message) {
    out_.errors.push_back(
        {source_, number, std::move(object), std::move(field), line, std::move(message)});
  }

  // kubectl's `kind: List`: each item is applied as if it were its own document.
  void list(const YamlDocument& doc, int number) {
    const auto items = doc.value.find("items");
    if (items == doc.value.end() || items->is_null()) return;
    if (!items->is_array()) {
      error(number, "List", "items", doc.lines.line_of("items"),
            "expected a list, got an object or a single value");
      return;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
      const Json& item = (*items)[i];
      const std::string prefix = "items[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        error(number, "List", prefix, doc.lines.line_of(prefix), "expected an object");
        continue;
      }
      object(item, prefix, doc.lines, number);
    }
  }

  void object(const Json& value, const std::string& prefix, const LineIndex& lines, int number) {
    std::vector<StatusCause> causes = check_schema(value);
    if (causes.empty()) {
      Json defaulted = value;
      apply_defaults(defaulted);
      causes = validate_object(defaulted);
    }
    if (causes.empty()) {
      out_.documents.push_back({source_, number, value});
      return;
    }
    const std::string label = object_label(value);
    std::vector<ManifestError> found;
    for (auto& c : causes) {
      std::string field = prefix.empty()    ? c.field
                          : c.field.empty() ? prefix
                                            : prefix + "." + c.field;
      const int line = lines.line_of(field);
      found.push_back({source_, number, label, std::move(field), line, std::move(c.message)});
    }
    // In the order of the text, as a reader goes through the file.
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    for (auto& e : found) out_.errors.push_back(std::move(e));
  }

  const std::string& source_;
  DecodedManifests& out_;
};

}  // namespace

std::string ManifestError::to_string() const {
  std::string out = source + ": ";
  std::string where;
  if (document > 0) where = "document " + std::to_string(document);
  if (!object.empty()) where += (where.empty() ? "" : " ") + std::string("(") + object + ")";
  if (line > 0) where += (where.empty() ? "" : ", ") + std::string("line ") + std::to_string(line);
  if (!where.empty()) out += where + ": ";
  if (!field.empty()) out += field + ": ";
  return out + message;
}

DecodedManifests decode_manifests(std::string_view text, const std::string& source) {
  DecodedManifests out;
  Decoder decoder(source, out);
  if (looks_like_json(text)) {
    decoder.document(read_json(text), 1);
    return out;
  }
  const std::vector<YamlChunk> chunks = split_yaml_documents(text);
  int number = 0;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    YamlDocument doc = yaml_to_json(chunks[i]);
    // Text before a leading `---` is not a document of its own unless it holds something.
    const bool leading_blank =
        i == 0 && chunks.size() > 1 && doc.problems.empty() && doc.value.is_null();
    if (!leading_blank) decoder.document(doc, ++number);
  }
  return out;
}

}  // namespace ordinal::identity
