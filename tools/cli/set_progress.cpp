#include "tools/cli/set_progress.hpp"

#include <algorithm>
#include <map>

#include "controller/naming.hpp"
#include "controller/sim_contract.hpp"
#include "tools/cli/describe.hpp"
#include "tools/cli/terminal.hpp"

namespace ordinal::cli {
namespace {

using identity::Json;

struct Slot {
  std::int32_t ordinal = 0;
  std::string name;
  const Json* pod = nullptr;  ///< null: not created yet
  bool condemned = false;
};

struct View {
  const SetObjects& objects;
  std::string set_name;
  std::int64_t start = 0;
  std::int64_t replicas = 1;
  bool parallel = false;
  std::map<std::int32_t, const Json*> pods;  ///< owned pods by ordinal
};

std::int64_t int_at(const Json& o, const char* pointer, std::int64_t fallback) {
  const Json::json_pointer p(pointer);
  return o.contains(p) && o[p].is_number_integer() ? o[p].get<std::int64_t>() : fallback;
}

std::string condition_status(const Json& pod, const std::string& type) {
  for (const auto& c : pod.value("/status/conditions"_json_pointer, Json::array()))
    if (c.value("type", "") == type) return c.value("status", "");
  return "";
}

bool terminating(const Json& pod) {
  return !text_at(pod, "/metadata/deletionTimestamp").empty();
}
bool running_ready(const Json& pod) {
  return text_at(pod, "/status/phase") == "Running" && condition_status(pod, "Ready") == "True";
}
bool healthy(const Json& pod) {
  return running_ready(pod) && !terminating(pod);
}
std::string revision_of(const Json& pod) {
  return text_at(pod, ("/metadata/labels/" + std::string(controller::kRevisionLabel)).c_str());
}

View make_view(const SetObjects& objects) {
  View view{objects, text_at(objects.set, "/metadata/name"), 0, 1, false, {}};
  view.start = int_at(objects.set, "/spec/ordinals/start", 0);
  view.replicas = int_at(objects.set, "/spec/replicas", 1);
  view.parallel = text_at(objects.set, "/spec/podManagementPolicy") == "Parallel";
  const std::string uid = text_at(objects.set, "/metadata/uid");
  for (const auto& pod : objects.pods) {
    const auto parts = controller::split_pod_name(text_at(pod, "/metadata/name"));
    if (parts.parent != view.set_name || parts.ordinal < 0) continue;
    bool foreign = false;  // controlled by something else: not this set's (SS-5.1)
    for (const auto& r : pod.value("/metadata/ownerReferences"_json_pointer, Json::array()))
      if (r.value("controller", false) && r.value("uid", "") != uid) foreign = true;
    if (!foreign) view.pods[parts.ordinal] = &pod;
  }
  return view;
}

std::vector<Slot> slots_of(const View& view) {
  std::int64_t low = view.start;
  std::int64_t high = view.start + view.replicas - 1;
  if (!view.pods.empty()) {
    low = std::min<std::int64_t>(low, view.pods.begin()->first);
    high = std::max<std::int64_t>(high, view.pods.rbegin()->first);
  }
  std::vector<Slot> slots;
  for (std::int64_t o = low; o <= high; ++o) {
    auto it = view.pods.find(static_cast<std::int32_t>(o));
    const bool in_range = o >= view.start && o < view.start + view.replicas;
    if (!in_range && it == view.pods.end()) continue;
    slots.push_back({static_cast<std::int32_t>(o), view.set_name + "-" + std::to_string(o),
                     it == view.pods.end() ? nullptr : it->second, !in_range});
  }
  return slots;
}

std::vector<std::string> claim_names(const View& view, const Slot& slot) {
  std::vector<std::string> names;
  for (const auto& t :
       view.objects.set.value("/spec/volumeClaimTemplates"_json_pointer, Json::array()))
    names.push_back(text_at(t, "/metadata/name") + "-" + slot.name);
  return names;
}

const Json* find_claim(const View& view, const std::string& name) {
  for (const auto& c : view.objects.claims)
    if (text_at(c, "/metadata/name") == name) return &c;
  return nullptr;
}

std::string pod_status(const Json* pod) {
  if (pod == nullptr) return "Missing";
  if (terminating(*pod)) return "Terminating";
  return text_at(*pod, "/status/phase", "Pending");
}

std::string readiness(const Json* pod) {
  if (pod == nullptr) return "-";
  const std::string ready = condition_status(*pod, "Ready");
  return ready == "True" ? "Ready" : ready == "Unknown" ? "Unknown" : "NotReady";
}

std::vector<std::string> row_of(const View& view, const Slot& slot) {
  std::string claims;
  for (const auto& name : claim_names(view, slot)) {
    const Json* claim = find_claim(view, name);
    claims += (claims.empty() ? "" : ",") + name + "=" +
              (claim ? text_at(*claim, "/status/phase", "Pending") : "Missing");
  }
  std::vector<std::string> row = {
      slot.name,
      pod_status(slot.pod),
      readiness(slot.pod),
      "rev " + (slot.pod && !revision_of(*slot.pod).empty() ? revision_of(*slot.pod) : "-"),
      slot.pod ? text_at(*slot.pod, "/status/podIP", "-") : "-",
      "claims " + (claims.empty() ? "-" : claims)};
  if (slot.condemned) row.push_back("condemned");
  return row;
}

std::string claim_message(const View& view, const std::string& claim) {
  const Json* latest = nullptr;
  for (const auto& e : view.objects.events)
    if (text_at(e, "/involvedObject/kind") == "PersistentVolumeClaim" &&
        text_at(e, "/involvedObject/name") == claim &&
        (latest == nullptr || text_at(e, "/lastTimestamp") >= text_at(*latest, "/lastTimestamp")))
      latest = &e;
  return latest ? ": " + text_at(*latest, "/message") : "";
}

std::string policy(const View& view) {
  return view.parallel ? "Parallel" : "OrderedReady";
}

/// Why `slot` stops a pass (section 7), or "" when its pod is healthy.
std::string replica_blocker(const View& view, const Slot& slot) {
  if (slot.pod == nullptr) return "waiting for " + slot.name + " to be created";
  const Json& pod = *slot.pod;
  const std::string phase = text_at(pod, "/status/phase");
  if (phase == "Failed" || phase == "Succeeded")
    return slot.name + " " + phase + ": the controller deletes it, then creates it again (SS-7.1)";
  // The key holds '/', so it is appended as one reference token rather than parsed.
  const Json::json_pointer unreachable =
      Json::json_pointer("/metadata/annotations") / std::string(controller::kUnreachableAnnotation);
  if (pod.contains(unreachable) && pod[unreachable] == "true")
    return slot.name + " is unreachable: it stays until reachable again or force-deleted (SS-10.4)";
  if (terminating(pod)) return "waiting for " + slot.name + " to terminate (SS-10.2)";
  if (running_ready(pod)) return "";
  for (const auto& name : claim_names(view, slot)) {
    const Json* claim = find_claim(view, name);
    if (claim != nullptr && text_at(*claim, "/status/phase", "Pending") == "Pending")
      return slot.name + " claim " + name + " Pending" + claim_message(view, name);
  }
  return "waiting for " + slot.name + " to become Running and Ready (" + policy(view) + ")";
}

std::string join_names(const std::vector<const Slot*>& slots) {
  std::string out;
  for (const auto* s : slots) out += (out.empty() ? "" : ", ") + s->name;
  return out;
}

/// Section 8: condemned pods, highest ordinal first; "" when there are none.
std::string scale_down(const View& view, const std::vector<Slot>& slots) {
  std::vector<const Slot*> condemned, gone;
  for (auto it = slots.rbegin(); it != slots.rend(); ++it)
    if (it->condemned) (terminating(*it->pod) ? gone : condemned).push_back(&*it);
  if (condemned.empty() && gone.empty()) return "";
  if (!view.parallel) {
    // Monotonic: one at a time, and only once the previous one is gone (SS-8.2, SS-8.4).
    if (!gone.empty()) return "scaling down: waiting for " + gone.front()->name + " to terminate";
    return "scaling down: " + condemned.front()->name + " next";
  }
  if (!condemned.empty()) return "scaling down: deleting " + join_names(condemned);
  return "scaling down: waiting for " + join_names(gone) + " to terminate";
}

/// Section 11: which pod the update touches next; "" when the update is done.
std::string rolling_update(const View& view, const std::vector<Slot>& slots) {
  const Json& set = view.objects.set;
  const std::string update = text_at(set, "/status/updateRevision");
  if (update.empty()) return "";
  if (text_at(set, "/spec/updateStrategy/type", "RollingUpdate") == "OnDelete") {
    std::vector<const Slot*> old;
    for (const auto& s : slots)
      if (!s.condemned && s.pod && revision_of(*s.pod) != update) old.push_back(&s);
    if (old.empty()) return "";
    return "OnDelete: " + join_names(old) + " at an old revision; delete them to update (SS-11.8)";
  }
  const std::int64_t partition = int_at(set, "/spec/updateStrategy/rollingUpdate/partition", 0);
  for (auto it = slots.rbegin(); it != slots.rend(); ++it) {
    if (it->condemned || it->pod == nullptr) continue;
    if (it->ordinal < view.start + partition) break;
    if (revision_of(*it->pod) != update)
      return terminating(*it->pod) ? "rolling update: waiting for " + it->name + " to terminate"
                                   : "rolling update: " + it->name + " next (to " + update + ")";
    if (!healthy(*it->pod))
      return "rolling update: waiting for " + it->name + " to become Running and Ready";
  }
  return "";
}

std::string waiting_for(const View& view, const std::vector<Slot>& slots) {
  const Json& set = view.objects.set;
  if (!text_at(set, "/metadata/deletionTimestamp").empty())
    return "the set is being deleted: no pod is created or deleted (SS-6.8)";
  const std::int64_t generation = int_at(set, "/metadata/generation", 0);
  if (int_at(set, "/status/observedGeneration", 0) < generation)
    return "waiting for the controller to observe generation " + std::to_string(generation);
  std::string blockers;
  for (const auto& slot : slots) {
    if (slot.condemned) continue;
    const std::string blocker = replica_blocker(view, slot);
    if (blocker.empty()) continue;
    if (!view.parallel) return blocker;  // SS-7.9: the first unhealthy replica stops the pass
    blockers += (blockers.empty() ? "" : "; ") + blocker;
  }
  if (!blockers.empty()) return blockers;
  if (auto down = scale_down(view, slots); !down.empty()) return down;
  if (auto update = rolling_update(view, slots); !update.empty()) return update;
  return "up to date";
}

}  // namespace

SetProgress set_progress(const SetObjects& objects) {
  const View view = make_view(objects);
  const std::vector<Slot> slots = slots_of(view);
  SetProgress progress;
  for (const auto& slot : slots) progress.rows.push_back(row_of(view, slot));
  progress.waiting_for = waiting_for(view, slots);
  return progress;
}

namespace {

/// Paints the status and readiness cells of one aligned line. Painting after alignment keeps
/// the columns where the plain text put them.
std::string paint_row(const std::string& line, const std::vector<std::string>& row) {
  std::string out = line;
  std::size_t from = row.empty() ? 0 : row[0].size();
  for (std::size_t cell = 1; cell < 3 && cell < row.size(); ++cell) {
    const std::size_t at = out.find(row[cell], from);
    if (at == std::string::npos || row[cell].empty()) break;
    const std::string painted = paint_status(row[cell]);
    out.replace(at, row[cell].size(), painted);
    from = at + painted.size();
  }
  return out;
}

}  // namespace

std::string format_set_progress(const SetProgress& progress, bool color) {
  TabWriter w;
  for (const auto& row : progress.rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += (i == 0 ? "" : "\t") + row[i];
    w.write(0, line + "\n");
  }
  w.write(0, progress.waiting_for + "\n");
  std::string plain = w.take();
  if (!color) return plain;
  std::string out;
  std::size_t start = 0;
  for (const auto& row : progress.rows) {
    const std::size_t end = plain.find('\n', start);
    out += paint_row(plain.substr(start, end - start), row) + "\n";
    start = end + 1;
  }
  const bool done = progress.waiting_for == "up to date";
  return out + paint(progress.waiting_for, done ? Color::kGreen : Color::kYellow) + "\n";
}

}  // namespace ordinal::cli
