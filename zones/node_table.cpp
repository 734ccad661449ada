#include "zones/node_table.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "identity/parallel_ranges.hpp"
#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

namespace {

/// Stores `node` in `slot` with the copy of its answers' types that find_answer() reads.
template <typename Slot>
void fill(Slot& slot, NodeTable::NodePtr node, std::size_t indexed_types) {
  slot.answers = node->answers.data();
  slot.first_body = node->answers.empty() ? nullptr : node->answers.front().body.data();
  slot.count = static_cast<std::uint16_t>(node->answers.size());
  slot.fallback = static_cast<std::int16_t>(node->fallback);
  slot.any = static_cast<std::int16_t>(node->any);
  for (std::size_t i = 0; i < indexed_types && i < node->answers.size(); ++i) {
    slot.qtypes[i] = node->answers[i].qtype;
  }
  slot.node = std::move(node);
}

}  // namespace

NodeTable::Hit NodeTable::find_answer(std::string_view lower_wire, std::uint64_t hash,
                                      std::uint16_t qtype) const {
  const Slot* slot = find_slot<true>(lower_wire, hash);
  if (slot == nullptr) return {};
  Hit hit{slot->node.get(), nullptr};
  // Node::find's rule, on the slot's copy of the node's fields.
  if (slot->count > kIndexedTypes) {
    hit.answer = slot->node->find(qtype);
    return hit;
  }
  if (qtype == rr_type::kAny) {
    if (slot->any >= 0) hit.answer = slot->answers + slot->any;
    return hit;
  }
  for (std::size_t i = 0; i < slot->count; ++i) {
    if (slot->qtypes[i] == qtype) {
      hit.answer = slot->answers + i;
      return hit;
    }
  }
  if (slot->fallback >= 0) hit.answer = slot->answers + slot->fallback;
  return hit;
}

NodeTable::Shard::Shard(std::size_t names)
    // The load stays at most 3/4 (put() grows past it): room for `names` without growing.
    : slots_(std::bit_ceil(std::max(kInitialSlots, (names * 4 + 2) / 3))) {}

bool NodeTable::Shard::put(std::string_view name, std::uint64_t hash, NodePtr node) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (!slot.node) {
      slot.hash = hash;
      slot.name.assign(name);
      fill(slot, std::move(node), kIndexedTypes);
      if (++used_ * 4 > slots_.size() * 3) grow();
      return true;
    }
    if (slot.hash == hash && slot.name == name) {
      fill(slot, std::move(node), kIndexedTypes);
      return false;
    }
  }
}

bool NodeTable::Shard::erase(std::string_view name, std::uint64_t hash) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t hole = hash & mask;
  for (;; hole = (hole + 1) & mask) {
    const Slot& slot = slots_[hole];
    if (!slot.node) return false;
    if (slot.hash == hash && slot.name == name) break;
  }
  // Backward-shift deletion: move up every later entry of the run whose home slot does not lie
  // cyclically in (hole, its slot], so that no probe sequence ever crosses a free slot.
  for (std::size_t next = (hole + 1) & mask; slots_[next].node; next = (next + 1) & mask) {
    const std::size_t home = slots_[next].hash & mask;
    const bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
    if (stays) continue;
    slots_[hole] = std::move(slots_[next]);
    hole = next;
  }
  slots_[hole] = Slot{};
  --used_;
  return true;
}

void NodeTable::Shard::grow() {
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.size() * 2));
  const std::size_t mask = slots_.size() - 1;
  for (Slot& slot : old) {
    if (!slot.node) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].node) i = (i + 1) & mask;
    slots_[i] = std::move(slot);
  }
}

NodeTable::NodeTable() = default;

NodeTable::Block& NodeTable::own_block(std::uint64_t hash) {
  const std::size_t index = hash >> kBlockShift;
  std::shared_ptr<Block>& block = blocks_[index];
  if (!owned_blocks_[index]) {
    // Snapshots still read the old block: edit a private copy.
    block = block ? std::make_shared<Block>(*block) : std::make_shared<Block>();
    owned_blocks_[index] = true;
  }
  return *block;
}

