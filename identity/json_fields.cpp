#include "identity/json_fields.hpp"

#include <utility>

namespace ordinal::identity::fields {

const Json* find(const Json& doc, Path path) {
  const Json* at = &doc;
  for (std::string_view key : path) {
    if (!at->is_object()) return nullptr;
    auto it = at->find(std::string(key));
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

void write(Json& doc, Path path, Json value) {
  if (path.size() == 0) {
    doc = std::move(value);
    return;
  }
  const auto* last = path.end() - 1;
  Json* at = &doc;
  if (value.is_null()) {
    // Erasing never creates the parents of the field.
    for (const auto* step = path.begin(); step != last; ++step) {
      if (!at->is_object()) return;
      auto it = at->find(std::string(*step));
      if (it == at->end()) return;
      at = &*it;
    }
    if (at->is_object()) at->erase(std::string(*last));
    return;
  }
  for (const auto* step = path.begin(); step != last; ++step) {
    if (!at->is_object()) *at = Json::object();
    at = &(*at)[std::string(*step)];
  }
  if (!at->is_object()) *at = Json::object();
  (*at)[std::string(*last)] = std::move(value);
}

std::string get_string(const Json& doc, Path path) {
  const Json* value = find(doc, path);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

std::optional<std::string> get_optional_string(const Json& doc, Path path) {
  const Json* value = find(doc, path);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

std::optional<bool> get_bool(const Json& doc, Path path) {
  const Json* value = find(doc, path);
  if (value == nullptr || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

std::vector<std::string> get_strings(const Json& doc, Path path) {
  std::vector<std::string> out;
  const Json* value = find(doc, path);
  if (value == nullptr || !value->is_array()) return out;
  for (const Json& element : *value)
    if (element.is_string()) out.push_back(element.get<std::string>());
  return out;
}

StringMap get_string_map(const Json& doc, Path path) {
  StringMap out;
  const Json* value = find(doc, path);
  if (value == nullptr || !value->is_object()) return out;
  for (const auto& [key, element] : value->items())
    if (element.is_string()) out.emplace(key, element.get<std::string>());
  return out;
}

Json get_json(const Json& doc, Path path) {
  const Json* value = find(doc, path);
  return value == nullptr ? Json() : *value;
}

void put_string(Json& doc, Path path, const std::string& value) {
  if (get_string(doc, path) == value) return;
  write(doc, path, value.empty() ? Json() : Json(value));
}

void put_optional_string(Json& doc, Path path, const std::optional<std::string>& value) {
  if (get_optional_string(doc, path) == value) return;
  write(doc, path, value ? Json(*value) : Json());
}

void put_bool(Json& doc, Path path, std::optional<bool> value) {
  if (get_bool(doc, path) == value) return;
  write(doc, path, value ? Json(*value) : Json());
}

void put_strings(Json& doc, Path path, const std::vector<std::string>& value) {
  if (get_strings(doc, path) == value) return;
  write(doc, path, value.empty() ? Json() : Json(value));
}

void put_string_map(Json& doc, Path path, const StringMap& value) {
  if (get_string_map(doc, path) == value) return;
  write(doc, path, value.empty() ? Json() : Json(value));
}

void put_json(Json& doc, Path path, const Json& value) {
  const Json* current = find(doc, path);
  if (current == nullptr ? value.is_null() : *current == value) return;
  write(doc, path, value);
}

void put_object(Json& doc, Path path, const Json& value) {
  const Json* current = find(doc, path);
  // An empty view read from nothing (absent, null or malformed) has nothing to write back.
  const bool empty_view = value.is_object() && value.empty();
  if (empty_view && (current == nullptr || !current->is_object())) return;
  put_json(doc, path, value);
}

}  // namespace ordinal::identity::fields
