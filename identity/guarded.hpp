#pragma once
// Guarded<T>: a value that can only be reached through a lock on its own mutex, so shared state
// cannot be touched unlocked by mistake (STYLE rule 9).
#include <mutex>
#include <shared_mutex>
#include <type_traits>

namespace ordinal::identity {

template <class T, class Mutex = std::mutex>
class Guarded {
 public:
  /// Exclusive access for as long as the handle lives. Do not keep references past it.
  template <class U, class Lock>
  class Handle {
   public:
    Handle(U& value, Mutex& mu) : lock_(mu), value_(value) {}
    U& operator*() const { return value_; }
    U* operator->() const { return &value_; }
    /// Releases the lock early; the handle must not be dereferenced afterwards.
    void unlock() { lock_.unlock(); }
    void lock() { lock_.lock(); }

   private:
    Lock lock_;
    U& value_;
  };

  template <class... Args>
  explicit Guarded(Args&&... args) : value_(std::forward<Args>(args)...) {}

  /// Exclusive, writable access.
  Handle<T, std::unique_lock<Mutex>> lock() { return {value_, mu_}; }
  /// Shared, read-only access (needs a shared mutex).
  auto read() const {
    static_assert(std::is_same_v<Mutex, std::shared_mutex>, "read() needs a shared mutex");
    return Handle<const T, std::shared_lock<Mutex>>(value_, mu_);
  }

 private:
  mutable Mutex mu_;
  T value_;
};

}  // namespace ordinal::identity
