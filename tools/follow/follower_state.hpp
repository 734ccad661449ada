#pragma once
// The follower's bookkeeping without sockets: list results and watch events in, snapshots out,
// and the decisions the connection code acts on (resume from where, relist when). Owned and
// called by one thread.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "tools/follow/source_messages.hpp"
#include "zones/snapshot_holder.hpp"
#include "zones/zone_config.hpp"
#include "zones/zone_updater.hpp"

namespace ordinal::follow {

class FollowerState {
 public:
  /// `holder` receives every snapshot and must outlive the state.
  FollowerState(zones::ZoneConfig config, zones::SnapshotHolder& holder);

  /// Starts a relist: forgets the lists gathered so far. The zone published last stays served
  /// until the relist completes.
  void begin_relist();
  /// Hands over the list of `kind` for the current relist. When it was the last kind missing,
  /// builds a fresh zone from all the lists, publishes it with one pointer swap and returns
  /// true; watches then start from resource_version(kind). Until then nothing is published, so
  /// a half-listed source is never served.
  bool add_list(Kind kind, ListResult list);

  /// What the connection code does after an event.
  enum class Outcome {
    Applied,   ///< the zone changed (published at the next flush())
    Advanced,  ///< only the resume position moved (bookmark, or an object DNS ignores)
    Expired,   ///< 410: the position is too old; relist everything
    Failed,    ///< ERROR other than 410, or a line not understood: reconnect and resume
  };
  /// Applies one event of `kind`'s watch; before the first complete list it is Failed (there is
  /// nothing to apply it to).
  Outcome apply(Kind kind, WatchEvent event);
  /// Publishes the events applied since the last publish as one snapshot (coalescing a
  /// burst). True when it published.
  bool flush();

  /// Where `kind`'s watch resumes: the last list's or event's resourceVersion.
  [[nodiscard]] const std::string& resource_version(Kind kind) const;
  /// True once a complete list has been published.
  [[nodiscard]] bool published() const { return updater_ != nullptr; }
  /// True between begin_relist() and the add_list() that completes it.
  [[nodiscard]] bool relisting() const { return relisting_; }
  /// Complete lists published so far (the first one included).
  [[nodiscard]] std::uint64_t relists() const { return relists_; }
  /// ADDED, MODIFIED and DELETED events applied so far.
  [[nodiscard]] std::uint64_t events() const { return events_; }
  /// The serial of the zone published last (0 before the first).
  [[nodiscard]] std::uint32_t serial() const { return serial_; }
  /// When the source last told us something current (a complete list, an event or a
  /// bookmark); nullopt before the first complete list.
  [[nodiscard]] std::optional<std::chrono::system_clock::time_point> last_sync() const {
    return last_sync_;
  }

 private:
  void publish();

  const zones::ZoneConfig config_;
  zones::SnapshotHolder& holder_;
  /// The live zone, fed by events; replaced by each completed relist.
  std::unique_ptr<zones::ZoneUpdater> updater_;
  std::array<std::optional<ListResult>, kKindCount> lists_;
  std::array<std::string, kKindCount> versions_;
  bool relisting_ = true;
  bool dirty_ = false;
  std::uint64_t relists_ = 0;
  std::uint64_t events_ = 0;
  std::uint32_t serial_ = 0;
  std::optional<std::chrono::system_clock::time_point> last_sync_;
};

}  // namespace ordinal::follow
