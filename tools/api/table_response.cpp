#include "tools/api/table_response.hpp"

#include <charconv>
#include <string_view>

#include "identity/parallel_ranges.hpp"
#include "tools/api/json_writer.hpp"
#include "tools/api/print_cells.hpp"
#include "tools/api/print_columns.hpp"
#include "tools/api/resource_handlers.hpp"
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

// The row's `object` member per `?includeObject=` (nothing for None).
void append_row_object(std::string& out, const Json& object, const identity::KindInfo& kind,
                       const TableRequest& request) {
  if (request.include == IncludeObject::None) return;
  out += R"(,"object":)";
  if (request.include == IncludeObject::Object) {
    append_typed(out, object, kind);
    return;
  }
  out += R"({"apiVersion":"meta.k8s.io/)" + request.version +
         R"(","kind":"PartialObjectMetadata","metadata":)";
  const Json& metadata = value_at(object, "/metadata");
  if (metadata.is_object())
    append_json(out, metadata);
  else
    out += "{}";
  out += '}';
}

// Integer columns hold decimal digits and are written as numbers (normalised: "007" is 7);
// anything else, or a number out of range, as a string.
void append_cell(std::string& out, const PrintColumn& column, const Json& object) {
  const std::string text = column.cell(object);
  long long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (column.type == "integer" && !text.empty() && error == std::errc() &&
      end == text.data() + text.size())
    out += std::to_string(number);
  else
    append_json_string(out, text);
}

using ObjectIterator = std::vector<const Json*>::const_iterator;

// Rows for [begin, end), comma-separated.
void append_rows(std::string& out, const identity::KindInfo& kind, const TableRequest& request,
                 const PrintColumns& columns, ObjectIterator begin, ObjectIterator end) {
  // Room for all rows at the size of the first few, so that tens of megabytes are not copied
  // again each time the text outgrows its buffer.
  constexpr std::ptrdiff_t kSampleRows = 64;
  for (auto it = begin; it != end; ++it) {
    if (it - begin == kSampleRows)
      out.reserve(out.size() / kSampleRows * static_cast<std::size_t>(end - begin) * 9 / 8);
    out += it == begin ? R"({"cells":[)" : R"(,{"cells":[)";
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out += ',';
      append_cell(out, columns[c], **it);
    }
    out += ']';
    append_row_object(out, **it, kind, request);
    out += '}';
  }
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

std::string table_json(const identity::KindInfo& kind, const std::vector<const Json*>& objects,
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
  Json metadata = Json::object();
  if (!resource_version.empty()) metadata["resourceVersion"] = resource_version;
  const Json head = {{"kind", "Table"},
                     {"apiVersion", "meta.k8s.io/" + request.version},
                     {"metadata", std::move(metadata)},
                     {"columnDefinitions", std::move(definitions)}};
  std::string out;
  append_json(out, head);
  out.pop_back();  // the head's closing brace: the rows follow
  out += R"(,"rows":[)";
  // Rows are independent, and reading objects scattered over gigabytes of heap is bound by
  // memory latency, so a large Table is written in parts at once (the client is only waiting
  // meanwhile). Measured at 100,000 pods with metadata: 1.1 s on one thread.
  std::vector<std::string> parts(identity::kMaxRangeParts);
  identity::for_ranges(objects.size(), 2500,
                       [&](std::size_t part, std::size_t begin, std::size_t end) {
                         append_rows(parts[part], kind, request, columns,
                                     objects.begin() + static_cast<std::ptrdiff_t>(begin),
                                     objects.begin() + static_cast<std::ptrdiff_t>(end));
                       });
  std::size_t size = out.size() + 2;
  for (const auto& part : parts) size += part.size() + 1;
  out.reserve(size);
  bool first = true;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!first) out += ',';
    first = false;
    out += part;
  }
  out += "]}";
  return out;
}

std::string encode_watch_event(const identity::WatchEvent& event, const WatchPlan& plan,
                               const std::optional<TableRequest>& table) {
  if (!table || event.type == identity::WatchEvent::Type::Bookmark)
    return encode_event(event, plan);
  if (!event.object || !plan.fields.matches(*event.object)) return "";
  const Json& object = *event.object;
  std::string line = R"({"object":)";
  line +=
      table_json(*plan.kind, {&object}, *table, value_text(object, "/metadata/resourceVersion", ""),
                 std::chrono::system_clock::now());
  line += R"(,"type":")";
  line += identity::to_string(event.type);
  line += "\"}\n";
  return line;
}

}  // namespace ordinal::api
