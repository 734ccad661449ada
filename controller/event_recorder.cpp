#include "controller/event_recorder.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

// Kubernetes' correlator aggregates identical events seen within this window.
constexpr auto kCorrelationWindow = std::chrono::minutes(10);
// Correlation entries kept at most: repeats are counted within the window for this many
// distinct (object, type, reason, message) keys.
constexpr std::size_t kMaxRecent = 4096;

Json involved_reference(const Json& involved) {
  const Json& meta = involved.contains("metadata") ? involved.at("metadata") : Json::object();
  auto text = [&](const char* field) {
    const auto it = meta.find(field);
    return it != meta.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Json ref = {{"kind", involved.value("kind", "")},
              {"apiVersion", involved.value("apiVersion", "")},
              {"name", text("name")}};
  if (const auto ns = text("namespace"); !ns.empty()) ref["namespace"] = ns;
  if (const auto uid = text("uid"); !uid.empty()) ref["uid"] = uid;
  if (const auto rv = text("resourceVersion"); !rv.empty()) ref["resourceVersion"] = rv;
  return ref;
}

// `<object name>.<nanoseconds in hex>`, as client-go names events: sortable, and unique because
// the recorder's own sequence number is added (one pass may record twice with the same `now`).
std::string event_name(const Json& ref, TimePoint now, std::uint64_t sequence) {
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch());
  char suffix[48];
  std::snprintf(suffix, sizeof suffix, ".%llx%04llx",
                static_cast<unsigned long long>(nanos.count()),
                static_cast<unsigned long long>(sequence % 0x10000));
  return ref.value("name", "object") + suffix;
}

}  // namespace

EventRecorder::EventRecorder(ObjectManager& objects, std::string component, bool deferred)
    : objects_(objects), component_(std::move(component)), deferred_(deferred) {}

bool EventRecorder::write_repeat(const std::string& ns, const std::string& name,
                                 const std::string& stamp) {
  if (const auto it = pending_index_.find(ns + "/" + name); it != pending_index_.end()) {
    Json& event = pending_[it->second];
    event["count"] = event.value("count", 1) + 1;
    event["lastTimestamp"] = stamp;
    return true;
  }
  auto stored = objects_.get({"Event", ns, name});
  if (!stored) return false;
  Json next = **stored;
  next["count"] = next.value("count", 1) + 1;
  next["lastTimestamp"] = stamp;
  return objects_.update(std::move(next)).ok();
}

bool EventRecorder::write_new(Json event) {
  if (!deferred_) return objects_.create(std::move(event)).ok();
  const std::string key =
      event["metadata"].value("namespace", "") + "/" + event["metadata"].value("name", "");
  pending_index_[key] = pending_.size();
  pending_.push_back(std::move(event));
  return true;
}

void EventRecorder::record(const Json& involved, std::string_view type, std::string_view reason,
                           const std::string& message, TimePoint now) {
  const Json ref = involved_reference(involved);
  const std::string ns = ref.value("namespace", "default");
  const std::string key = ref.value("uid", ref.value("name", "")) + "\n" + std::string(type) +
                          "\n" + std::string(reason) + "\n" + message;
  const std::string stamp = identity::format_timestamp(now);

  std::lock_guard lock(mu_);
  if (auto it = recent_.find(key); it != recent_.end() &&
                                   now - it->second.last < kCorrelationWindow &&
                                   write_repeat(ns, it->second.event_name, stamp)) {
    it->second.last = now;
    return;
  }

  Json event = {{"apiVersion", "v1"},
                {"kind", "Event"},
                {"metadata", {{"name", event_name(ref, now, sequence_++)}, {"namespace", ns}}},
                {"involvedObject", ref},
                {"reason", reason},
                {"message", message},
                {"type", type},
                {"count", 1},
                {"firstTimestamp", stamp},
                {"lastTimestamp", stamp},
                {"source", {{"component", component_}}},
                {"reportingComponent", component_},
                {"reportingInstance", component_}};
  const std::string name = event["metadata"]["name"];
  if (write_new(std::move(event))) recent_[key] = {name, now};
  if (recent_.size() > kMaxRecent) forget_oldest(now);
}

void EventRecorder::forget_oldest(TimePoint now) {
  // Expired entries first; then, when the last ten minutes alone hold more (churn: every new
  // pod's events have keys of their own), the older half, so the map stays under kMaxRecent
  // and the sweep runs once per kMaxRecent / 2 events. A forgotten entry only means that a
  // repeat becomes a new Event instead of count + 1.
  for (auto it = recent_.begin(); it != recent_.end();)
    it = now - it->second.last >= kCorrelationWindow ? recent_.erase(it) : std::next(it);
  if (recent_.size() <= kMaxRecent / 2) return;
  std::vector<TimePoint> times;
  times.reserve(recent_.size());
  for (const auto& [key, entry] : recent_) times.push_back(entry.last);
  auto middle = times.begin() + static_cast<std::ptrdiff_t>(times.size() - kMaxRecent / 2);
  std::nth_element(times.begin(), middle, times.end());
  const TimePoint cutoff = *middle;
  for (auto it = recent_.begin(); it != recent_.end();)
    it = it->second.last < cutoff ? recent_.erase(it) : std::next(it);
}

void EventRecorder::flush() {
  std::vector<identity::Registry::Write> writes;
  {
    std::lock_guard lock(mu_);
    if (pending_.empty()) return;
    writes.reserve(pending_.size());
    for (Json& event : pending_) writes.emplace_back(identity::Registry::Create{std::move(event)});
    pending_.clear();
    pending_index_.clear();
  }
  // Best effort, as for events written at once: a failed write is dropped.
  (void)objects_.commit(std::move(writes));
}

}  // namespace ordinal::controller
