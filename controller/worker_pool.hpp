#pragma once
// A fixed set of threads that run the numbered jobs of one call together, for reconcilers whose
// syncs of different keys may overlap: while one sync waits for its write to be made durable,
// the others' writes join the same group commit (identity/registry.hpp), so N overlapping
// syncs share one disk sync instead of paying N in a row.
//
// Thread-safety: run() from one thread at a time (the controller manager's); jobs run on the
// pool's threads and on the caller's.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ordinal::controller {

class WorkerPool {
 public:
  /// `threads` helpers besides the caller; none are started before the first run().
  explicit WorkerPool(std::size_t threads) : size_(threads) {}
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Runs job(0) .. job(count - 1), each once, on the helpers and the calling thread; returns
  /// when all have finished. Jobs must not throw.
  void run(std::size_t count, const std::function<void(std::size_t)>& job);

 private:
  void work();
  /// Takes and runs jobs of the current call until none is left; `lock` is held on entry and
  /// on return.
  void drain(std::unique_lock<std::mutex>& lock);

  const std::size_t size_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_ready_;
  std::condition_variable work_done_;
  const std::function<void(std::size_t)>* job_ = nullptr;  ///< the current call's jobs
  std::size_t next_ = 0;                                   ///< the next job to hand out
  std::size_t count_ = 0;                                  ///< jobs in the current call
  std::size_t running_ = 0;                                ///< jobs handed out and not yet finished
  bool stopping_ = false;
};

}  // namespace ordinal::controller
