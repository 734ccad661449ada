#pragma once
// Where ApiServer runs ApiHandler::handle(): threads of their own, off the connections' I/O
// threads. A write blocks its handler until the registry's group commit has synced it; on the
// two I/O threads that capped the API at two writes per sync however many clients were
// waiting. Here as many writes as there are pool threads can share one sync, and reads and
// other connections are not held up meanwhile.
// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp needs it under GCC 12
// clang-format on

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <mutex>

#include "tools/api/api_handler.hpp"

namespace ordinal::api {

class HandlerPool {
 public:
  /// Threads enough for 64 clients writing at once to share each sync (group commit).
  static constexpr std::size_t kDefaultThreads = 64;

  /// `handler` must outlive the pool (join() or destruction).
  explicit HandlerPool(ApiHandler& handler, std::size_t threads = kDefaultThreads);
  /// Joins, as join() does.
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  /// Answers `request` with ApiHandler::handle() on a pool thread; the awaiting coroutine
  /// resumes on its own executor with the response. While the request is in the pool it counts
  /// as work of that executor, so its io_context does not run out under it. Never throws from
  /// the handler: an exception becomes a 500. After join() the handler runs on the caller's
  /// thread instead.
  boost::asio::awaitable<ApiResponse> handle(ApiRequest request);
  /// Waits until every request handed over so far is answered and the threads have ended.
  /// Idempotent. Not from a pool thread.
  void join();

 private:
  ApiResponse run(const ApiRequest& request) noexcept;

  ApiHandler& handler_;
  boost::asio::thread_pool pool_;
  /// Guards `joined_`: a request is either in the pool before join() starts waiting, or runs
  /// inline; never posted to threads that have already ended.
  std::mutex mu_;
  bool joined_ = false;
};

}  // namespace ordinal::api
