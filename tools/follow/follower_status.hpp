#pragma once
// What a follower says about itself on its small HTTP endpoint (/healthz, /livez, /readyz,
// /metrics; everything else is a Status naming the source to write to). Pure functions, so the
// answers are tested without sockets.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ordinal::follow {

/// A copy of the follower's state at one moment.
struct FollowerStatus {
  std::string source;      ///< the --follow URL
  bool published = false;  ///< a complete list has been published
  /// Since when the source has been unreachable or failing; nullopt while it answers.
  std::optional<std::chrono::system_clock::time_point> down_since;
  std::string last_error;  ///< why, when down_since is set
  std::uint64_t relists = 0;
  std::uint64_t events = 0;
  std::uint32_t serial = 0;
  std::optional<std::chrono::system_clock::time_point> last_sync;

  /// Answering from a complete list and connected to the source.
  [[nodiscard]] bool ready() const { return published && !down_since; }
};

struct StatusReply {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

/// The answer to GET `target` (path and query). Non-GET methods get the same 404 Status as
/// unknown paths, from the caller.
StatusReply answer_status(const std::string& target, const FollowerStatus& status);

}  // namespace ordinal::follow
