#pragma once
// Transfer content (dns.md §6.9) in key order, kept so that publishing after a change costs
// the changed keys, not the zone: each key's records are one shared block, and blocks are
// grouped in runs of up to 2 * kRun keys (a fuller run splits in two). A change rebuilds one
// run (a copy of its block pointers); publishing copies one pointer per run.
#include <cstddef>
#include <iterator>
#include <map>
#include <memory>
#include <vector>

#include "zones/record.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

/// Owned by one builder thread; not thread-safe. Runs returned by runs() are immutable.
template <class Key>
class TransferIndex {
 public:
  /// Sets the records of `key`; an empty list removes the key; equal records change nothing.
  /// O(log n + run).
  void put(const Key& key, std::vector<Record> records) {
    if (chunks_.empty()) {
      if (records.empty()) return;
      chunks_.emplace(key, Chunk{});
    }
    // The last chunk starting at or before `key`; a key below every start goes to the first
    // chunk, which then starts at it.
    auto chunk = chunks_.upper_bound(key);
    if (chunk != chunks_.begin()) {
      --chunk;
    } else if (!records.empty()) {
      auto node = chunks_.extract(chunk);
      node.key() = key;
      chunk = chunks_.insert(std::move(node)).position;
    }
    auto& entries = chunk->second.entries;
    if (records.empty()) {
      if (entries.erase(key) == 0) return;
    } else {
      auto& block = entries[key];
      // Unchanged records keep the run shared (a Service touches every address it maps).
      if (block && *block == records) return;
      block = std::make_shared<const std::vector<Record>>(std::move(records));
    }
    chunk->second.run.reset();
    if (entries.empty()) {
      chunks_.erase(chunk);
    } else if (entries.size() > 2 * kRun) {
      split(chunk);
    }
  }

  /// The records of every key in key order. Runs unchanged since the last call are shared
  /// with its result.
  std::vector<BlockRun> runs() {
    std::vector<BlockRun> out;
    out.reserve(chunks_.size());
    for (auto& [start, chunk] : chunks_) {
      if (!chunk.run) {
        auto run = std::make_shared<std::vector<RecordBlock>>();
        run->reserve(chunk.entries.size());
        for (const auto& [key, block] : chunk.entries) run->push_back(block);
        chunk.run = std::move(run);
      }
      out.push_back(chunk.run);
    }
    return out;
  }

 private:
  static constexpr std::size_t kRun = 128;
  struct Chunk {
    std::map<Key, RecordBlock> entries;
    BlockRun run;  ///< null when entries changed since it was built
  };
  using Chunks = std::map<Key, Chunk>;

  void split(typename Chunks::iterator chunk) {
    auto& entries = chunk->second.entries;
    auto middle = std::next(entries.begin(), static_cast<std::ptrdiff_t>(entries.size() / 2));
    Chunk upper;
    upper.entries.insert(middle, entries.end());
    entries.erase(middle, entries.end());
    const Key start = upper.entries.begin()->first;
    chunks_.emplace(start, std::move(upper));
  }

  /// By start: a key at or below the chunk's smallest and above every key of the chunk before.
  Chunks chunks_;
};

}  // namespace ordinal::zones
