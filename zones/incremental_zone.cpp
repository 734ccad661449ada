#include "zones/incremental_zone.hpp"

#include <algorithm>

#include "zones/dns_name.hpp"
#include "zones/zone_compiler.hpp"

namespace ordinal::zones {

/// Answers reads from the owners and remembers which names were read (with their RRsets, made
/// once per name for the length of one rendering).
class IncrementalZone::RecordingLookup final : public RRsetLookup {
 public:
  explicit RecordingLookup(const std::unordered_map<std::string, Owner>& owners)
      : owners_(owners) {}
  const std::vector<Record>* rrset(const std::string& owner, std::uint16_t type) const override {
    auto read = read_.find(owner);
    if (read == read_.end()) {
      const auto node = owners_.find(owner);
      read = read_.emplace(owner, node == owners_.end() ? RRsets{} : rrsets_of(node->second)).first;
    }
    const auto set = read->second.find(type);
    return set == read->second.end() ? nullptr : &set->second;
  }
  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> out;
    out.reserve(read_.size());
    for (const auto& entry : read_) out.push_back(entry.first);
    return out;
  }

 private:
  const std::unordered_map<std::string, Owner>& owners_;
  mutable std::map<std::string, RRsets> read_;
};

RRsets IncrementalZone::rrsets_of(const Owner& owner) {
  std::vector<const Record*> all;
  for (const auto& [source, list] : owner.by_source) {
    for (const auto& record : list) all.push_back(&record);
  }
  return canonical_rrsets(all);
}

IncrementalZone::IncrementalZone(const std::string& apex, bool reverse)
    : apex_(to_lower(absolute_name(apex))), reverse_(reverse) {}

void IncrementalZone::set(const std::string& source, std::vector<Record> records,
                          const std::vector<std::string>& ents) {
  std::map<std::string, std::vector<Record>> fresh;
  for (auto& record : records) {
    record.owner = to_lower(record.owner);
    if (inside_zone(record.owner, apex_)) fresh[record.owner].push_back(std::move(record));
  }
  Contribution& old = sources_[source];
  for (const auto& owner : old.owners) {
    if (fresh.count(owner) != 0) continue;
    owners_[owner].by_source.erase(source);
    dirty_.insert(owner);
  }
  Contribution next;
  for (auto& [owner, list] : fresh) {
    auto& slot = owners_[owner].by_source[source];
    if (slot != list) {
      slot = std::move(list);
      dirty_.insert(owner);
    }
    next.owners.push_back(owner);
  }
  // Count the new names before dropping the old, so a name kept does not blink.
  for (const auto& name : ents) next.ents.push_back(to_lower(name));
  for (const auto& name : next.ents) anchor(name, 1);
  for (const auto& name : old.ents) anchor(name, -1);
  if (next.owners.empty() && next.ents.empty()) {
    sources_.erase(source);
  } else {
    old = std::move(next);
  }
}

void IncrementalZone::set_fleeting(const std::string& source,
                                   const std::vector<std::string>& names) {
  std::vector<std::string> next;
  for (const auto& name : names) {
    const std::string lower = to_lower(name);
    if (!inside_zone(lower, apex_)) continue;
    if (auto wire = name_to_wire(lower)) next.push_back(std::move(*wire));
  }
  // Count the new names before dropping the old, so a name kept is not removed and re-added.
  for (const auto& wire : next) {
    if (fleeting_counts_[wire]++ == 0) fleeting_.put(wire, empty_node());
  }
  auto& old = fleeting_sources_[source];
  for (const auto& wire : old) {
    const auto it = fleeting_counts_.find(wire);
    if (--it->second != 0) continue;
    fleeting_counts_.erase(it);
    fleeting_.put(wire, nullptr);
  }
  if (next.empty()) {
    fleeting_sources_.erase(source);
  } else {
    old = std::move(next);
  }
}

void IncrementalZone::anchor(const std::string& name, int delta) {
  // As the full build: a name that cannot be written creates nothing, not even its parents.
  if (!name_to_wire(name)) return;
  std::string current = name;
  while (inside_zone(current, apex_)) {
    auto& count = anchors_[current];
    const bool existed = count > 0;
    count = delta > 0 ? count + 1 : count - 1;
    if (existed != (count > 0)) existence_.insert(current);
    if (count == 0) anchors_.erase(current);
    if (current == apex_) return;
    current = current.substr(current.find('.') + 1);
  }
}

void IncrementalZone::refresh(const std::string& name, std::set<std::string>& render) {
  // A dirty owner's records changed (set() compares each source's list), so it is rendered
  // again, and so are the names that read it.
  Owner& owner = owners_[name];
  render.insert(name);
  if (const auto it = readers_.find(name); it != readers_.end()) {
    render.insert(it->second.begin(), it->second.end());
  }
  const bool has = !owner.by_source.empty() && name_to_wire(name).has_value();
  if (has != owner.anchored) {
    anchor(name, has ? 1 : -1);
    owner.anchored = has;
  }
}

void IncrementalZone::render(const std::string& name) {
  const auto it = owners_.find(name);
  if (it == owners_.end()) return;
  Owner& owner = it->second;
  for (const auto& read : owner.reads) {
    const auto readers = readers_.find(read);
    if (readers == readers_.end()) continue;
    readers->second.erase(name);
    if (readers->second.empty()) readers_.erase(readers);
  }
  owner.reads.clear();
  const auto wire = name_to_wire(name);
  if (owner.by_source.empty() || !wire) {
    if (owner.by_source.empty()) owners_.erase(it);
    return;
  }
  const RecordingLookup lookup(owners_);
  auto node = std::make_shared<const Node>(render_node(name, rrsets_of(owner), lookup));
  owner.reads = lookup.names();
  for (const auto& read : owner.reads) readers_[read].insert(name);
  table_.put(*wire, std::move(node));
}

void IncrementalZone::place(const std::string& name) {
  const auto wire = name_to_wire(name);
  if (!wire) return;
  if (anchors_.count(name) == 0) {
    table_.put(*wire, nullptr);
    return;
  }
  const auto it = owners_.find(name);
  if (it == owners_.end() || it->second.by_source.empty()) table_.put(*wire, empty_node());
}

Zone IncrementalZone::publish(const Record& soa, std::vector<BlockRun> transfer) {
  // The serial moves on every publish, so the apex is re-rendered every time (cheap).
  set("\x01soa", {soa}, {});
  std::set<std::string> render_set;
  for (const auto& name : dirty_) refresh(name, render_set);
  dirty_.clear();
  for (const auto& name : render_set) render(name);
  for (const auto& name : render_set) place(name);
  for (const auto& name : existence_) place(name);
  existence_.clear();
  Zone zone = zone_frame(apex_, reverse_, soa);
  zone.nodes = table_.share();
  zone.transfer = std::move(transfer);
  zone.fleeting = fleeting_.share();
  if (zone.fleeting.size() != 0) zone.uncached = uncached_frame(apex_, reverse_, soa);
  return zone;
}

}  // namespace ordinal::zones
