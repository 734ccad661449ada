#pragma once
// The existing names of one zone, by lower-case wire form, as a persistent table (model: Knot
// zone-update, with copy-on-write shards instead of a copy of the whole zone). A table handed
// to a snapshot shares every shard with the builder's working table; the next batch of edits
// copies only the shards it touches, so publishing costs the changed names, not the zone.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
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
/// Hashes lower-case wire names eight octets at a time with a multiply-fold, then mixes the
/// result so that the top bits (the shard) and the low bits (the bucket) both depend on every
/// octet. On the query path it costs about a tenth of std::hash's Murmur for a typical name.
struct WireNameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
    std::uint64_t hash = name.size() * kMultiplier;
    const char* at = name.data();
    std::size_t left = name.size();
    for (; left >= 8; left -= 8, at += 8) {
      std::uint64_t word;
      std::memcpy(&word, at, 8);
      hash = (std::rotl(hash, 5) ^ word) * kMultiplier;
    }
    if (left > 0) {
      std::uint64_t word = 0;
      std::memcpy(&word, at, left);
      hash = (std::rotl(hash, 5) ^ word) * kMultiplier;
    }
    hash ^= hash >> 32;
    hash *= 0xD6E8FEB86659FD93ULL;
    hash ^= hash >> 32;
    return static_cast<std::size_t>(hash);
  }
};

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
