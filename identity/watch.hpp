#pragma once
// Watch streams: what a client of the registry receives after `watch(...)`. The registry pushes
// events from the writer's thread; one consumer drains them from any thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "identity/json.hpp"
#include "identity/label_selector.hpp"

namespace ordinal::identity {

using ObjectPtr = std::shared_ptr<const Json>;

struct WatchEvent {
  enum class Type { Added, Modified, Deleted, Bookmark };
  Type type = Type::Added;
  /// The object after the change (for Deleted: the last state, with the deletion's
  /// resourceVersion). For Bookmark: an object carrying only kind, apiVersion and
  /// metadata.resourceVersion.
  ObjectPtr object;
  std::uint64_t resource_version = 0;
};

/// "ADDED", "MODIFIED", "DELETED", "BOOKMARK".
const char* to_string(WatchEvent::Type type);

/// Which events a watch receives.
struct WatchFilter {
  std::string kind;                 ///< required, e.g. "Pod"
  std::optional<std::string> ns;    ///< nullopt = all namespaces
  std::optional<std::string> name;  ///< fieldSelector=metadata.name=...
  LabelSelector labels;             ///< empty = everything
  [[nodiscard]] bool matches(const Json& object) const;
};

/// One subscriber's queue. Thread-safe. The registry holds it weakly and drops it once the
/// consumer lets go of its shared_ptr or calls close().
class WatchStream {
 public:
  explicit WatchStream(WatchFilter filter, std::size_t max_pending = 100000);

  /// Takes every pending event, in resourceVersion order. Empty vector: nothing yet.
  /// nullopt: the stream is closed (by close(), by the registry shutting down, or because the
  /// consumer fell more than max_pending events behind — the client must re-list).
  std::optional<std::vector<WatchEvent>> take();
  /// Called by the registry after pushing; invokes the notifier outside the lock.
  void push(WatchEvent event);
  /// `notify` is called (from the pushing thread, without locks held) whenever events become
  /// available or the stream closes. Set it before the first take().
  void set_notify(std::function<void()> notify);
  void close();
  [[nodiscard]] bool closed() const;
  [[nodiscard]] const WatchFilter& filter() const { return filter_; }

 private:
  const WatchFilter filter_;
  const std::size_t max_pending_;
  mutable std::mutex mu_;
  std::vector<WatchEvent> pending_;
  std::function<void()> notify_;
  bool closed_ = false;
};

}  // namespace ordinal::identity
