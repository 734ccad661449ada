#pragma once
// One control loop of the controller manager (STYLE rule 6: loop + algorithm + effects). The
// manager owns the queue and the thread; a Reconciler only maps changes to keys and syncs one
// key at a time, recomputing desired vs actual from the object manager on every pass.
//
// Thread-safety: the manager calls on_change and sync from its one thread, never concurrently,
// unless the reconciler allows overlapping syncs (max_concurrent_syncs): then syncs of distinct
// keys may run at once on the manager's workers, and still never during an on_change.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "identity/api_error.hpp"
#include "identity/watch.hpp"

namespace ordinal::controller {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

/// What one pass asks of the queue afterwards.
struct SyncOutcome {
  /// Set: the pass failed; the key is retried with per-key exponential backoff.
  std::optional<identity::ApiError> error;
  /// Set: sync the key again after this long even if nothing changes (a timer: readiness after
  /// minReadySeconds, a simulated container start, a grace period ending).
  std::optional<std::chrono::milliseconds> requeue_after;

  static SyncOutcome done() { return {}; }
  static SyncOutcome failed(identity::ApiError e) { return {std::move(e), std::nullopt}; }
  static SyncOutcome after(std::chrono::milliseconds delay) { return {std::nullopt, delay}; }
};

/// The usual key of a namespaced object: "<namespace>/<name>".
inline std::string namespaced_key(const std::string& ns, const std::string& name) {
  return ns + "/" + name;
}

/// Splits a namespaced_key into namespace and name; nullopt when `key` has no '/'.
inline std::optional<std::pair<std::string, std::string>> split_namespaced_key(
    const std::string& key) {
  const std::size_t slash = key.find('/');
  if (slash == std::string::npos) return std::nullopt;
  return std::pair{key.substr(0, slash), key.substr(slash + 1)};
}

/// Where on_change puts the keys to sync. Keys are de-duplicated by the queue.
class KeySink {
 public:
  virtual ~KeySink() = default;
  virtual void add(const std::string& key) = 0;
};

class Reconciler {
 public:
  virtual ~Reconciler() = default;
  /// Short name for logs and metrics, e.g. "statefulset".
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Kinds (e.g. "Pod") whose changes are passed to on_change. At start-up every stored object
  /// of these kinds arrives once as an Added event.
  [[nodiscard]] virtual std::vector<std::string> watched_kinds() const = 0;
  /// Maps a change to the keys that must be synced. `event.object` is the object after the
  /// change (Deleted: its last state). Must not write.
  virtual void on_change(const identity::WatchEvent& event, KeySink& keys) = 0;
  /// Reconciles one key against the current stored state.
  virtual SyncOutcome sync(const std::string& key, TimePoint now) = 0;
  /// How many keys may be synced at once, each on its own thread. 1 (the default): sync is
  /// never called concurrently. More: sync must be safe to run concurrently for distinct keys
  /// (a key is never synced twice at once); the writes of overlapping syncs share disk syncs.
  [[nodiscard]] virtual std::size_t max_concurrent_syncs() const { return 1; }
};

}  // namespace ordinal::controller
