#include "tools/api/table_response.hpp"

#include <string_view>

#include "tools/api/print_columns.hpp"
#include "tools/api/trim.hpp"
#include "tools/api/watch_request.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

std::vector<std::string_view> split_trimmed(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(trim(text.substr(start, end - start)));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// What one media range of an Accept header offers: a Table version ("v1"), "" for plain JSON
// (which ends the search: the client prefers it), or nullopt for a range we do not serve.
std::optional<std::string> offer_of(std::string_view range) {
  const auto parts = split_trimmed(range, ';');
  const std::string_view type = parts.front();
  if (type != "application/json" && type != "application/*" && type != "*/*") return std::nullopt;
  std::string as, group, version;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto eq = parts[i].find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = trim(parts[i].substr(0, eq));
    const std::string value(trim(parts[i].substr(eq + 1)));
    if (key == "as") as = value;
    if (key == "g") group = value;
    if (key == "v") version = value;
  }
  if (as.empty()) return std::string();
  if (as == "Table" && group == "meta.k8s.io" && (version == "v1" || version == "v1beta1"))
    return version;
  return std::nullopt;  // PartialObjectMetadata and other conversions are not served
}

Json row_object(const Json& object, const identity::KindInfo& kind, IncludeObject include,
                const std::string& version) {
  if (include == IncludeObject::None) return nullptr;
  if (include == IncludeObject::Object) {
    Json copy = object;
    if (!copy.contains("kind")) copy["kind"] = kind.kind;
    if (!copy.contains("apiVersion")) copy["apiVersion"] = kind.api_version();
    return copy;
  }
  return {{"kind", "PartialObjectMetadata"},
          {"apiVersion", "meta.k8s.io/" + version},
          {"metadata", object.value("metadata", Json::object())}};
}

Json cell_value(const PrintColumn& column, const Json& object) {
  std::string text = column.cell(object);
  if (column.type == "integer" && !text.empty() &&
      text.find_first_not_of("-0123456789") == std::string::npos) {
    try {
      return std::stoll(text);
    } catch (const std::exception&) {
      // out of range: keep the text
    }
  }
  return text;
}

}  // namespace

identity::Result<std::optional<TableRequest>> table_request(const ApiRequest& request,
                                                            const RequestTarget& target) {
  auto accept = request.headers.find("accept");
  if (accept == request.headers.end()) return std::optional<TableRequest>();
  std::optional<TableRequest> table;
  for (const auto range : split_trimmed(accept->second, ',')) {
    auto offer = offer_of(range);
    if (!offer) continue;
    if (!offer->empty()) table = TableRequest{*offer, IncludeObject::Metadata};
    break;
  }
  if (!table) return table;
  const std::string include = target.param("includeObject").value_or("Metadata");
  if (include == "None")
    table->include = IncludeObject::None;
  else if (include == "Object")
    table->include = IncludeObject::Object;
  else if (include != "Metadata")
    return identity::bad_request("includeObject: Unsupported value: \"" + include +
                                 "\": supported values: \"Object\", \"Metadata\", \"None\"");
  return table;
}

Json table_of(const identity::KindInfo& kind, const std::vector<Json>& objects,
              const TableRequest& request, const std::string& resource_version,
              std::chrono::system_clock::time_point now) {
  const PrintColumns columns = print_columns(kind, now);
  Json definitions = Json::array();
  for (const auto& c : columns)
    definitions.push_back({{"name", c.name},
                           {"type", c.type},
                           {"format", c.format},
                           {"description", c.description},
                           {"priority", c.priority}});
  Json rows = Json::array();
  for (const auto& object : objects) {
    Json cells = Json::array();
    for (const auto& c : columns) cells.push_back(cell_value(c, object));
    Json row = {{"cells", std::move(cells)}};
    Json embedded = row_object(object, kind, request.include, request.version);
    if (!embedded.is_null()) row["object"] = std::move(embedded);
    rows.push_back(std::move(row));
  }
  Json metadata = Json::object();
  if (!resource_version.empty()) metadata["resourceVersion"] = resource_version;
  return {{"kind", "Table"},
          {"apiVersion", "meta.k8s.io/" + request.version},
          {"metadata", std::move(metadata)},
          {"columnDefinitions", std::move(definitions)},
          {"rows", std::move(rows)}};
}

std::string encode_watch_event(const identity::WatchEvent& event, const WatchPlan& plan,
                               const std::optional<TableRequest>& table) {
  if (!table || event.type == identity::WatchEvent::Type::Bookmark)
    return encode_event(event, plan);
  if (!event.object || !plan.fields.matches(*event.object)) return "";
  const Json& object = *event.object;
  Json line = {
      {"type", identity::to_string(event.type)},
      {"object", table_of(*plan.kind, {object}, *table,
                          object.value("/metadata/resourceVersion"_json_pointer, std::string()),
                          std::chrono::system_clock::now())}};
  return line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace ordinal::api
