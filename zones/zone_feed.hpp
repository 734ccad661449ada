#pragma once
// Keeps the served zone in step with the registry: lists and watches Namespaces, Services,
// EndpointSlices, Pods and StatefulSets, and publishes a new snapshot after every change.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "identity/registry.hpp"
#include "zones/snapshot_holder.hpp"
#include "zones/zone_config.hpp"
#include "zones/zone_inputs.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// One background thread owns the watches. Each batch of events is applied to a ZoneUpdater,
/// which recompiles only the Services, pods and namespaces it touches; the new snapshot shares
/// every other name with the previous one and is published with one pointer swap; readers
/// never wait for the builder. A lost watch relists everything, serves a full build of it and
/// starts a fresh updater behind it.
class ZoneFeed {
 public:
  /// `registry` must outlive the feed.
  ZoneFeed(identity::Registry& registry, ZoneConfig config);
  ~ZoneFeed();
  ZoneFeed(const ZoneFeed&) = delete;
  ZoneFeed& operator=(const ZoneFeed&) = delete;

  /// Lists every input kind, publishes the first snapshot (a full build), then starts watching
  /// on its own thread, where the incremental updater compiles the zone before the first change
  /// is applied. Returns once the first snapshot is published. Throws std::runtime_error when
  /// the registry refuses a watch. Call once.
  void start();
  /// Stops watching and joins the thread; the last snapshot stays readable. Idempotent.
  void stop();
  /// The newest snapshot (never null after start()). Any thread.
  [[nodiscard]] std::shared_ptr<const ZoneSnapshot> current() const { return holder_.current(); }
  /// Where the DNS server reads snapshots from; lives as long as the feed.
  [[nodiscard]] const SnapshotHolder& holder() const { return holder_; }
  /// Number of snapshots published so far (tests wait on it).
  [[nodiscard]] std::uint64_t publishes() const { return holder_.versions(); }
  /// Returns once the published snapshot reflects every registry change committed before the
  /// call (issue 4: DNS answers follow an acknowledged write), or when `timeout` has passed.
  /// True when settled; false on timeout, or at once when the feed is not running. Any
  /// thread, any number at once. Cost: one registry watch per input kind, replaying the
  /// changes after the feed's position, plus the wait for the feed to publish.
  bool settle(std::chrono::milliseconds timeout);

 private:
  struct Watches;
  /// Shared with the watch notifiers, so a notification still in flight while the feed is
  /// destroyed touches only this.
  struct Signal {
    std::mutex mu;
    std::condition_variable wake;
    bool pending = false;
    bool stopping = false;
  };
  /// Where the published snapshot stands, for settle().
  struct Progress {
    std::mutex mu;
    std::condition_variable advanced;
    /// kind -> every change of that kind up to this resourceVersion is published.
    std::map<std::string, std::uint64_t> applied;
    bool running = false;
  };
  void run();
  /// Lists every kind, publishes a full build of the lists, then mark_published(); the lists
  /// wait in `Watches::listed` for fill_updater() on the feed's thread.
  void relist_and_serve();
  /// Lists every kind into `inputs` and watches from there.
  void relist(ZoneInputs& inputs);
  /// A fresh updater from `Watches::listed` (moved from, then cleared).
  void fill_updater();
  /// Applies the watched events to the updater; false when a watch was lost. Sets `changed`
  /// when any object was applied.
  bool drain(bool& changed);
  /// Compiles the updater's changes and publishes the new snapshot, then mark_published().
  void rebuild();
  /// The updater's first compile when nothing changed since a relist's full build: the same
  /// version, served in its place (SnapshotHolder::replace) so that later snapshots share its
  /// names and the full build's memory goes.
  void take_over();
  /// Records that the served snapshot reflects everything taken from the watches (settle()).
  void mark_published();
  bool settle_kind(const std::string& kind, std::uint64_t target,
                   std::chrono::steady_clock::time_point deadline);
  /// The resourceVersion of the last change of `kind` in (after, upto] the registry knows of,
  /// 0 when there is none.
  std::uint64_t last_change(const std::string& kind, std::uint64_t after, std::uint64_t upto);

  identity::Registry& registry_;
  const ZoneConfig config_;
  SnapshotHolder holder_;
  Progress progress_;
  std::unique_ptr<Watches> watches_;
  std::shared_ptr<Signal> signal_ = std::make_shared<Signal>();
  std::thread thread_;
};

}  // namespace ordinal::zones
