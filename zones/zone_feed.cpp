#include "zones/zone_feed.hpp"

#include <map>
#include <stdexcept>
#include <string>

#include "zones/zone_builder.hpp"
#include "zones/zone_inputs.hpp"

namespace ordinal::zones {
namespace {

// Every kind the zone depends on (dns.md §2.1).
const char* const kKinds[] = {"Namespace", "Service", "EndpointSlice", "Pod"};

}  // namespace

struct ZoneFeed::Watches {
  std::map<std::string, std::shared_ptr<identity::WatchStream>> streams;
  /// kind -> object key -> newest object.
  std::map<std::string, std::map<std::string, identity::ObjectPtr>> objects;
  std::uint32_t serial = 0;
};

ZoneFeed::ZoneFeed(identity::Registry& registry, ZoneConfig config)
    : registry_(registry), config_(std::move(config)), watches_(std::make_unique<Watches>()) {}

ZoneFeed::~ZoneFeed() {
  stop();
}

void ZoneFeed::start() {
  relist();
  rebuild();
  thread_ = std::thread([this] { run(); });
}

void ZoneFeed::stop() {
  {
    std::lock_guard lock(signal_->mu);
    signal_->stopping = true;
  }
  signal_->wake.notify_all();
  if (thread_.joinable()) thread_.join();
  for (auto& [kind, stream] : watches_->streams) stream->close();
}

void ZoneFeed::relist() {
  // Watching from each list's resourceVersion loses no event between list and watch.
  for (auto& [kind, stream] : watches_->streams) stream->close();
  watches_->streams.clear();
  watches_->objects.clear();
  for (const char* kind : kKinds) {
    const auto listed = registry_.list(kind, std::nullopt);
    auto& objects = watches_->objects[kind];
    for (const auto& object : listed.items) {
      objects[identity::ObjectKey::of(*object).to_string()] = object;
    }
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

bool ZoneFeed::drain() {
  for (auto& [kind, stream] : watches_->streams) {
    auto events = stream->take();
    if (!events) return false;
    auto& objects = watches_->objects[kind];
    for (const auto& event : *events) {
      if (event.type == identity::WatchEvent::Type::Bookmark || !event.object) continue;
      const auto key = identity::ObjectKey::of(*event.object).to_string();
      if (event.type == identity::WatchEvent::Type::Deleted) {
        objects.erase(key);
      } else {
        objects[key] = event.object;
      }
    }
  }
  return true;
}

void ZoneFeed::rebuild() {
  ZoneInputs inputs;
  for (const auto& [key, object] : watches_->objects["Namespace"]) {
    if (auto name = namespace_from_json(*object)) inputs.namespaces.push_back(std::move(*name));
  }
  for (const auto& [key, object] : watches_->objects["Service"]) {
    if (auto service = service_from_json(*object)) inputs.services.push_back(std::move(*service));
  }
  for (const auto& [key, object] : watches_->objects["EndpointSlice"]) {
    if (auto slice = slice_from_json(*object)) inputs.slices.push_back(std::move(*slice));
  }
  for (const auto& [key, object] : watches_->objects["Pod"]) {
    if (auto pod = pod_from_json(*object)) inputs.pods.push_back(std::move(*pod));
  }
  watches_->serial = next_serial(watches_->serial, std::chrono::system_clock::now());
  holder_.publish(build_snapshot(inputs, config_, watches_->serial));
}

void ZoneFeed::run() {
  bool retry = false;
  for (;;) {
    {
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
      if (!drain()) relist();
      rebuild();
      retry = false;
    } catch (const std::exception&) {
      retry = true;
    }
  }
}

}  // namespace ordinal::zones
