#pragma once
// The queries in flight, by DNS ID: which query each ID carries and when it left, the IDs free
// for the next send, and the send order so that the oldest can be expired in O(1).
#include <cstdint>
#include <deque>
#include <vector>

namespace ordinal::bench {

class InFlight {
 public:
  static constexpr std::size_t kIds = 65536;

  InFlight() : slots_(kIds) {
    free_.reserve(kIds);
    for (std::size_t id = kIds; id-- > 0;) free_.push_back(static_cast<std::uint16_t>(id));
  }

  [[nodiscard]] std::size_t size() const { return kIds - free_.size(); }
  [[nodiscard]] bool full() const { return free_.empty(); }

  /// Takes a free ID for query `query` sent at `now_ns`. Precondition: !full().
  std::uint16_t take(std::uint32_t query, std::uint64_t now_ns) {
    const std::uint16_t id = free_.back();
    free_.pop_back();
    Slot& slot = slots_[id];
    slot.query = query;
    slot.sent_ns = now_ns;
    slot.busy = true;
    order_.push_back({id, slot.generation});
    return id;
  }
  /// Gives back an ID taken but never sent (the socket refused it); must be the last taken.
  void untake(std::uint16_t id) {
    release(id);
    order_.pop_back();
  }

  struct Slot {
    std::uint32_t query = 0;
    std::uint32_t generation = 0;
    std::uint64_t sent_ns = 0;
    bool busy = false;
  };
  /// The slot of `id`, busy or not.
  [[nodiscard]] const Slot& slot(std::uint16_t id) const { return slots_[id]; }
  /// Frees `id` (answered or lost); its entry in the send order goes stale.
  void release(std::uint16_t id) {
    Slot& slot = slots_[id];
    slot.busy = false;
    ++slot.generation;
    free_.push_back(id);
  }

  /// Releases every query sent before `deadline_ns` and still unanswered; returns how many.
  std::uint64_t expire(std::uint64_t deadline_ns) {
    std::uint64_t expired = 0;
    while (!order_.empty()) {
      const auto [id, generation] = order_.front();
      const Slot& slot = slots_[id];
      if (slot.generation == generation) {
        if (slot.sent_ns >= deadline_ns) break;
        release(id);
        ++expired;
      }
      order_.pop_front();
    }
    return expired;
  }
  /// Send time of the oldest query in flight, or 0 when none.
  std::uint64_t oldest_ns() {
    while (!order_.empty()) {
      const auto [id, generation] = order_.front();
      if (slots_[id].generation == generation) return slots_[id].sent_ns;
      order_.pop_front();
    }
    return 0;
  }

 private:
  struct Entry {
    std::uint16_t id;
    std::uint32_t generation;
  };
  std::vector<Slot> slots_;
  std::vector<std::uint16_t> free_;
  std::deque<Entry> order_;
};

}  // namespace ordinal::bench
