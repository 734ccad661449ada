#pragma once
// Transfer content (dns.md §6.9) in key order, kept so that publishing after a change costs
// the changed keys, not the zone: each key's records are one shared block, and blocks are
// grouped in runs of up to 2 * kRun keys (a fuller run splits in two). A change rebuilds one
// run (a copy of its block pointers); publishing copies one pointer per run.
#include <algorithm>
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
      chunks_.push_back(Chunk{key, {}, {}});
    }
    // The last chunk starting at or before `key`; a key below every start goes to the first
    // chunk, which then starts at it.
    auto chunk = std::upper_bound(chunks_.begin(), chunks_.end(), key,
                                  [](const Key& k, const Chunk& c) { return k < c.start; });
    if (chunk != chunks_.begin()) {
      --chunk;
    } else if (!records.empty()) {
      chunk->start = key;
    }
    auto& entries = chunk->entries;
    if (records.empty()) {
      if (entries.erase(key) == 0) return;
    } else {
      auto& block = entries[key];
      // Unchanged records keep the run shared (a Service touches every address it maps).
      if (block && *block == records) return;
      block = std::make_shared<const std::vector<Record>>(std::move(records));
    }
    chunk->run.reset();
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
    for (auto& chunk : chunks_) {
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
    Key start;  ///< at or below the chunk's smallest key and above every key of the chunk before
    std::map<Key, RecordBlock> entries;
    BlockRun run;  ///< null when entries changed since it was built
  };
  using Chunks = std::vector<Chunk>;

  void split(typename Chunks::iterator chunk) {
    auto& entries = chunk->entries;
    auto middle = std::next(entries.begin(), static_cast<std::ptrdiff_t>(entries.size() / 2));
    Chunk upper;
    upper.entries.insert(middle, entries.end());
    entries.erase(middle, entries.end());
    upper.start = upper.entries.begin()->first;
    chunks_.insert(std::next(chunk), std::move(upper));
  }

  /// In key order, contiguous: runs() walks every chunk at each publish (hundreds at 100,000
  /// reverse names), which a tree made a chain of cache misses.
  Chunks chunks_;
};

}  // namespace ordinal::zones
