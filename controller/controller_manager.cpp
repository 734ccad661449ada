#include "controller/controller_manager.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <iostream>
#include <set>
#include <stdexcept>

namespace ordinal::controller {
namespace {

class QueueSink final : public KeySink {
 public:
  explicit QueueSink(WorkQueue& queue) : queue_(queue) {}
  void add(const std::string& key) override { queue_.add(key); }

 private:
  WorkQueue& queue_;
};

// Syncs per round-robin round before the watches are drained again, so a burst of work does not
// delay the changes that may make some of it unnecessary.
constexpr int kSyncsPerRound = 64;

// Reconciling is background work beside the DNS threads and the zone feed, which make a change
// visible in answers. When they share a core, a controller pass (a few milliseconds for a set
// of hundreds) stood between an acknowledged write and its answer, at the scheduler's slice:
// one pinned core, dnsperf at 30,000 QPS, the change-to-answer p99 was 1.6 ms at nice 0 and
// 0.3 ms at nice +15. The price is paid only when the CPU is saturated: with dnsperf taking
// both cores, OrderedReady went from 9 ms per ordinal to 27 (+10) and 30 (+19), and Parallel
// 300 from 0.34 s to 0.48 and 0.78 s.
constexpr int kNiceIncrement = 15;

void run_in_background() {
  ::pthread_setname_np(::pthread_self(), "controllers");  // as `top -H` and /proc show it
  errno = 0;
  const int current = ::getpriority(PRIO_PROCESS, 0);
  if (errno != 0) return;
  // Linux applies PRIO_PROCESS with a thread id to that thread alone.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()),
                std::min(current + kNiceIncrement, 19));
}

}  // namespace

ControllerManager::ControllerManager(identity::Registry& registry) : registry_(registry) {}

ControllerManager::~ControllerManager() {
  stop();
}

void ControllerManager::add(std::unique_ptr<Reconciler> reconciler) {
  if (thread_.joinable()) throw std::logic_error("ControllerManager::add after start");
  std::vector<std::string> kinds = reconciler->watched_kinds();
  std::unique_ptr<WorkerPool> workers;
  if (const std::size_t concurrent = reconciler->max_concurrent_syncs(); concurrent > 1)
    workers = std::make_unique<WorkerPool>(concurrent - 1);
  entries_.push_back(
      Entry{std::move(reconciler), WorkQueue{}, 0, 0, std::move(kinds), std::move(workers)});
}

void ControllerManager::after_round(std::function<void()> work) {
  if (thread_.joinable()) throw std::logic_error("ControllerManager::after_round after start");
  after_round_.push_back(std::move(work));
}

void ControllerManager::open_watch(Watch& watch) {
  identity::WatchFilter filter;
  filter.kind = watch.kind;
  // From the last event seen, so nothing is missed across a re-open; when that is too old the
  // registry answers 410 and everything is listed again as Added (reconcilers are level-based).
  auto stream =
      registry_.watch(filter, watch.last_rv == 0 ? std::nullopt : std::optional(watch.last_rv));
  if (!stream && watch.last_rv != 0) stream = registry_.watch(filter, std::nullopt);
  if (!stream)
    throw std::runtime_error("cannot watch " + watch.kind + ": " + stream.error().message);
  watch.stream = *stream;
  watch.stream->set_notify([this] {
    {
      std::lock_guard lock(mu_);
      wake_ = true;
    }
    cv_.notify_one();
  });
}

void ControllerManager::start() {
  std::set<std::string> kinds;
  for (const auto& entry : entries_)
    for (const auto& kind : entry.kinds) kinds.insert(kind);
  for (const auto& kind : kinds) {
    watches_.push_back(Watch{kind, nullptr, 0});
    open_watch(watches_.back());
  }
  for (const auto& entry : entries_) stats_.push_back({std::string(entry.reconciler->name())});
  thread_ = std::thread([this] {
    run_in_background();
    run();
  });
}

void ControllerManager::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
  for (auto& watch : watches_)
    if (watch.stream) watch.stream->close();
}

