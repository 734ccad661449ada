#pragma once
// Read and write-or-erase helpers for the typed views of stored objects (pod.hpp, service.hpp,
// ...). Every view keeps the document it was read from and writes its modelled fields back on
// top of it, so the helpers follow two rules:
// - a reader never fails: an absent, null or wrongly typed value reads as empty / nullopt;
// - a writer leaves the document untouched when the typed value still reads back the same (so
//   an unmodelled spelling such as `1.0` or an explicit `false` survives a round trip), erases
//   the field when the typed value was cleared, and otherwise writes it, creating the objects
//   on the way.
// All functions are pure (no shared state) and safe to call from any thread on distinct
// documents.
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity::fields {

/// A path of object keys below a document, e.g. {"resources", "requests", "storage"}.
using Path = std::initializer_list<std::string_view>;
using StringMap = std::map<std::string, std::string>;

/// The value at `path`, or nullptr when a step is absent or its parent is not an object.
/// The pointer is into `doc` and lives as long as `doc` is not modified.
const Json* find(const Json& doc, Path path);
/// Writes `value` at `path`, turning `doc` and each missing or non-object step into an
/// object; a null `value` erases the field instead (parents are left as they are).
void write(Json& doc, Path path, Json value);

// Readers.
std::string get_string(const Json& doc, Path path);
std::optional<std::string> get_optional_string(const Json& doc, Path path);
std::optional<bool> get_bool(const Json& doc, Path path);
std::vector<std::string> get_strings(const Json& doc, Path path);
StringMap get_string_map(const Json& doc, Path path);
/// A copy of the value, or null when absent.
Json get_json(const Json& doc, Path path);

/// An integer that fits in T; nullopt when absent, not an integer or out of range.
template <class T>
std::optional<T> get_int(const Json& doc, Path path) {
  static_assert(std::is_integral_v<T> && std::is_signed_v<T>);
  const Json* value = find(doc, path);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto raw = value->get<std::uint64_t>();
    if (raw > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return std::nullopt;
    return static_cast<T>(raw);
  }
  const auto raw = value->get<std::int64_t>();
  if (raw < std::numeric_limits<T>::min() || raw > std::numeric_limits<T>::max())
    return std::nullopt;
  return static_cast<T>(raw);
}

/// Each element of the array at `path` through `T::from_json`; empty when absent.
template <class T>
std::vector<T> get_list(const Json& doc, Path path) {
  std::vector<T> out;
  const Json* value = find(doc, path);
  if (value == nullptr || !value->is_array()) return out;
  out.reserve(value->size());
  for (const Json& element : *value) out.push_back(T::from_json(element));
  return out;
}

/// `T::from_json` of the object at `path`; nullopt when absent or not an object.
template <class T>
std::optional<T> get_optional_object(const Json& doc, Path path) {
  const Json* value = find(doc, path);
  if (value == nullptr || !value->is_object()) return std::nullopt;
  return T::from_json(*value);
}

/// A scalar value type whose `static std::optional<T> from_json(const Json&)` may refuse a
/// value (IntOrString); nullopt when absent or refused.
template <class T>
std::optional<T> get_value(const Json& doc, Path path) {
  const Json* value = find(doc, path);
  if (value == nullptr) return std::nullopt;
  return T::from_json(*value);
}

/// `T::from_json` of the value at `path`, or of null when absent (an empty view).
template <class T>
T get_object(const Json& doc, Path path) {
  const Json* value = find(doc, path);
  return T::from_json(value == nullptr ? Json() : *value);
}

// Writers: no-op when unchanged, erase when cleared (empty string, nullopt, empty container).
void put_string(Json& doc, Path path, const std::string& value);
void put_optional_string(Json& doc, Path path, const std::optional<std::string>& value);
void put_bool(Json& doc, Path path, std::optional<bool> value);
void put_strings(Json& doc, Path path, const std::vector<std::string>& value);
void put_string_map(Json& doc, Path path, const StringMap& value);
/// A null `value` erases.
void put_json(Json& doc, Path path, const Json& value);
/// For a nested view that is always there (metadata, spec, status): written unless it is an
/// empty object and the field is absent, so an absent block stays absent.
void put_object(Json& doc, Path path, const Json& value);

template <class T>
void put_int(Json& doc, Path path, std::optional<T> value) {
  if (get_int<T>(doc, path) == value) return;
  write(doc, path, value ? Json(*value) : Json());
}

/// The counterpart of get_value: nullopt erases.
template <class T>
void put_value(Json& doc, Path path, const std::optional<T>& value) {
  if (get_value<T>(doc, path) == value) return;
  write(doc, path, value ? value->to_json() : Json());
}

/// Each element through `to_json()`; an empty list erases a non-empty array.
template <class T>
void put_list(Json& doc, Path path, const std::vector<T>& value) {
  const Json* current = find(doc, path);
  if (value.empty()) {
    if (current != nullptr && current->is_array() && !current->empty()) write(doc, path, Json());
    return;
  }
  Json array = Json::array();
  for (const T& element : value) array.push_back(element.to_json());
  if (current != nullptr && *current == array) return;
  write(doc, path, std::move(array));
}

/// A block whose presence matters (e.g. `rollingUpdate`): nullopt erases, a value is written
/// even when it is an empty object.
template <class T>
void put_optional_object(Json& doc, Path path, const std::optional<T>& value) {
  if (!value) {
    write(doc, path, Json());
    return;
  }
  put_json(doc, path, value->to_json());
}

}  // namespace ordinal::identity::fields
