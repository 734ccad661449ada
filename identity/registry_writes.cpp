// The write path of Registry: plan in memory, commit to SQLite, then publish.
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

}  // namespace

std::vector<Result<ObjectPtr>> Registry::State::apply(std::vector<Write> writes) {
  std::vector<Result<ObjectPtr>> results;
  results.reserve(writes.size());
  {
    std::lock_guard write_lock(write_mu);
    std::vector<Change> changes;
    std::uint64_t last_rv = 0;
    {
      auto view = data.read();
      WriteBatch batch(view->objects, view->resource_version, options);
      for (auto& write : writes) results.push_back(plan(batch, write));
      changes = batch.changes();
      last_rv = batch.resource_version();
    }
    if (changes.empty()) return results;
    std::vector<StoredChange> rows;
    rows.reserve(changes.size());
    for (const auto& c : changes)
      rows.push_back({c.key, c.type == WatchEvent::Type::Deleted ? nullptr : c.object});
    if (auto error = store->commit(rows, last_rv)) {
      for (auto& r : results)
        if (r.ok()) r = *error;
      return results;
    }
    // Durable now: publish to readers and queue for watchers.
    auto published = data.lock();
    for (auto& c : changes) {
      if (c.type == WatchEvent::Type::Deleted)
        published->objects.erase(c.key);
      else
        published->objects[c.key] = c.object;
      auto shared = std::make_shared<const Change>(std::move(c));
      published->history.append(shared);
      published->outbox.push_back(std::move(shared));
    }
    published->resource_version = last_rv;
  }
  dispatch();
  return results;
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
