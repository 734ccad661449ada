#pragma once
// Kubernetes object metadata: uids, timestamps, generated names, and small accessors for the
// `metadata` fields the registry maintains. All functions are thread-safe and never throw on
// missing or mistyped fields (they read as absent).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/json.hpp"

namespace ordinal::identity {

/// A random UUID (version 4, RFC 4122 variant), lower-case, e.g. "3f2a…-4…-a…".
std::string new_uid();
/// RFC 3339 in UTC with second precision: "2026-11-22T00:15:08Z".
std::string format_timestamp(std::chrono::system_clock::time_point time);
/// Reads an RFC 3339 timestamp ("2026-11-22T00:15:08Z"; numeric offsets such as "+01:00" too;
/// fractional seconds are dropped, the stored timestamps having second precision); nullopt
/// when malformed.
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text);
/// Five characters from Kubernetes's alphabet for `generateName` ("bcdfghjklmnpqrstvwxz2456789").
std::string random_name_suffix();

/// The object's `metadata`, created as an empty object when absent or not an object.
Json& metadata_of(Json& object);
/// A string field of `metadata`; "" when absent or not a string.
std::string metadata_string(const Json& object, const char* field);
/// A string member of `object`; "" when `object` is no object, or the member is absent or not
/// a string.
std::string string_member(const Json& object, std::string_view field);
/// The value of label `label` in metadata.labels; "" when absent or not a string.
std::string label_string(const Json& object, std::string_view label);
/// metadata.resourceVersion as a number; nullopt when absent, empty or not a decimal number.
std::optional<std::uint64_t> resource_version_of(const Json& object);
/// Sets metadata.resourceVersion to the decimal string of `rv`.
void set_resource_version(Json& object, std::uint64_t rv);
/// metadata.finalizers (strings only); empty when absent.
std::vector<std::string> finalizers_of(const Json& object);
/// True when metadata.deletionTimestamp is set.
bool is_terminating(const Json& object);
/// metadata.deletionGracePeriodSeconds; nullopt when absent.
std::optional<std::int64_t> deletion_grace_of(const Json& object);
/// metadata.generation; 0 when absent.
std::int64_t generation_of(const Json& object);

}  // namespace ordinal::identity
