#include "zones/node_table.hpp"

#include "zones/zone_snapshot.hpp"

namespace ordinal::zones {

NodeTable::NodeTable() : shards_(std::size_t{1} << kShardBits), owned_(shards_.size()) {}

std::size_t NodeTable::shard_of(std::string_view lower_wire) {
  // The top bits: the shard's own hash buckets use the low ones.
  const std::size_t hash = WireNameHash{}(lower_wire);
  return hash >> (std::numeric_limits<std::size_t>::digits - kShardBits);
}

const Node* NodeTable::find(std::string_view lower_wire) const {
  const auto& shard = shards_[shard_of(lower_wire)];
  if (!shard) return nullptr;
  const auto it = shard->find(lower_wire);
  return it == shard->end() ? nullptr : it->second.get();
}

void NodeTable::put(std::string_view lower_wire, NodePtr node) {
  const std::size_t index = shard_of(lower_wire);
  auto& shard = shards_[index];
  if (!shard && !node) return;
  if (!owned_[index]) {
    // Snapshots still read the old shard: edit a private copy.
    shard = shard ? std::make_shared<Shard>(*shard) : std::make_shared<Shard>();
    owned_[index] = true;
    owned_list_.push_back(index);
  }
  const auto it = shard->find(lower_wire);
  if (!node) {
    if (it != shard->end()) {
      shard->erase(it);
      --size_;
    }
    return;
  }
  if (it != shard->end()) {
    it->second = std::move(node);
  } else {
    shard->emplace(std::string(lower_wire), std::move(node));
    ++size_;
  }
}

NodeTable NodeTable::share() {
  for (const std::size_t index : owned_list_) owned_[index] = false;
  owned_list_.clear();
  NodeTable copy;
  copy.shards_ = shards_;
  copy.size_ = size_;
  return copy;
}

void NodeTable::for_each(const std::function<void(const std::string&, const Node&)>& f) const {
  for (const auto& shard : shards_) {
    if (!shard) continue;
    for (const auto& [name, node] : *shard) f(name, *node);
  }
}

const NodeTable::NodePtr& empty_node() {
  static const NodeTable::NodePtr node = std::make_shared<const Node>();
  return node;
}

}  // namespace ordinal::zones
