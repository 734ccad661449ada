#pragma once
// The window of recent changes that watches resume from, and how one change looks to one
// watcher (label-selector transitions become ADDED/DELETED, as the apiserver's watch cache does).
//
// Thread-safety: none; the registry guards it with its data lock.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "identity/change.hpp"

namespace ordinal::identity {

class WatchHistory {
 public:
  /// Keeps at most `limit` changes; `start` is the resourceVersion the window starts after
  /// (the loaded one after a restart: nothing older can be replayed).
  WatchHistory(std::size_t limit, std::uint64_t start);

  /// Adds a change; its resourceVersion must be above every earlier one.
  void append(std::shared_ptr<const Change> change);
  /// Every change after resourceVersion `from`, in order; nullopt when changes after `from`
  /// have already left the window (the caller answers 410 Gone).
  [[nodiscard]] std::optional<std::vector<std::shared_ptr<const Change>>> since(
      std::uint64_t from) const;
  /// Changes after this resourceVersion are all kept.
  [[nodiscard]] std::uint64_t window_start() const { return window_start_; }

 private:
  std::size_t limit_;
  std::uint64_t window_start_;
  std::deque<std::shared_ptr<const Change>> changes_;
};

/// The event a watcher with `filter` receives for `change`, or nullopt when it sees nothing.
/// A modified object that stops matching arrives as DELETED (its previous state with the new
/// resourceVersion); one that starts matching arrives as ADDED.
std::optional<WatchEvent> event_for(const WatchFilter& filter, const Change& change);

}  // namespace ordinal::identity
