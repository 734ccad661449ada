#pragma once
// Keeps the served zone in step with the registry: lists and watches Namespaces, Services,
// EndpointSlices and Pods, and publishes a new snapshot after every change.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "identity/registry.hpp"
#include "zones/snapshot_holder.hpp"
#include "zones/zone_config.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// One background thread owns the watches. Each batch of events is applied to a ZoneUpdater,
/// which recompiles only the Services, pods and namespaces it touches; the new snapshot shares
/// every other name with the previous one and is published with one pointer swap; readers
/// never wait for the builder. A lost watch relists everything and starts a fresh updater.
class ZoneFeed {
 public:
  /// `registry` must outlive the feed.
  ZoneFeed(identity::Registry& registry, ZoneConfig config);
  ~ZoneFeed();
  ZoneFeed(const ZoneFeed&) = delete;
  ZoneFeed& operator=(const ZoneFeed&) = delete;

  /// Lists every input kind, publishes the first snapshot, then starts watching on its own
  /// thread. Returns once the first snapshot is published. Throws std::runtime_error when the
  /// registry refuses a watch. Call once.
  void start();
  /// Stops watching and joins the thread; the last snapshot stays readable. Idempotent.
  void stop();
  /// The newest snapshot (never null after start()). Any thread.
  [[nodiscard]] std::shared_ptr<const ZoneSnapshot> current() const { return holder_.current(); }
  /// Where the DNS server reads snapshots from; lives as long as the feed.
  [[nodiscard]] const SnapshotHolder& holder() const { return holder_; }
  /// Number of snapshots published so far (tests wait on it).
  [[nodiscard]] std::uint64_t publishes() const { return holder_.generation(); }

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
  void run();
  void relist();
  bool drain();
  void rebuild();

  identity::Registry& registry_;
  const ZoneConfig config_;
  SnapshotHolder holder_;
  std::unique_ptr<Watches> watches_;
  std::shared_ptr<Signal> signal_ = std::make_shared<Signal>();
  std::thread thread_;
};

}  // namespace ordinal::zones
