// Watch streams over HTTP: chunked responses fed by the registry's WatchStream. The stream's
// notifier posts to the connection's strand, so no io thread ever blocks waiting for events.
// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp needs it under GCC 12
// clang-format on

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "tools/api/api_response.hpp"
#include "tools/api/http_session.hpp"
#include "tools/api/table_response.hpp"

namespace ordinal::api {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// Without events, a watch asking for bookmarks gets one this often.
constexpr std::chrono::seconds kBookmarkInterval{5};

// Reads from the raw socket while a watch streams: a client that leaves ends its watch at once
// instead of at the next event.
net::awaitable<void> watch_peer(std::shared_ptr<Session> session) {
  char scratch[512];
  beast::error_code ec;
  while (!ec)
    co_await session->stream->tcp().socket().async_read_some(
        net::buffer(scratch), net::redirect_error(net::use_awaitable, ec));
  session->peer_gone = true;
  session->wake.cancel();
}

net::awaitable<void> stream_events(std::shared_ptr<Session> session, WatchPlan& plan,
                                   const std::optional<TableRequest>& table) {
  identity::Registry& registry = session->handler.registry();
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = plan.timeout.count() > 0 ? start + plan.timeout
                                                 : std::chrono::steady_clock::time_point::max();
  auto next_bookmark = start + kBookmarkInterval;
  // The registry publishes a resourceVersion a moment before its events reach the streams, so
  // a bookmark carries the version sampled one interval earlier: its events have been sent.
  std::uint64_t sampled_rv = registry.resource_version();
  std::uint64_t sent_rv = 0;
  for (;;) {
    session->signalled = false;
    auto events = plan.stream->take();
    if (!events || session->peer_gone || session->stopping) break;
    std::string out;
    for (const auto& event : *events) {
      out += encode_watch_event(event, plan, table);
      sent_rv = std::max(sent_rv, event.resource_version);
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) break;
    if (plan.bookmarks && now >= next_bookmark) {
      if (events->empty()) out += bookmark_line(*plan.kind, std::max(sampled_rv, sent_rv));
      sampled_rv = registry.resource_version();
      next_bookmark = now + kBookmarkInterval;
    }
    if (!out.empty()) co_await write_chunk(*session, out);
    if (!events->empty() || session->signalled) continue;
    session->wake.expires_at(plan.bookmarks ? std::min(deadline, next_bookmark) : deadline);
    beast::error_code ec;
    co_await session->wake.async_wait(net::redirect_error(net::use_awaitable, ec));
  }
}

// Streams one watch; the connection closes afterwards (the peer reader owns the socket's read
// side while streaming).
// Counts the stream as open for its lifetime and closes it at the end, however the watch ends.
class WatchGuard {
 public:
  WatchGuard(ApiMetrics& metrics, std::shared_ptr<identity::WatchStream> stream)
      : metrics_(metrics), stream_(std::move(stream)) {
    metrics_.watch_opened();
  }
  ~WatchGuard() {
    if (stream_) stream_->close();
    metrics_.watch_closed();
  }
  WatchGuard(const WatchGuard&) = delete;
  WatchGuard& operator=(const WatchGuard&) = delete;

 private:
  ApiMetrics& metrics_;
  std::shared_ptr<identity::WatchStream> stream_;
};

net::awaitable<void> write_stream_header(Session& session, unsigned version) {
  http::response<http::empty_body> header{http::status::ok, version};
  header.set(http::field::server, "ordinal");
  header.set(http::field::content_type, "application/json");
  header.set(http::field::transfer_encoding, "chunked");
  header.keep_alive(false);
  http::response_serializer<http::empty_body> serializer{header};
  session.stream->tcp().expires_after(kWriteTimeout);
  co_await session.stream->write_header(serializer);
}

// The registry calls the notifier from the writing thread: it only posts to the strand.
void subscribe(const std::shared_ptr<Session>& session, identity::WatchStream& stream) {
  std::weak_ptr<Session> weak = session;
  auto executor = session->executor();
  stream.set_notify([weak, executor] {
    net::post(executor, [weak] {
      if (auto s = weak.lock()) {
        s->signalled = true;
        s->wake.cancel();
      }
    });
  });
}

}  // namespace

net::awaitable<void> serve_watch(std::shared_ptr<Session> session, const ApiRequest& request,
                                 unsigned version) {
  // `get -w` asks for Tables; the stream then carries one-row Tables instead of objects.
  auto table = table_request(request, parse_target(request.target));
  if (!table) {
    co_await write_response(*session, error_response(table.error()), version, false);
    co_return;
  }
  auto opened = session->handler.open_watch(request);
  if (auto* error = std::get_if<ApiResponse>(&opened)) {
    co_await write_response(*session, std::move(*error), version, false);
    co_return;
  }
  WatchPlan plan = std::move(std::get<WatchPlan>(opened));
  WatchGuard guard{session->handler.metrics(), plan.stream};
  co_await write_stream_header(*session, version);
  for (const auto& line : plan.initial_lines) co_await write_chunk(*session, line);
  if (plan.stream) {
    subscribe(session, *plan.stream);
    net::co_spawn(session->executor(), watch_peer(session), net::detached);
    co_await stream_events(session, plan, *table);
  }
  if (!session->peer_gone) {
    session->stream->tcp().expires_after(kWriteTimeout);
    co_await session->stream->write_last_chunk();
  }
}

}  // namespace ordinal::api
