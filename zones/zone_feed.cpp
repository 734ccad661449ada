#include "zones/zone_feed.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "identity/parallel_ranges.hpp"
#include "zones/zone_builder.hpp"
#include "zones/zone_inputs.hpp"
#include "zones/zone_updater.hpp"

namespace ordinal::zones {
namespace {

// Every kind the zone depends on (dns.md §2.1).
const char* const kKinds[] = {"Namespace", "Service", "EndpointSlice", "Pod", "StatefulSet"};

}  // namespace

struct ZoneFeed::Watches {
  std::map<std::string, std::shared_ptr<identity::WatchStream>> streams;
  /// Holds the compiled zone between batches; replaced on every relist.
  std::unique_ptr<ZoneUpdater> updater;
  /// A relist's objects, served as a full build and waiting to fill a fresh updater.
  std::optional<ZoneInputs> listed;
  std::uint32_t serial = 0;
  /// kind -> resourceVersion of the last event (or list) handed to the updater.
  std::map<std::string, std::uint64_t> taken;
};

namespace {

/// Hands one object of `kind` to the updater: added or changed when `present`, else gone.
/// Objects that cannot appear in DNS (no name or namespace) are ignored.
void apply(ZoneUpdater& updater, const std::string& kind, const identity::Json& object,
           bool present) {
  if (kind == "Namespace") {
    if (auto name = namespace_from_json(object)) {
      present ? updater.put_namespace(*name) : updater.remove_namespace(*name);
    }
  } else if (kind == "Service") {
    if (auto service = service_from_json(object)) {
      if (present) {
        updater.put_service(std::move(*service));
      } else {
        updater.remove_service(service->ns, service->name);
      }
    }
  } else if (kind == "EndpointSlice") {
    if (auto slice = slice_from_json(object)) {
      if (present) {
        updater.put_slice(std::move(*slice));
      } else {
        updater.remove_slice(slice->ns, slice->name);
      }
    }
  } else if (kind == "Pod") {
    if (auto pod = pod_from_json(object)) {
      present ? updater.put_pod(*pod) : updater.remove_pod(pod->ns, pod->name);
    }
  } else if (kind == "StatefulSet") {
    if (auto set = set_from_json(object)) {
      if (present) {
        updater.put_set(std::move(*set));
      } else {
        updater.remove_set(set->ns, set->name);
      }
    }
  }
}

// Reads every listed object into its zone form, the cores sharing the work: a relist reads the
// whole cluster (at 100,000 pods about 2.5 s on one core, before the zone can be served).
template <class Info>
std::vector<std::optional<Info>> read_all(const std::vector<identity::ObjectPtr>& items,
                                          std::optional<Info> (*read)(const identity::Json&)) {
  std::vector<std::optional<Info>> infos(items.size());
  identity::for_ranges(items.size(), 1000, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) infos[i] = read(*items[i]);
  });
  return infos;
}

/// Reads every item of one kind into its zone form in `out`; unreadable ones are skipped.
template <class Info>
void read_listed(const std::vector<identity::ObjectPtr>& items,
                 std::optional<Info> (*read)(const identity::Json&), std::vector<Info>& out) {
  for (auto& info : read_all(items, read)) {
    if (info) out.push_back(std::move(*info));
  }
}

/// Reads a whole list of `kind` into `inputs`.
void read_listed(const std::string& kind, const std::vector<identity::ObjectPtr>& items,
                 ZoneInputs& inputs) {
  if (kind == "Namespace") {
    read_listed(items, namespace_from_json, inputs.namespaces);
  } else if (kind == "Service") {
    read_listed(items, service_from_json, inputs.services);
  } else if (kind == "EndpointSlice") {
    read_listed(items, slice_from_json, inputs.slices);
  } else if (kind == "Pod") {
    read_listed(items, pod_from_json, inputs.pods);
  } else if (kind == "StatefulSet") {
    read_listed(items, set_from_json, inputs.sets);
  }
}

}  // namespace

