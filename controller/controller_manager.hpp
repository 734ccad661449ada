#pragma once
// Runs the reconcilers of `ordinal serve` (StatefulSet controller, volume binder, simulated
// kubelet, EndpointSlice controller, garbage collector) on one thread: it watches the registry
// for every kind a reconciler asked for, turns each change into keys on that reconciler's work
// queue, and syncs ready keys round-robin, honouring requeue timers and failure backoff.
//
// One thread keeps the reconcilers free of locks and of races with each other; each sync reads
// fresh state from the registry, so the order of keys never matters for correctness. A
// reconciler that allows it (Reconciler::max_concurrent_syncs) has several of its ready keys
// synced at once on a worker pool, so that their writes share group commits; the manager waits
// for them all before going on.
//
// Thread-safety: construct, start and stop from one thread; the reconcilers run on the
// manager's thread only.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "controller/reconciler.hpp"
#include "controller/work_queue.hpp"
#include "controller/worker_pool.hpp"
#include "identity/registry.hpp"

namespace ordinal::controller {

struct ReconcilerStats {
  std::string name;
  std::uint64_t syncs = 0;
  std::uint64_t failures = 0;
  std::size_t queued = 0;
};

class ControllerManager {
 public:
  /// `registry` must outlive the manager.
  explicit ControllerManager(identity::Registry& registry);
  ~ControllerManager();
  ControllerManager(const ControllerManager&) = delete;
  ControllerManager& operator=(const ControllerManager&) = delete;

  /// Adds a reconciler; only before start().
  void add(std::unique_ptr<Reconciler> reconciler);
  /// Adds work done on the manager's thread after every round of syncs, e.g. writing the
  /// events a deferred EventRecorder collected; only before start().
  void after_round(std::function<void()> work);
  /// Opens the watches (every stored object arrives once as Added) and starts the thread.
  /// Throws std::runtime_error when a watch cannot be opened.
  void start();
  /// Finishes the sync in progress, then stops the thread. Idempotent.
  void stop();

  /// Counters per reconciler (for /metrics and tests); safe from any thread.
  [[nodiscard]] std::vector<ReconcilerStats> stats() const;

 private:
  struct Entry {
    std::unique_ptr<Reconciler> reconciler;
    WorkQueue queue;
    std::uint64_t syncs = 0;
    std::uint64_t failures = 0;
    std::vector<std::string> kinds;       ///< watched_kinds(), asked once
    std::unique_ptr<WorkerPool> workers;  ///< when syncs may overlap
  };
  struct Watch {
    std::string kind;
    std::shared_ptr<identity::WatchStream> stream;
    std::uint64_t last_rv = 0;
  };

  void open_watch(Watch& watch);
  void run();
  bool drain_watches();
  bool sync_one_round();
  /// Syncs up to max_concurrent_syncs ready keys of `entry`; false when none was ready.
  bool sync_ready(Entry& entry);
  static SyncOutcome run_sync(Entry& entry, const std::string& key);
  void finish_sync(Entry& entry, const std::string& key, const SyncOutcome& outcome);
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;

  identity::Registry& registry_;
  std::vector<Entry> entries_;
  std::vector<Watch> watches_;
  std::vector<std::function<void()>> after_round_;
  std::thread thread_;
  mutable std::mutex mu_;  ///< guards wake_, stopping_ and the stats copies
  std::condition_variable cv_;
  bool wake_ = false;
  bool stopping_ = false;
  std::vector<ReconcilerStats> stats_;
};

}  // namespace ordinal::controller
