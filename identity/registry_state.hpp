#pragma once
// The inside of Registry, shared by registry.cpp, registry_writes.cpp and registry_watch.cpp.
//
// Locks, always taken in this order: `write_mu` serialises writers and is held across the
// SQLite commit, so resourceVersion order is commit order; `data` (a shared mutex) guards the
// objects, the counter, the history and the subscribers, and is held only for memory work.
// Watch streams are pushed to with neither held.
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "identity/change.hpp"
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
  std::vector<Subscriber> subscribers;
  /// Committed changes not yet pushed to subscribers, in resourceVersion order.
  std::vector<std::shared_ptr<const Change>> outbox;
  /// A thread is pushing the outbox; others leave their changes to it, so that every stream
  /// receives events in resourceVersion order.
  bool dispatching = false;
};

struct Registry::State {
  State(std::unique_ptr<Store> s, RegistryOptions o, std::uint64_t loaded_rv)
      : options(std::move(o)), store(std::move(s)), data(options.history_limit, loaded_rv) {}

  /// Plans, commits and applies `writes`; see Registry::commit.
  std::vector<Result<ObjectPtr>> apply(std::vector<Write> writes);
  /// Pushes the outbox to the subscribers; call with no lock held.
  void dispatch();

  const RegistryOptions options;
  const std::unique_ptr<Store> store;
  std::mutex write_mu;
  Guarded<RegistryData, std::shared_mutex> data;
};

}  // namespace ordinal::identity
