#pragma once
// The existing names of one zone, by lower-case wire form, as a persistent table (model: Knot
// zone-update, with copy-on-write shards instead of a copy of the whole zone). A table handed
// to a snapshot shares every shard with the builder's working table; the next batch of edits
// copies only the shards it touches, so publishing costs the changed names, not the zone.
#include <cstddef>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ordinal::zones {

struct Node;

/// Heterogeneous lookup so the query path searches by string_view without allocating.
struct WireNameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const {
    return std::hash<std::string_view>{}(name);
  }
};

/// Move-only. Reads (find, size, for_each) are safe from any number of threads on a table
/// nobody edits; edits belong to one thread. Tables obtained from share() are never edited.
class NodeTable {
 public:
  using NodePtr = std::shared_ptr<const Node>;

  NodeTable();
  NodeTable(NodeTable&&) noexcept = default;
  NodeTable& operator=(NodeTable&&) noexcept = default;
  NodeTable(const NodeTable&) = delete;
  NodeTable& operator=(const NodeTable&) = delete;

  /// The node named `lower_wire`, or nullptr when the name does not exist. Lock-free.
  [[nodiscard]] const Node* find(std::string_view lower_wire) const;
  /// Stores `node` under `lower_wire`, or removes the name when `node` is null. A shard still
  /// shared with a table from share() is copied first (its entries are pointers: O(shard)).
  void put(std::string_view lower_wire, NodePtr node);
  /// A table equal to this one that shares all shards; later put() calls on this table never
  /// change it. O(number of shards).
  [[nodiscard]] NodeTable share();
  [[nodiscard]] std::size_t size() const { return size_; }
  /// Calls f(lower_wire, node) for every name, in no particular order.
  void for_each(const std::function<void(const std::string&, const Node&)>& f) const;

 private:
  using Shard = std::unordered_map<std::string, NodePtr, WireNameHash, std::equal_to<>>;
  static constexpr unsigned kShardBits = 10;
  static std::size_t shard_of(std::string_view lower_wire);

  std::vector<std::shared_ptr<Shard>> shards_;  ///< null: empty
  std::vector<bool> owned_;                     ///< copied since the last share()
  std::vector<std::size_t> owned_list_;
  std::size_t size_ = 0;
};

/// The node of an empty non-terminal; one shared instance.
const NodeTable::NodePtr& empty_node();

}  // namespace ordinal::zones
