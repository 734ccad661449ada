#include "controller/worker_pool.hpp"

namespace ordinal::controller {

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void WorkerPool::drain(std::unique_lock<std::mutex>& lock) {
  while (job_ != nullptr && next_ < count_) {
    const std::size_t index = next_++;
    const auto* job = job_;
    ++running_;
    lock.unlock();
    (*job)(index);
    lock.lock();
    if (--running_ == 0 && next_ == count_) work_done_.notify_all();
  }
}

void WorkerPool::work() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_ready_.wait(lock, [this] { return stopping_ || (job_ != nullptr && next_ < count_); });
    if (stopping_) return;
    drain(lock);
  }
}

void WorkerPool::run(std::size_t count, const std::function<void(std::size_t)>& job) {
  if (count == 0) return;
  std::unique_lock lock(mu_);
  while (threads_.size() < size_) threads_.emplace_back([this] { work(); });
  job_ = &job;
  next_ = 0;
  count_ = count;
  work_ready_.notify_all();
  drain(lock);
  work_done_.wait(lock, [this] { return running_ == 0 && next_ == count_; });
  job_ = nullptr;
  count_ = 0;
  next_ = 0;
}

}  // namespace ordinal::controller
