#include "tools/follow/source_messages.hpp"

#include <utility>

namespace ordinal::follow {
namespace {

using identity::Json;

std::string resource_version_of(const Json& object) {
  const auto metadata = object.find("metadata");
  if (metadata == object.end() || !metadata->is_object()) return {};
  const auto version = metadata->find("resourceVersion");
  return version != metadata->end() && version->is_string() ? version->get<std::string>() : "";
}

WatchEvent::Type type_of(const std::string& text) {
  if (text == "ADDED") return WatchEvent::Type::Added;
  if (text == "MODIFIED") return WatchEvent::Type::Modified;
  if (text == "DELETED") return WatchEvent::Type::Deleted;
  if (text == "BOOKMARK") return WatchEvent::Type::Bookmark;
  if (text == "ERROR") return WatchEvent::Type::Error;
  return WatchEvent::Type::Unknown;
}

}  // namespace

std::optional<ListResult> parse_list(Kind kind, std::string_view body) {
  ListResult result;
  bool saw_items = false;
  std::string top_key;  // the member of the List being parsed
  // Depths as nlohmann reports them: the List object's members are at depth 1, the items
  // array's elements at depth 2. Returning false from an element's object_end discards it
  // once it has been reduced.
  const Json::parser_callback_t reduce = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::key && depth == 1) {
      top_key = parsed.is_string() ? parsed.get<std::string>() : "";
      if (top_key == "items") saw_items = true;
    } else if (event == Json::parse_event_t::object_end && depth == 2 && top_key == "items") {
      if (auto slim = slim_from_json(kind, parsed)) result.items.push_back(std::move(*slim));
      return false;
    }
    return true;
  };
  Json list = Json::parse(body.begin(), body.end(), reduce, false);
  if (!list.is_object() || !saw_items) return std::nullopt;
  result.resource_version = resource_version_of(list);
  return result;
}

std::optional<WatchEvent> parse_event(Kind kind, std::string_view line) {
  const Json parsed = Json::parse(line.begin(), line.end(), nullptr, false);
  if (!parsed.is_object()) return std::nullopt;
  WatchEvent event;
  const auto type = parsed.find("type");
  if (type != parsed.end() && type->is_string()) event.type = type_of(type->get<std::string>());
  const auto object = parsed.find("object");
  if (object == parsed.end() || !object->is_object()) return event;
  event.resource_version = resource_version_of(*object);
  if (event.type == WatchEvent::Type::Error) {
    const auto code = object->find("code");
    if (code != object->end() && code->is_number_integer()) event.error_code = code->get<int>();
    const auto message = object->find("message");
    if (message != object->end() && message->is_string())
      event.error_message = message->get<std::string>();
  } else if (event.type != WatchEvent::Type::Bookmark) {
    event.object = slim_from_json(kind, *object);
  }
  return event;
}

}  // namespace ordinal::follow
