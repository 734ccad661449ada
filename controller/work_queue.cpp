#include "controller/work_queue.hpp"

#include <algorithm>

namespace ordinal::controller {

void WorkQueue::stop_waiting(std::map<std::string, TimePoint>::iterator it) {
  // Its deadline entry goes with it: left stale, every key once timed would stay queued until
  // its time (an hour for an expiring Event), whatever became of the key meanwhile.
  auto [first, last] = by_deadline_.equal_range(it->second);
  for (auto d = first; d != last; ++d) {
    if (d->second == it->first) {
      by_deadline_.erase(d);
      break;
    }
  }
  waiting_.erase(it);
}

void WorkQueue::add(const std::string& key) {
  if (ready_set_.contains(key)) return;
  if (auto it = waiting_.find(key); it != waiting_.end()) stop_waiting(it);
  ready_.push_back(key);
  ready_set_.insert(key);
}

void WorkQueue::add_at(const std::string& key, TimePoint when) {
  if (ready_set_.contains(key)) return;
  if (auto it = waiting_.find(key); it != waiting_.end()) {
    if (it->second <= when) return;
    stop_waiting(it);
  }
  waiting_[key] = when;
  by_deadline_.emplace(when, key);
}

void WorkQueue::add_rate_limited(const std::string& key, TimePoint now) {
  const int failed = failures_[key]++;
  auto delay = backoff_.base;
  for (int i = 0; i < failed && delay < backoff_.max; ++i) delay *= 2;
  add_at(key, now + std::min(delay, backoff_.max));
}

void WorkQueue::forget(const std::string& key) {
  failures_.erase(key);
}

int WorkQueue::failures(const std::string& key) const {
  const auto it = failures_.find(key);
  return it == failures_.end() ? 0 : it->second;
}

void WorkQueue::promote_due(TimePoint now) {
  while (!by_deadline_.empty() && by_deadline_.begin()->first <= now) {
    const auto [when, key] = *by_deadline_.begin();
    by_deadline_.erase(by_deadline_.begin());
    const auto it = waiting_.find(key);
    if (it == waiting_.end() || it->second != when) continue;  // stale entry
    waiting_.erase(it);
    add(key);
  }
}

std::optional<std::string> WorkQueue::pop_ready(TimePoint now) {
  promote_due(now);
  if (ready_.empty()) return std::nullopt;
  std::string key = std::move(ready_.front());
  ready_.pop_front();
  ready_set_.erase(key);
  return key;
}

std::optional<TimePoint> WorkQueue::next_deadline() const {
  for (const auto& [when, key] : by_deadline_) {  // ordered by time; skip stale entries
    const auto it = waiting_.find(key);
    if (it != waiting_.end() && it->second == when) return when;
  }
  return std::nullopt;
}

}  // namespace ordinal::controller
