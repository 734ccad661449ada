#pragma once
// Parsed objects of one kind, kept per stored version. Controllers look at every pod (or
// Service) of a namespace on each pass or event, and parsing each one anew (a deep copy of its
// JSON) made that cost O(objects) parses even when a single object had changed. Stored objects
// are immutable and a write stores a new one, so an object whose stored version is the same
// pointer as last time parses to the same value: the cache keeps the stored object beside its
// parsed form, found by the object's address (a sound key: the entry holds the object, so its
// address cannot be reused while the entry lives).
//
// One PodCache serves every controller that reads pods, so a pod is parsed once per version
// however many controllers look at it. The cost is memory: a parsed pod keeps the JSON it was
// read from at every modelled level (about 34 KB for a 2 KB pod), so the cache holds at most
// `budget` objects, the namespaces listed most recently; a namespace with more objects than
// that is parsed on every list, as without a cache.
//
// Thread-safety: none; used from the controller manager's one thread.
#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "controller/object_manager.hpp"
#include "identity/pod.hpp"

namespace ordinal::controller {

/// `T` is a typed view with `T::kKind` and `static T from_json(const Json&)`.
template <class T>
class ParsedObjects {
 public:
  using Ptr = std::shared_ptr<const T>;

  /// Parsed objects kept by default: about 70 MB of pods.
  static constexpr std::size_t kDefaultBudget = 2048;

  explicit ParsedObjects(std::size_t budget = kDefaultBudget) : budget_(budget) {}

  /// Every object of `T`'s kind in `ns` as `objects` lists it now (name order), parsed.
  /// Objects of `ns` no longer listed are forgotten.
  [[nodiscard]] std::vector<Ptr> list(const ObjectManager& objects, const std::string& ns) {
    const std::vector<ObjectPtr> listed = objects.list(std::string(T::kKind), ns);
    Entries previous = take(ns);
    Entries current;
    current.reserve(listed.size());
    std::vector<Ptr> parsed;
    parsed.reserve(listed.size());
    for (const ObjectPtr& object : listed) {
      auto known = previous.find(object.get());
      Ptr value = known != previous.end() ? std::move(known->second.parsed)
                                          : std::make_shared<const T>(T::from_json(*object));
      parsed.push_back(value);
      current.emplace(object.get(), Entry{object, std::move(value)});
    }
    keep(ns, std::move(current));
    return parsed;
  }

  /// Objects held.
  [[nodiscard]] std::size_t size() const { return held_; }

 private:
  struct Entry {
    ObjectPtr object;  ///< the stored version `parsed` was read from
    Ptr parsed;
  };
  using Entries = std::unordered_map<const identity::Json*, Entry>;  ///< by object.get()
  struct Namespace {
    Entries entries;
    std::list<std::string>::iterator recent;  ///< its place in recent_
  };

  Entries take(const std::string& ns) {
    const auto it = namespaces_.find(ns);
    if (it == namespaces_.end()) return {};
    Entries entries = std::move(it->second.entries);
    held_ -= entries.size();
    recent_.erase(it->second.recent);
    namespaces_.erase(it);
    return entries;
  }

  // Keeps `entries` as the most recent namespace, then forgets the least recently listed
  // namespaces until the budget holds.
  void keep(const std::string& ns, Entries entries) {
    if (entries.empty() || entries.size() > budget_) return;
    held_ += entries.size();
    recent_.push_front(ns);
    namespaces_.emplace(ns, Namespace{std::move(entries), recent_.begin()});
    while (held_ > budget_) {
      const auto oldest = namespaces_.find(recent_.back());
      held_ -= oldest->second.entries.size();
      namespaces_.erase(oldest);
      recent_.pop_back();
    }
  }

  std::size_t budget_;
  std::size_t held_ = 0;
  std::list<std::string> recent_;  ///< namespaces held, most recently listed first
  std::map<std::string, Namespace, std::less<>> namespaces_;
};

using identity::PodPtr;
/// Shared by the StatefulSet and EndpointSlice controllers (ControlPlane owns it).
using PodCache = ParsedObjects<identity::Pod>;

}  // namespace ordinal::controller
