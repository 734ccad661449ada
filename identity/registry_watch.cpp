// Watch streams of Registry: registration (initial ADDED events or replay from the history)
// and delivery of committed changes in resourceVersion order.
#include "identity/kinds.hpp"
#include "identity/metadata.hpp"
#include "identity/registry.hpp"
#include "identity/registry_state.hpp"

namespace ordinal::identity {
namespace {

void push_safely(WatchStream& stream, WatchEvent event) {
  try {
    stream.push(std::move(event));
  } catch (...) {
    // A notifier that throws must not stop delivery to everyone else; its stream ends.
    stream.close();
  }
}

}  // namespace

void Registry::State::dispatch() {
  auto locked = data.lock();
  if (locked->dispatching) return;
  locked->dispatching = true;
  while (!locked->outbox.empty()) {
    const auto changes = std::exchange(locked->outbox, {});
    std::vector<std::pair<std::shared_ptr<WatchStream>, std::uint64_t>> targets;
    std::erase_if(locked->subscribers, [&targets](const Subscriber& s) {
      auto stream = s.stream.lock();
      if (!stream || stream->closed()) return true;
      targets.emplace_back(std::move(stream), s.start_after);
      return false;
    });
    locked.unlock();
    for (const auto& change : changes)
      for (const auto& [stream, start_after] : targets)
        if (change->resource_version > start_after)
          if (auto event = event_for(stream->filter(), *change))
            push_safely(*stream, std::move(*event));
    locked.lock();
  }
  locked->dispatching = false;
}

Result<std::shared_ptr<WatchStream>> Registry::watch(WatchFilter filter,
                                                     std::optional<std::uint64_t> from) {
  const KindInfo* info = find_kind(filter.kind);
  if (info == nullptr) return bad_request("no kind \"" + filter.kind + "\" is registered");
  if (!info->namespaced) filter.ns.reset();
  auto stream = std::make_shared<WatchStream>(std::move(filter));
  const WatchFilter& f = stream->filter();
  // Nobody else holds the new stream yet, so pushing here cannot call a notifier under the lock;
  // registering under the same lock leaves no gap and no duplicate before live events.
  auto locked = state_->data.lock();
  if (!from || *from == 0) {
    auto it = locked->objects.lower_bound(ObjectKey{f.kind, f.ns.value_or(""), ""});
    for (; it != locked->objects.end() && it->first.kind == f.kind; ++it) {
      if (f.ns && it->first.ns != *f.ns) break;
      if (f.matches(*it->second))
        stream->push(
            {WatchEvent::Type::Added, it->second, resource_version_of(*it->second).value_or(0)});
    }
  } else {
    const auto changes = locked->history.since(*from);
    if (!changes)
      return gone("too old resource version: " + std::to_string(*from) + " (" +
                  std::to_string(locked->history.window_start()) + ")");
    for (const auto& change : *changes)
      if (auto event = event_for(f, *change)) stream->push(std::move(*event));
  }
  const std::uint64_t start_after = std::max(locked->resource_version, from.value_or(0));
  locked->subscribers.push_back({stream, start_after});
  return stream;
}

void Registry::close_watches() {
  std::vector<Subscriber> subscribers;
  {
    auto locked = state_->data.lock();
    subscribers = std::exchange(locked->subscribers, {});
  }
  for (const auto& s : subscribers)
    if (auto stream = s.stream.lock()) stream->close();
}

}  // namespace ordinal::identity
