#pragma once
// The inside of Registry, shared by registry.cpp, registry_writes.cpp and registry_watch.cpp.
//
// Group commit: a writer queues its writes in `queue`; the first one to find no leader becomes
// the leader, takes every queued request, plans them in arrival order in one WriteBatch, commits
// them in one SQLite transaction (one sync), publishes, and wakes their writers. Writers that
// arrive during the sync queue up for the next leader. So resourceVersion order is commit order,
// and one sync serves as many writers as were waiting.
//
// Locks, always taken in this order: `queue_mu` guards the queue and the leader flag and is never
// held across planning or the sync; `data` (a shared mutex) guards the objects, the counter, the
// history and the subscribers, and is held only for memory work. Watch streams are pushed to with
// neither held.
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "identity/change.hpp"
#include "identity/event_index.hpp"
#include "identity/guarded.hpp"
#include "identity/registry.hpp"
#include "identity/store.hpp"
#include "identity/watch_history.hpp"

namespace ordinal::identity {

/// A registered watch: it receives changes after `start_after` (what it has not seen yet).
struct Subscriber {
  std::weak_ptr<WatchStream> stream;
  std::uint64_t start_after = 0;
};

struct RegistryData {
  RegistryData(std::size_t history_limit, std::uint64_t loaded_rv)
      : resource_version(loaded_rv), history(history_limit, loaded_rv) {}

  ObjectMap objects;
  std::uint64_t resource_version;  ///< last acknowledged write
  WatchHistory history;
  EventIndex events;  ///< the Events in `objects`, for RegistryOptions::event_limit
  std::vector<Subscriber> subscribers;
  /// Committed changes not yet pushed to subscribers, in resourceVersion order.
  std::vector<std::shared_ptr<const Change>> outbox;
  /// A thread is pushing the outbox; others leave their changes to it, so that every stream
  /// receives events in resourceVersion order.
  bool dispatching = false;
};

/// One caller's writes waiting for a group commit; lives on that caller's stack.
struct PendingWrites {
  std::vector<Registry::Write> writes;
  std::vector<Result<ObjectPtr>> results;  ///< set by the leader before `done`
  bool done = false;                       ///< guarded by State::queue_mu
  /// Notified (under State::queue_mu) when `done` is set, or when this request is first in line
  /// and no leader is left: then its writer leads the next group.
  std::condition_variable wake;
};

struct Registry::State {
  State(std::unique_ptr<Store> s, RegistryOptions o, std::uint64_t loaded_rv)
      : options(std::move(o)), store(std::move(s)), data(options.history_limit, loaded_rv) {}

  /// Plans, commits and applies `writes`; see Registry::commit.
  std::vector<Result<ObjectPtr>> apply(std::vector<Write> writes);
  /// Pushes the outbox to the subscribers; call with no lock held.
  void dispatch();
  /// The leader's work: plans, commits and publishes `group` as one transaction, filling in
  /// each request's results. Called by one thread at a time (the leader), with no lock held.
  void commit_group(const std::vector<PendingWrites*>& group);

  const RegistryOptions options;
  const std::unique_ptr<Store> store;
  std::mutex queue_mu;
  std::deque<PendingWrites*> queue;  ///< requests not yet taken by a leader, in arrival order
  bool leading = false;              ///< a leader is committing a group
  Guarded<RegistryData, std::shared_mutex> data;
};

}  // namespace ordinal::identity
