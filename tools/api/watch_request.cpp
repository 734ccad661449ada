#include "tools/api/watch_request.hpp"

#include "tools/api/api_response.hpp"
#include "tools/api/request_selectors.hpp"

namespace ordinal::api {
namespace {

using identity::Json;

std::optional<std::uint64_t> parse_resource_version(const std::string& text) {
  if (text.empty()) return 0;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

std::string line(const char* type, const Json& object) {
  Json event = {{"type", type}, {"object", object}};
  return event.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

bool is_watch(const RequestTarget& target, const Route& route) {
  return route.type == Route::Type::Resource && (route.legacy_watch || target.flag("watch"));
}

std::variant<ApiResponse, WatchPlan> open_watch(identity::Registry& registry,
                                                const RequestTarget& target, const Route& route) {
  const identity::KindInfo& kind = *route.kind;
  if (!route.subresource.empty())
    return error_response(identity::method_not_allowed("watch is not supported on " +
                                                       kind.resource + "/" + route.subresource));
  WatchPlan plan;
  plan.kind = &kind;
  auto selectors = parse_request_selectors(target, kind.kind);
  if (!selectors) return error_response(selectors.error());
  identity::WatchFilter filter;
  filter.kind = kind.kind;
  if (kind.namespaced && !route.ns.empty()) filter.ns = route.ns;
  filter.labels = selectors->labels;
  plan.fields = selectors->fields;
  filter.name = route.name.empty() ? plan.fields.required_name() : route.name;
  auto from = parse_resource_version(target.param("resourceVersion").value_or(""));
  if (!from)
    return error_response(identity::bad_request("invalid resourceVersion: " +
                                                target.param("resourceVersion").value_or("")));
  if (auto seconds = target.param("timeoutSeconds")) {
    auto parsed = parse_resource_version(*seconds);
    if (!parsed) return error_response(identity::bad_request("invalid timeoutSeconds"));
    plan.timeout = std::chrono::seconds(static_cast<std::int64_t>(*parsed));
  }
  plan.bookmarks = target.flag("allowWatchBookmarks");
  auto stream = registry.watch(std::move(filter), *from == 0 ? std::nullopt : from);
  if (stream) {
    plan.stream = std::move(*stream);
  } else if (stream.error().code == 410) {
    plan.initial_lines.push_back(line("ERROR", stream.error().to_status()));
  } else {
    return error_response(stream.error());
  }
  return plan;
}

std::string encode_event(const identity::WatchEvent& event, const WatchPlan& plan) {
  if (event.type == identity::WatchEvent::Type::Bookmark) {
    return plan.bookmarks ? bookmark_line(*plan.kind, event.resource_version) : "";
  }
  if (!event.object || !plan.fields.matches(*event.object)) return "";
  return line(identity::to_string(event.type), *event.object);
}

std::string bookmark_line(const identity::KindInfo& kind, std::uint64_t resource_version) {
  return line("BOOKMARK", {{"kind", kind.kind},
                           {"apiVersion", kind.api_version()},
                           {"metadata", {{"resourceVersion", std::to_string(resource_version)}}}});
}

}  // namespace ordinal::api