ZoneFeed::ZoneFeed(identity::Registry& registry, ZoneConfig config)
    : registry_(registry), config_(std::move(config)), watches_(std::make_unique<Watches>()) {}

ZoneFeed::~ZoneFeed() {
  stop();
}

void ZoneFeed::start() {
  relist_and_serve();
  {
    std::lock_guard lock(progress_.mu);
    progress_.running = true;
  }
  thread_ = std::thread([this] { run(); });
}

void ZoneFeed::stop() {
  {
    std::lock_guard lock(progress_.mu);
    progress_.running = false;
  }
  progress_.advanced.notify_all();
  {
    std::lock_guard lock(signal_->mu);
    signal_->stopping = true;
  }
  signal_->wake.notify_all();
  if (thread_.joinable()) thread_.join();
  for (auto& [kind, stream] : watches_->streams) stream->close();
}

void ZoneFeed::relist_and_serve() {
  // The snapshot comes from a full build over the listed objects, which runs on every core;
  // the updater is filled and compiles (several times slower: it keeps what each name reads
  // and contributes, for the changes to come) on the feed's thread while the zone is already
  // served. At 100,000 pods: serving about 8 s sooner after a restart or a lost watch.
  ZoneInputs inputs;
  relist(inputs);
  watches_->serial = next_serial(watches_->serial, std::chrono::system_clock::now());
  holder_.publish(build_snapshot(inputs, config_, watches_->serial));
  watches_->listed = std::move(inputs);
  mark_published();
}

void ZoneFeed::relist(ZoneInputs& inputs) {
  // Watching from each list's resourceVersion loses no event between list and watch.
  for (auto& [kind, stream] : watches_->streams) stream->close();
  watches_->streams.clear();
  // The updater is replaced by one filled from these lists; without one, a failure below has
  // the feed's thread list again on its next turn.
  watches_->updater.reset();
  watches_->listed.reset();
  for (const char* kind : kKinds) {
    const auto listed = registry_.list(kind, std::nullopt);
    read_listed(kind, listed.items, inputs);
    auto& taken = watches_->taken[kind];
    taken = std::max(taken, listed.resource_version);
    auto stream = registry_.watch(identity::WatchFilter{kind, {}, {}, {}}, listed.resource_version);
    if (!stream) throw std::runtime_error(std::string("zone feed: cannot watch ") + kind);
    (*stream)->set_notify([signal = signal_] {
      {
        std::lock_guard lock(signal->mu);
        signal->pending = true;
      }
      signal->wake.notify_one();
    });
    watches_->streams[kind] = *stream;
  }
}

void ZoneFeed::fill_updater() {
  // relist() dropped the old updater; taking the lists first means a failure below leaves
  // neither, and the next turn lists again.
  ZoneInputs listed = std::move(*watches_->listed);
  watches_->listed.reset();
  auto updater = std::make_unique<ZoneUpdater>(config_);
  updater->put_all(std::move(listed));
  watches_->updater = std::move(updater);
}

bool ZoneFeed::drain(bool& changed) {
  for (auto& [kind, stream] : watches_->streams) {
    auto events = stream->take();
    if (!events) return false;
    for (const auto& event : *events) {
      auto& taken = watches_->taken[kind];
      taken = std::max(taken, event.resource_version);
      if (event.type == identity::WatchEvent::Type::Bookmark || !event.object) continue;
      apply(*watches_->updater, kind, *event.object,
            event.type != identity::WatchEvent::Type::Deleted);
      changed = true;
    }
  }
  return true;
}

void ZoneFeed::rebuild() {
  watches_->serial = next_serial(watches_->serial, std::chrono::system_clock::now());
  holder_.publish(watches_->updater->publish(watches_->serial));
  mark_published();
}

