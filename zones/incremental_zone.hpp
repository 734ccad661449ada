#pragma once
// One zone kept up to date by contributions (model: Knot zone-update + adjust). Each source
// (a Service with its slices, a pod, a namespace, the apex) contributes records and empty
// non-terminals; a change replaces one source's contribution, and publish() re-renders only
// the names whose records changed plus the names whose glue or CNAME chain reads them. Names
// exist while they own records or something below them does (RFC 8020), tracked by counts.
#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "zones/node_renderer.hpp"
#include "zones/node_table.hpp"
#include "zones/record.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// Owned by one builder thread; not thread-safe. Zones returned by publish() are immutable
/// and safe to share with query threads.
class IncrementalZone {
 public:
  /// `apex` absolute; matched in lower case.
  IncrementalZone(const std::string& apex, bool reverse);

  /// Replaces everything `source` contributes: served records (owners are lower-cased; those
  /// outside the apex are ignored) and names that exist without records. An empty call
  /// withdraws the source. Cost: the sizes of the old and the new contribution.
  void set(const std::string& source, std::vector<Record> records,
           const std::vector<std::string>& ents);
  /// Replaces the fleeting names `source` contributes (Zone::fleeting; names outside the apex
  /// or not writable are ignored). An empty call withdraws them. Cost: the sizes of the old
  /// and the new list.
  void set_fleeting(const std::string& source, const std::vector<std::string>& names);
  /// The zone with `soa` at the apex and `transfer` as its transfer content. Renders what
  /// changed since the last publish; every other name shares its node with the previous zone.
  Zone publish(const Record& soa, std::vector<BlockRun> transfer);

 private:
  /// One name's records. Their canonical union (RRsets) is made when the name is rendered or
  /// read, not kept: a kept copy of every record was a tenth of a large server's memory.
  struct Owner {
    std::map<std::string, std::vector<Record>> by_source;  ///< never an empty list
    std::vector<std::string> reads;                        ///< other names read when last rendered
    bool anchored = false;  ///< counted in anchors_ for owning records
  };
  struct Contribution {
    std::vector<std::string> owners;
    std::vector<std::string> ents;
  };
  class RecordingLookup;

  /// The canonical union of an owner's records.
  static RRsets rrsets_of(const Owner& owner);
  void anchor(const std::string& name, int delta);
  void refresh(const std::string& name, std::set<std::string>& render);
  void render(const std::string& name);
  void place(const std::string& name);

  std::string apex_;
  bool reverse_;
  std::unordered_map<std::string, Owner> owners_;
  std::unordered_map<std::string, Contribution> sources_;
  /// name -> names whose rendering read it (glue targets, CNAME chain members).
  std::unordered_map<std::string, std::set<std::string>> readers_;
  /// name -> owners with records and empty non-terminals at or below it; exists when > 0.
  std::unordered_map<std::string, std::size_t> anchors_;
  std::set<std::string> dirty_;      ///< owners whose contributions changed
  std::set<std::string> existence_;  ///< names whose existence may have changed
  NodeTable table_;
  std::unordered_map<std::string, std::vector<std::string>> fleeting_sources_;
  std::unordered_map<std::string, std::size_t> fleeting_counts_;  ///< by lower-case wire
  NodeTable fleeting_;
};

}  // namespace ordinal::zones