bool ControllerManager::drain_watches() {
  bool any = false;
  for (auto& watch : watches_) {
    auto events = watch.stream->take();
    if (!events) {  // closed: fell behind or the registry closed it; resume where we were
      std::lock_guard lock(mu_);
      if (stopping_) return any;
    }
    if (!events) {
      open_watch(watch);
      any = true;
      continue;
    }
    for (const auto& event : *events) {
      watch.last_rv = std::max(watch.last_rv, event.resource_version);
      if (event.type == identity::WatchEvent::Type::Bookmark) continue;
      for (auto& entry : entries_) {
        if (std::find(entry.kinds.begin(), entry.kinds.end(), watch.kind) == entry.kinds.end())
          continue;
        QueueSink sink(entry.queue);
        try {
          entry.reconciler->on_change(event, sink);
        } catch (const std::exception& e) {
          std::cerr << "controller " << entry.reconciler->name() << ": on_change: " << e.what()
                    << "\n";
        }
      }
      any = true;
    }
  }
  return any;
}

SyncOutcome ControllerManager::run_sync(Entry& entry, const std::string& key) {
  try {
    return entry.reconciler->sync(key, Clock::now());
  } catch (const std::exception& e) {
    return SyncOutcome::failed(identity::internal_error(e.what()));
  }
}

void ControllerManager::finish_sync(Entry& entry, const std::string& key,
                                    const SyncOutcome& outcome) {
  ++entry.syncs;
  const TimePoint now = Clock::now();
  if (outcome.error) {
    ++entry.failures;
    // Conflicts are the normal price of optimistic writes; only other failures are worth a line.
    if (outcome.error->code != 409)
      std::cerr << "controller " << entry.reconciler->name() << " " << key << ": "
                << outcome.error->message << "\n";
    entry.queue.add_rate_limited(key, now);
  } else {
    entry.queue.forget(key);
  }
  if (outcome.requeue_after) entry.queue.add_at(key, now + *outcome.requeue_after);
}

bool ControllerManager::sync_ready(Entry& entry) {
  const std::size_t limit = entry.workers ? entry.reconciler->max_concurrent_syncs() : 1;
  std::vector<std::string> keys;
  const TimePoint now = Clock::now();
  while (keys.size() < limit) {
    auto key = entry.queue.pop_ready(now);
    if (!key) break;
    keys.push_back(std::move(*key));
  }
  if (keys.empty()) return false;
  std::vector<SyncOutcome> outcomes(keys.size());
  if (keys.size() == 1)
    outcomes[0] = run_sync(entry, keys[0]);
  else
    entry.workers->run(keys.size(), [&](std::size_t i) { outcomes[i] = run_sync(entry, keys[i]); });
  for (std::size_t i = 0; i < keys.size(); ++i) finish_sync(entry, keys[i], outcomes[i]);
  return true;
}

bool ControllerManager::sync_one_round() {
  bool any = false;
  for (int i = 0; i < kSyncsPerRound; ++i) {
    bool progressed = false;
    for (auto& entry : entries_) progressed = sync_ready(entry) || progressed;
    if (!progressed) break;
    any = true;
  }
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    stats_[i].syncs = entries_[i].syncs;
    stats_[i].failures = entries_[i].failures;
    stats_[i].queued = entries_[i].queue.size();
  }
  return any;
}

std::optional<TimePoint> ControllerManager::next_deadline() const {
  std::optional<TimePoint> earliest;
  for (const auto& entry : entries_) {
    const auto when = entry.queue.next_deadline();
    if (when && (!earliest || *when < *earliest)) earliest = when;
  }
  return earliest;
}

void ControllerManager::run() {
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      wake_ = false;
    }
    const bool changed = drain_watches();
    const bool worked = sync_one_round();
    for (const auto& work : after_round_) {
      try {
        work();
      } catch (const std::exception& e) {
        std::cerr << "controller manager: " << e.what() << "\n";
      }
    }
    if (changed || worked) continue;
    std::unique_lock lock(mu_);
    const auto deadline = next_deadline();
    const auto woken = [this] { return wake_ || stopping_; };
    if (deadline)
      cv_.wait_until(lock, *deadline, woken);
    else
      cv_.wait(lock, woken);
  }
}

std::vector<ReconcilerStats> ControllerManager::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

}  // namespace ordinal::controller