void ZoneFeed::take_over() {
  holder_.replace(watches_->updater->publish(watches_->serial));
  mark_published();
}

void ZoneFeed::mark_published() {
  {
    std::lock_guard lock(progress_.mu);
    for (const auto& [kind, version] : watches_->taken) {
      auto& applied = progress_.applied[kind];
      applied = std::max(applied, version);
    }
  }
  progress_.advanced.notify_all();
}

bool ZoneFeed::settle(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // Every change committed before this call has a resourceVersion up to here.
  const std::uint64_t target = registry_.resource_version();
  for (const char* kind : kKinds) {
    if (!settle_kind(kind, target, deadline)) return false;
  }
  return true;
}

bool ZoneFeed::settle_kind(const std::string& kind, std::uint64_t target,
                           std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(progress_.mu);
  for (;;) {
    if (!progress_.running) return false;
    const std::uint64_t applied = progress_.applied[kind];
    if (applied >= target) return true;
    // Changes are queued for watchers when they commit but pushed a moment later, maybe by
    // another writer's thread, so the feed's own streams cannot tell what is still on the way.
    // The registry's history can: it holds every change from the moment it commits.
    lock.unlock();
    const std::uint64_t needed = last_change(kind, applied, target);
    lock.lock();
    auto& position = progress_.applied[kind];
    if (needed == 0) {
      position = std::max(position, target);  // nothing of this kind in (applied, target]
      return true;
    }
    const bool reached = progress_.advanced.wait_until(
        lock, deadline, [&] { return !progress_.running || progress_.applied[kind] >= needed; });
    if (!reached) return false;
  }
}

std::uint64_t ZoneFeed::last_change(const std::string& kind, std::uint64_t after,
                                    std::uint64_t upto) {
  const identity::WatchFilter filter{kind, {}, {}, {}};
  auto probe = registry_.watch(filter, after);
  // Too old for the history window (the kind was quiet for long): the objects as they are now
  // carry the resourceVersions of their last changes; deletions that old are delivered.
  if (!probe && after != 0) probe = registry_.watch(filter, 0);
  if (!probe) return upto;
  const auto events = (*probe)->take();
  (*probe)->close();
  std::uint64_t last = 0;
  for (const auto& event : events.value_or(std::vector<identity::WatchEvent>{})) {
    if (event.resource_version > after && event.resource_version <= upto) {
      last = std::max(last, event.resource_version);
    }
  }
  return last;
}

void ZoneFeed::run() {
  // start() served a full build of the lists; the updater is not filled yet.
  bool waiting = false;
  bool retry = false;
  for (;;) {
    if (waiting || retry) {
      std::unique_lock lock(signal_->mu);
      if (retry) {
        // After a failure, try again in a second even without news.
        signal_->wake.wait_for(lock, std::chrono::seconds(1), [this] { return signal_->stopping; });
      } else {
        signal_->wake.wait(lock, [this] { return signal_->pending || signal_->stopping; });
      }
      if (signal_->stopping) return;
      signal_->pending = false;
    }
    // Exceptions stop at this thread's top: a failed rebuild keeps the last good snapshot.
    try {
      // After a failed relist or fill there is no updater to apply changes to: list again.
      if (!watches_->updater && !watches_->listed) relist_and_serve();
      const bool filled = watches_->listed.has_value();
      if (filled) fill_updater();
      bool changed = false;
      if (!drain(changed)) {
        // A lost watch: a full build of fresh lists is served at once, and the updater is
        // filled from them on the next turn, as after start().
        relist_and_serve();
        waiting = false;
        retry = false;
        continue;
      }
      if (changed) {
        rebuild();
      } else if (filled) {
        take_over();
      } else {
        mark_published();  // only bookmarks: nothing to compile, but settle() may go on
      }
      waiting = true;
      retry = false;
    } catch (const std::exception&) {
      retry = true;
    }
  }
}

}  // namespace ordinal::zones
