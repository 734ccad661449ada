#pragma once
// The existing names of one zone, by lower-case wire form, as a persistent table (model: Knot
// zone-update, with copy-on-write shards instead of a copy of the whole zone). A table handed
// to a snapshot shares every shard with the builder's working table; the next batch of edits
// copies only the shards it touches, so publishing costs the changed names, not the zone.
//
// Shards hang from a directory of copy-on-write blocks: a publish copies the 64 block pointers,
// an edit copies one block of 64 shard pointers and one shard of 4,096. (With one flat array
// of 1,024 shards a publish copied all 1,024 pointers and an edit a shard of about 300 names at
// 100,000 pods: a readiness change there cost 0.9 ms, now 0.55 ms.)
//
// Each shard is an open-addressing table (linear probing) keyed by one 64-bit hash of the name:
// its top bits pick the shard, its low bits the slot, and the query path computes it while it
// lower-cases the question (dns/query_parser.cpp), so a lookup hashes nothing and compares
// the name once.
#include <array>
#include <bit>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ordinal::zones {

struct Node;
struct RenderedAnswer;

/// The hash of a lower-case wire name, in steps so that a parser can compute it while it reads
/// the name eight octets at a time: start(size), then step() with each eight-octet word in
/// order (the last one zero-padded), then finish(). A multiply-fold, then a mix so that the top
/// bits (the shard) and the low bits (the slot) both depend on every octet; about a tenth of
/// std::hash's Murmur for a typical name. Pure.
namespace wire_hash {
inline constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
inline std::uint64_t start(std::size_t size) {
  return static_cast<std::uint64_t>(size) * kMultiplier;
}
inline std::uint64_t step(std::uint64_t hash, std::uint64_t word) {
  return (std::rotl(hash, 5) ^ word) * kMultiplier;
}
inline std::uint64_t finish(std::uint64_t hash) {
  hash ^= hash >> 32;
  hash *= 0xD6E8FEB86659FD93ULL;
  return hash ^ (hash >> 32);
}
}  // namespace wire_hash

/// wire_hash over a whole name. Pure.
struct WireNameHash {
  std::uint64_t operator()(std::string_view name) const {
    std::uint64_t hash = wire_hash::start(name.size());
    const char* at = name.data();
    std::size_t left = name.size();
    for (; left >= 8; left -= 8, at += 8) {
      std::uint64_t word;
      std::memcpy(&word, at, 8);
      hash = wire_hash::step(hash, word);
    }
    if (left > 0) {
      std::uint64_t word = 0;
      std::memcpy(&word, at, left);
      hash = wire_hash::step(hash, word);
    }
    return wire_hash::finish(hash);
  }
};