void NodeTable::put(std::string_view lower_wire, NodePtr node) {
  const std::uint64_t hash = WireNameHash{}(lower_wire);
  const Block* shared_block = blocks_[hash >> kBlockShift].get();
  const std::size_t in_block = (hash >> kShardShift) & (kShardsPerBlock - 1);
  if (!node && (shared_block == nullptr || !shared_block->shards[in_block].shard)) return;
  ShardRef& ref = own_block(hash).shards[in_block];
  const std::size_t index = hash >> kShardShift;
  if (owned_shards_.empty()) owned_shards_.resize(std::size_t{1} << kShardBits);
  if (!owned_shards_[index]) {
    ref.shard = ref.shard ? std::make_shared<Shard>(*ref.shard) : std::make_shared<Shard>();
    owned_shards_[index] = true;
    owned_shard_list_.push_back(index);
  }
  if (!node) {
    if (ref.shard->erase(lower_wire, hash)) --size_;
  } else if (ref.shard->put(lower_wire, hash, std::move(node))) {
    ++size_;
  }
  // The copy, or a growth, moved the slots.
  ref.slots = ref.shard->slots().data();
  ref.mask = ref.shard->slots().size() - 1;
}

NodeTable NodeTable::share() {
  owned_blocks_.reset();
  for (const std::size_t index : owned_shard_list_) owned_shards_[index] = false;
  owned_shard_list_.clear();
  NodeTable copy;
  copy.blocks_ = blocks_;
  copy.size_ = size_;
  return copy;
}

NodeTable NodeTable::build(const std::vector<std::pair<std::string, NodePtr>>& names) {
  constexpr std::size_t kShards = std::size_t{1} << kShardBits;
  constexpr std::size_t kHashChunk = 16384;
  std::vector<std::uint64_t> hashes(names.size());
  identity::for_ranges(names.size(), kHashChunk,
                       [&](std::size_t, std::size_t begin, std::size_t end) {
                         for (std::size_t i = begin; i < end; ++i) {
                           hashes[i] = WireNameHash{}(names[i].first);
                         }
                       });
  // The names' positions grouped by shard, in shard order (a counting sort): the names of
  // shard s are order[first[s] .. first[s + 1]).
  std::vector<std::size_t> first(kShards + 1, 0);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].second) ++first[(hashes[i] >> kShardShift) + 1];
  }
  std::partial_sum(first.begin(), first.end(), first.begin());
  std::vector<std::size_t> order(first[kShards]);
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].second) order[next[hashes[i] >> kShardShift]++] = i;
    }
  }

  NodeTable table;
  std::array<std::size_t, identity::kMaxRangeParts> sizes{};
  identity::for_ranges(kBlocks, 1, [&](std::size_t part, std::size_t begin, std::size_t end) {
    for (std::size_t block = begin; block < end; ++block) {
      const std::size_t block_first = block * kShardsPerBlock;
      if (first[block_first] == first[block_first + kShardsPerBlock]) continue;
      auto made = std::make_shared<Block>();
      for (std::size_t in_block = 0; in_block < kShardsPerBlock; ++in_block) {
        const std::size_t shard = block_first + in_block;
        if (first[shard] == first[shard + 1]) continue;
        auto filled = std::make_shared<Shard>(first[shard + 1] - first[shard]);
        for (std::size_t k = first[shard]; k < first[shard + 1]; ++k) {
          const std::size_t i = order[k];
          if (filled->put(names[i].first, hashes[i], names[i].second)) ++sizes[part];
        }
        made->shards[in_block] = {filled, filled->slots().data(), filled->slots().size() - 1};
      }
      table.blocks_[block] = std::move(made);
    }
  });
  table.size_ = std::accumulate(sizes.begin(), sizes.end(), std::size_t{0});
  // Nothing shares the new blocks and shards yet: later put() calls edit them in place.
  table.owned_shards_.resize(kShards);
  for (std::size_t block = 0; block < kBlocks; ++block) {
    if (!table.blocks_[block]) continue;
    table.owned_blocks_[block] = true;
    for (std::size_t in_block = 0; in_block < kShardsPerBlock; ++in_block) {
      if (!table.blocks_[block]->shards[in_block].shard) continue;
      const std::size_t shard = block * kShardsPerBlock + in_block;
      table.owned_shards_[shard] = true;
      table.owned_shard_list_.push_back(shard);
    }
  }
  return table;
}

void NodeTable::for_each(const std::function<void(const std::string&, const Node&)>& f) const {
  for (const auto& block : blocks_) {
    if (!block) continue;
    for (const auto& ref : block->shards) {
      if (!ref.shard) continue;
      for (const auto& slot : ref.shard->slots()) {
        if (slot.node) f(slot.name, *slot.node);
      }
    }
  }
}

const NodeTable::NodePtr& empty_node() {
  static const NodeTable::NodePtr node = std::make_shared<const Node>();
  return node;
}

}  // namespace ordinal::zones
