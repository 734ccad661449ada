// The write path of Registry: plan in memory, commit to SQLite, then publish.
#include <stdexcept>
#include <string>
#include <type_traits>

#include "identity/registry.hpp"
#include "identity/registry_state.hpp"
#include "identity/write_batch.hpp"

namespace ordinal::identity {
namespace {

Result<ObjectPtr> plan(WriteBatch& batch, Registry::Write& write) {
  try {
    return std::visit(
        [&batch](auto& w) -> Result<ObjectPtr> {
          using W = std::decay_t<decltype(w)>;
          if constexpr (std::is_same_v<W, Registry::Create>) {
            return batch.create(std::move(w.object));
          } else if constexpr (std::is_same_v<W, Registry::Update>) {
            return batch.update(std::move(w.object), w.scope);
          } else {
            return batch.remove(w.key, w.options);
          }
        },
        write);
  } catch (const std::exception& e) {
    // A malformed field (e.g. metadata of the wrong type) must fail this write, not the batch.
    return bad_request(std::string("malformed object: ") + e.what());
  }
}

// Deletes the Events that `batch` would keep beyond `limit`, in the same transaction. Their
// results belong to no caller; a failure leaves the Event for the next write to retry.
void drop_excess_events(WriteBatch& batch, const EventIndex& events, std::size_t limit) {
  if (limit == 0) return;
  DeleteOptions now;
  now.grace_period_seconds = 0;
  for (const ObjectKey& key : events.over_limit(batch.changes(), limit)) {
    try {
      (void)batch.remove(key, now);
    } catch (const std::exception&) {
      // A malformed stored Event must not fail the writes of the group.
    }
  }
}

}  // namespace

std::vector<Result<ObjectPtr>> Registry::State::apply(std::vector<Write> writes) {
  PendingWrites mine;
  mine.writes = std::move(writes);
  std::unique_lock lock(queue_mu);
  queue.push_back(&mine);
  while (!mine.done) {
    if (leading) {
      mine.wake.wait(lock);
      continue;
    }
    // No leader: this thread commits everything queued so far, its own request included.
    leading = true;
    std::vector<PendingWrites*> group(queue.begin(), queue.end());
    queue.clear();
    lock.unlock();
    try {
      commit_group(group);
    } catch (const std::exception& e) {
      // Nothing was published (publishing does not throw); every write of the group fails, and
      // the queue must not be left without a leader.
      for (PendingWrites* request : group)
        request->results.assign(request->writes.size(),
                                internal_error(std::string("cannot apply the write: ") + e.what()));
    }
    lock.lock();
    // Only those concerned wake: the group's writers, and the first in line, to lead the next
    // group. (Waking everyone made every waiter in line wake and sleep again per sync.) Under
    // the lock: a writer that finds itself done returns and takes its condition variable along.
    for (PendingWrites* request : group) {
      request->done = true;
      request->wake.notify_one();
    }
    leading = false;
    if (!queue.empty()) queue.front()->wake.notify_one();
  }
  lock.unlock();
  dispatch();
  return std::move(mine.results);
}

void Registry::State::commit_group(const std::vector<PendingWrites*>& group) {
  std::vector<Change> changes;
  std::uint64_t last_rv = 0;
  {
    auto view = data.read();
    WriteBatch batch(view->objects, view->resource_version, options);
    for (PendingWrites* request : group) {
      request->results.reserve(request->writes.size());
      for (auto& write : request->writes) request->results.push_back(plan(batch, write));
    }
    drop_excess_events(batch, view->events, options.event_limit);
    changes = batch.changes();
    last_rv = batch.resource_version();
  }
  if (changes.empty()) return;
  std::vector<StoredChange> rows;
  rows.reserve(changes.size());
  for (const auto& c : changes)
    rows.push_back({c.key, c.type == WatchEvent::Type::Deleted ? nullptr : c.object});
  if (auto error = store->commit(rows, last_rv)) {
    for (PendingWrites* request : group)
      for (auto& r : request->results)
        if (r.ok()) r = *error;
    return;
  }
  // Durable now: publish to readers and queue for watchers.
  auto published = data.lock();
  for (auto& c : changes) {
    if (c.type == WatchEvent::Type::Deleted)
      published->objects.erase(c.key);
    else
      published->objects[c.key] = c.object;
    published->events.apply(c);
    auto shared = std::make_shared<const Change>(std::move(c));
    published->history.append(shared);
    published->outbox.push_back(std::move(shared));
  }
  published->resource_version = last_rv;
}

Result<ObjectPtr> Registry::create(Json object) {
  std::vector<Write> writes;
  writes.emplace_back(Create{std::move(object)});
  return std::move(state_->apply(std::move(writes)).front());
}

Result<ObjectPtr> Registry::update(Json object, UpdateScope scope) {
  std::vector<Write> writes;
  writes.emplace_back(Update{std::move(object), scope});
  return std::move(state_->apply(std::move(writes)).front());
}

Result<ObjectPtr> Registry::remove(const ObjectKey& key, const DeleteOptions& options) {
  std::vector<Write> writes;
  writes.emplace_back(Delete{key, options});
  return std::move(state_->apply(std::move(writes)).front());
}

std::vector<Result<ObjectPtr>> Registry::commit(std::vector<Write> writes) {
  return state_->apply(std::move(writes));
}

}  // namespace ordinal::identity