/// True when the `size` octets at `a` and `b` are equal: eight at a time, the last word
/// overlapping, without a call (names are short, a libc memcmp call costs more than the
/// comparison).
inline bool same_octets(const char* a, const char* b, std::size_t size) {
  if (size < 8) {
    for (std::size_t i = 0; i < size; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  std::uint64_t x;
  std::uint64_t y;
  for (std::size_t i = 0; i + 8 < size; i += 8) {
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return false;
  }
  std::memcpy(&x, a + size - 8, 8);
  std::memcpy(&y, b + size - 8, 8);
  return x == y;
}

class NodeTable {
 public:
  using NodePtr = std::shared_ptr<const Node>;

  NodeTable();
  NodeTable(NodeTable&&) noexcept = default;
  NodeTable& operator=(NodeTable&&) noexcept = default;
  NodeTable(const NodeTable&) = delete;
  NodeTable& operator=(const NodeTable&) = delete;

  /// The node named `lower_wire`, or nullptr when the name does not exist. Lock-free.
  [[nodiscard]] const Node* find(std::string_view lower_wire) const {
    return find(lower_wire, WireNameHash{}(lower_wire));
  }
  /// The same, with `hash` == WireNameHash{}(lower_wire) already known (the query path).
  [[nodiscard]] const Node* find(std::string_view lower_wire, std::uint64_t hash) const {
    const Slot* slot = find_slot(lower_wire, hash);
    return slot == nullptr ? nullptr : slot->node.get();
  }

  /// A name and its answer to one query type.
  struct Hit {
    const Node* node = nullptr;              ///< null: the name does not exist
    const RenderedAnswer* answer = nullptr;  ///< node->find(qtype); null: NODATA
  };
  /// The node named `lower_wire` (its hash known, as for find()) and its answer for `qtype`,
  /// as Node::find gives it, read from what the table keeps beside the node: a query touches
  /// the table's slot and then the answer, not the node in between (each is a cache miss when
  /// queries spread over a large zone). Lock-free.
  [[nodiscard]] Hit find_answer(std::string_view lower_wire, std::uint64_t hash,
                                std::uint16_t qtype) const;
  /// Starts loading the slot where a name of `hash` would be, for a find_answer() soon after:
  /// a batch of queries prefetches all its slots first so that their cache misses overlap.
  /// Touches only this table's own shard array. Lock-free.
  void prefetch(std::uint64_t hash) const {
    const Block* block = blocks_[hash >> kBlockShift].get();
    if (block == nullptr) return;
    const ShardRef& ref = block->shards[(hash >> kShardShift) & (kShardsPerBlock - 1)];
    if (ref.slots != nullptr) __builtin_prefetch(ref.slots + (hash & ref.mask));
  }
  /// Stores `node` under `lower_wire`, or removes the name when `node` is null. A shard still
  /// shared with a table from share() is copied first (O(shard)).
  void put(std::string_view lower_wire, NodePtr node);
  /// A table equal to this one that shares all shards; later put() calls on this table never
  /// change it. O(number of blocks).
  [[nodiscard]] NodeTable share();
  /// A table of `names` (lower-case wire form, each given once; entries with a null node are
  /// skipped), filled on every core: each thread fills whole blocks, every shard sized once for
  /// its names. What a full build does with hundreds of thousands of names, where put() one at
  /// a time is a sixth of the build on one core.
  [[nodiscard]] static NodeTable build(const std::vector<std::pair<std::string, NodePtr>>& names);
  [[nodiscard]] std::size_t size() const { return size_; }
  /// Calls f(lower_wire, node) for every name, in no particular order.
  void for_each(const std::function<void(const std::string&, const Node&)>& f) const;

 private:
  static constexpr std::size_t kIndexedTypes = 3;

  /// One name. The answers' types are copied from the node for nodes of up to kIndexedTypes
  /// answers (nearly all), so that finding an answer does not read the node.
  struct Slot {
    std::uint64_t hash = 0;
    std::string name;
    NodePtr node;                             ///< null: a free slot
    const RenderedAnswer* answers = nullptr;  ///< node->answers.data()
    const char* first_body = nullptr;         ///< answers[0].body.data(), to prefetch
    std::uint16_t qtypes[kIndexedTypes] = {};
    std::uint16_t count = 0;     ///< node->answers.size()
    std::int16_t fallback = -1;  ///< node->fallback
    std::int16_t any = -1;       ///< node->any
  };

  /// One shard: slots in a power-of-two array, linear probing. Copyable (copy on write); not
  /// thread-safe for writes, any number of readers once shared.
  class Shard {
   public:
    Shard() = default;
    /// An empty shard with room for `names` names without growing.
    explicit Shard(std::size_t names);
    /// Stores or replaces; returns whether the name is new.
    bool put(std::string_view name, std::uint64_t hash, NodePtr node);
    /// Removes the name; returns whether it was there.
    bool erase(std::string_view name, std::uint64_t hash);
    [[nodiscard]] const std::vector<Slot>& slots() const { return slots_; }

   private:
    void grow();
    std::vector<Slot> slots_ = std::vector<Slot>(kInitialSlots);
    std::size_t used_ = 0;
  };

  /// A shard and where its slots are, so that a lookup goes from the block straight to the
  /// slot.
  struct ShardRef {
    std::shared_ptr<Shard> shard;  ///< null: empty
    const Slot* slots = nullptr;
    std::size_t mask = 0;  ///< slot count - 1
  };

  static constexpr unsigned kBlockBits = 6;
  static constexpr unsigned kShardBits = 12;  // in all, the block's bits first
  static constexpr unsigned kBlockShift = 64 - kBlockBits;
  static constexpr unsigned kShardShift = 64 - kShardBits;
  static constexpr std::size_t kBlocks = std::size_t{1} << kBlockBits;
  static constexpr std::size_t kShardsPerBlock = std::size_t{1} << (kShardBits - kBlockBits);

  /// One block of the directory. Copyable (copy on write), like a shard.
  struct Block {
    ShardRef shards[kShardsPerBlock];
  };

  /// The slot of `name`, or nullptr. With `prefetch`, a slot whose hash matches starts loading
  /// its node's answers while the name is compared: on a large zone each is a cache miss, and
  /// this way they overlap instead of following one another.
  template <bool prefetch = false>
  [[nodiscard]] const Slot* find_slot(std::string_view name, std::uint64_t hash) const {
    const Block* block = blocks_[hash >> kBlockShift].get();
    if (block == nullptr) return nullptr;
    const ShardRef& ref = block->shards[(hash >> kShardShift) & (kShardsPerBlock - 1)];
    if (ref.slots == nullptr) return nullptr;
    for (std::size_t i = hash & ref.mask;; i = (i + 1) & ref.mask) {
      const Slot& slot = ref.slots[i];
      if (!slot.node) return nullptr;  // never full: the load is kept at most 3/4
      if (slot.hash != hash) continue;
      if constexpr (prefetch) {
        __builtin_prefetch(slot.answers);
        __builtin_prefetch(slot.first_body);
      }
      if (slot.name.size() == name.size() &&
          same_octets(slot.name.data(), name.data(), name.size())) {
        return &slot;
      }
    }
  }

  static constexpr std::size_t kInitialSlots = 8;  // a power of two

  /// The block of `hash`, this table's own (copied if shared, created if absent).
  Block& own_block(std::uint64_t hash);

  std::array<std::shared_ptr<Block>, kBlocks> blocks_;  ///< null: no name in the block
  /// Blocks and shards copied since the last share(), so edits may change them in place.
  std::bitset<kBlocks> owned_blocks_;
  std::vector<bool> owned_shards_;  ///< by shard number; empty until the first put()
  std::vector<std::size_t> owned_shard_list_;
  std::size_t size_ = 0;
};

/// The node of an empty non-terminal; one shared instance.
const NodeTable::NodePtr& empty_node();

}  // namespace ordinal::zones
