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

/// Reads every item and hands each that reads to `put`, and a copy to `copies` when given.
template <class Info, class Put>
void put_all(const std::vector<identity::ObjectPtr>& items,
             std::optional<Info> (*read)(const identity::Json&), std::vector<Info>* copies,
             Put put) {
  for (auto& info : read_all(items, read)) {
    if (!info) continue;
    if (copies) copies->push_back(*info);
    put(std::move(*info));
  }
}

/// Hands a whole list of `kind` to the updater, as apply() with `present` for each object, and
/// a copy of each to `inputs` when given.
void put_listed(ZoneUpdater& updater, const std::string& kind,
                const std::vector<identity::ObjectPtr>& items, ZoneInputs* inputs) {
  if (kind == "Namespace") {
    put_all(items, namespace_from_json, inputs ? &inputs->namespaces : nullptr,
            [&](const std::string& name) { updater.put_namespace(name); });
  } else if (kind == "Service") {
    put_all(items, service_from_json, inputs ? &inputs->services : nullptr,
            [&](ServiceInfo s) { updater.put_service(std::move(s)); });
  } else if (kind == "EndpointSlice") {
    put_all(items, slice_from_json, inputs ? &inputs->slices : nullptr,
            [&](SliceInfo s) { updater.put_slice(std::move(s)); });
  } else if (kind == "Pod") {
    put_all(items, pod_from_json, inputs ? &inputs->pods : nullptr,
            [&](const PodInfo& pod) { updater.put_pod(pod); });
  } else if (kind == "StatefulSet") {
    put_all(items, set_from_json, inputs ? &inputs->sets : nullptr,
            [&](SetInfo set) { updater.put_set(std::move(set)); });
  }
}

}  // namespace

ZoneFeed::ZoneFeed(identity::Registry& registry, ZoneConfig config)
    : registry_(registry), config_(std::move(config)), watches_(std::make_unique<Watches>()) {}

ZoneFeed::~ZoneFeed() {
  stop();
}

void ZoneFeed::start() {
  // The first snapshot comes from a full build over the listed objects, which runs on every
  // core; the updater's own first compile (several times slower: it keeps what each name reads
  // and contributes, for the changes to come) follows on the feed's thread while the zone is
  // already served. At 100,000 pods: serving about 8 s sooner after a restart.
  ZoneInputs inputs;
  relist(&inputs);
  watches_->serial = next_serial(watches_->serial, std::chrono::system_clock::now());
  holder_.publish(build_snapshot(inputs, config_, watches_->serial));
  inputs = {};
  mark_published();
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

void ZoneFeed::relist(ZoneInputs* inputs) {
  // Watching from each list's resourceVersion loses no event between list and watch.
  for (auto& [kind, stream] : watches_->streams) stream->close();
  watches_->streams.clear();
  watches_->updater = std::make_unique<ZoneUpdater>(config_);
  for (const char* kind : kKinds) {
    const auto listed = registry_.list(kind, std::nullopt);
    put_listed(*watches_->updater, kind, listed.items, inputs);
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
  // start() served a full build; the updater has compiled nothing yet.
  bool compiled = false;
  bool retry = false;
  for (;;) {
    if (compiled || retry) {
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
      bool changed = false;
      if (!drain(changed)) {
        relist(nullptr);
        changed = true;
      }
      if (changed) {
        rebuild();
      } else if (!compiled) {
        take_over();
      } else {
        mark_published();  // only bookmarks: nothing to compile, but settle() may go on
      }
      compiled = true;
      retry = false;
    } catch (const std::exception&) {
      retry = true;
    }
  }
}

}  // namespace ordinal::zones
