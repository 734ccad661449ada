#include "controller/event_recorder.hpp"

#include <chrono>
#include <cstdio>

#include "identity/metadata.hpp"

namespace ordinal::controller {
namespace {

// Kubernetes' correlator aggregates identical events seen within this window.
constexpr auto kCorrelationWindow = std::chrono::minutes(10);

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

EventRecorder::EventRecorder(ObjectManager& objects, std::string component)
    : objects_(objects), component_(std::move(component)) {}

void EventRecorder::record(const Json& involved, std::string_view type, std::string_view reason,
                           const std::string& message, TimePoint now) {
  const Json ref = involved_reference(involved);
  const std::string ns = ref.value("namespace", "default");
  const std::string key = ref.value("uid", ref.value("name", "")) + "\n" + std::string(type) +
                          "\n" + std::string(reason) + "\n" + message;
  const std::string stamp = identity::format_timestamp(now);

  if (auto it = recent_.find(key);
      it != recent_.end() && now - it->second.last < kCorrelationWindow) {
    auto stored = objects_.get({"Event", ns, it->second.event_name});
    if (stored) {
      Json next = **stored;
      next["count"] = next.value("count", 1) + 1;
      next["lastTimestamp"] = stamp;
      if (objects_.update(std::move(next))) {
        it->second.last = now;
        return;
      }
    }
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
  if (objects_.create(std::move(event))) recent_[key] = {name, now};
  // Old correlation entries are dropped lazily so the map stays bounded by recent activity.
  if (recent_.size() > 4096) {
    for (auto it = recent_.begin(); it != recent_.end();)
      it = now - it->second.last >= kCorrelationWindow ? recent_.erase(it) : std::next(it);
  }
}

}  // namespace ordinal::controller
