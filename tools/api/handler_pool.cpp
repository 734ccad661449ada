#include "tools/api/handler_pool.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/execution.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>

#include "tools/api/api_response.hpp"

namespace ordinal::api {

namespace net = boost::asio;

HandlerPool::HandlerPool(ApiHandler& handler, std::size_t threads)
    : handler_(handler), pool_(threads) {}

HandlerPool::~HandlerPool() {
  join();
}

void HandlerPool::join() {
  {
    std::lock_guard lock(mu_);
    joined_ = true;
  }
  pool_.join();
}

ApiResponse HandlerPool::run(const ApiRequest& request) noexcept {
  try {
    return handler_.handle(request);
  } catch (const std::exception& e) {
    return error_response(identity::internal_error(e.what()));
  } catch (...) {
    return error_response(identity::internal_error("unknown error"));
  }
}

net::awaitable<ApiResponse> HandlerPool::handle(ApiRequest request) {
  auto initiate = [this](auto completion, ApiRequest req) {
    // Tracked work: the session's io_context keeps running until the answer is delivered.
    auto home = net::prefer(net::get_associated_executor(completion),
                            net::execution::outstanding_work.tracked);
    auto answer = [this, home, req = std::move(req), completion = std::move(completion)]() mutable {
      ApiResponse response = run(req);
      net::post(home,
                [completion = std::move(completion), response = std::move(response)]() mutable {
                  std::move(completion)(std::move(response));
                });
    };
    std::unique_lock lock(mu_);
    if (!joined_) {
      net::post(pool_, std::move(answer));
      return;
    }
    lock.unlock();
    answer();
  };
  co_return co_await net::async_initiate<decltype(net::use_awaitable), void(ApiResponse)>(
      std::move(initiate), net::use_awaitable, std::move(request));
}

}  // namespace ordinal::api
