#pragma once
// What a Kubernetes-shaped API sends a follower: List bodies and watch event lines, read
// straight into slim objects (source_kinds.hpp). No sockets here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/follow/source_kinds.hpp"

namespace ordinal::follow {

/// One List response, reduced to what DNS needs.
struct ListResult {
  std::string resource_version;  ///< metadata.resourceVersion: where the watch starts
  std::vector<SlimObject> items;
};

/// Parses a List body of `kind`. Items are reduced one at a time as the parser finishes each,
/// so the whole list never exists as JSON in memory. nullopt when the body is not JSON or has
/// no `items` array; items that cannot appear in DNS are skipped.
std::optional<ListResult> parse_list(Kind kind, std::string_view body);

/// One line of a watch stream.
struct WatchEvent {
  enum class Type { Added, Modified, Deleted, Bookmark, Error, Unknown };
  Type type = Type::Unknown;
  /// metadata.resourceVersion of the object (for Bookmark: the position it carries); may be
  /// empty.
  std::string resource_version;
  /// The object of ADDED/MODIFIED/DELETED in slim form; nullopt when it cannot appear in DNS.
  std::optional<SlimObject> object;
  /// For ERROR: the Status object's code (410 = the position is too old) and message.
  int error_code = 0;
  std::string error_message;
};

/// Parses one line (`{"type":"ADDED","object":{...}}`) of a watch of `kind`; nullopt when the
/// line is not a JSON object.
std::optional<WatchEvent> parse_event(Kind kind, std::string_view line);

}  // namespace ordinal::follow
