// The follower's network side: one coroutine relists, then one per kind watches, all on one
// io_context thread, so the state needs no lock and stopping the io_context stops everything
// at once.
// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp needs it under GCC 12
// clang-format on

#include "tools/follow/follower.hpp"

#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "tools/api/tls_context.hpp"
#include "tools/follow/follower_state.hpp"
#include "tools/follow/source_http.hpp"
#include "tools/follow/source_url.hpp"

namespace ordinal::follow {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;
using namespace source_http;

constexpr auto kListTimeout = 60s;
// The source ends each watch after this long and the follower resumes it, so a peer that
// vanished without closing the connection is noticed within the read timeout.
constexpr int kWatchTimeoutSeconds = 300;
constexpr auto kWatchReadTimeout = std::chrono::seconds(kWatchTimeoutSeconds + 30);
// A stream that lasted this long was healthy: the next reconnect needs no back-off.
constexpr auto kHealthyStream = 1s;

/// 100 ms doubling to 5 s between attempts.
class Backoff {
 public:
  std::chrono::milliseconds next() {
    const auto delay = delay_;
    delay_ = std::min<std::chrono::milliseconds>(delay_ * 2, 5s);
    return delay;
  }
  void reset() { delay_ = 100ms; }

 private:
  std::chrono::milliseconds delay_ = 100ms;
};

}  // namespace

struct Follower::Impl {
  Impl(net::io_context& context, FollowerOptions follower_options, zones::SnapshotHolder& holder)
      : io(context),
        options(std::move(follower_options)),
        url(parse_source_url(options.url)),
        state(options.zone, holder),
        relist_wanted(context) {
    if (!url.tls) return;
    api::ClientTlsFiles files;
    files.certificate_authority = options.ca_file;
    files.certificate_authority_flag = "--ca-file";
    tls_context = api::make_client_tls_context(files);
  }

  static net::awaitable<void> run(std::shared_ptr<Impl> self);
  static net::awaitable<void> relist(std::shared_ptr<Impl> self);
  static net::awaitable<void> watch_loop(std::shared_ptr<Impl> self, Kind kind,
                                         std::uint64_t epoch);
  net::awaitable<ListResult> list(const KindInfo& kind);
  net::awaitable<std::shared_ptr<Connection>> connect();
  net::awaitable<void> perform(Connection& connection, const Request& request, ResponseSink& sink,
                               std::chrono::seconds read_timeout);
  net::awaitable<void> sleep(std::chrono::milliseconds delay);
  [[nodiscard]] Request make_request(const std::string& target) const;
  void note_failure(std::optional<Kind> kind, const std::string& why);
  void note_success(Kind kind);
  void request_relist(std::uint64_t from_epoch);
  void schedule_flush();

  net::io_context& io;
  const FollowerOptions options;
  const SourceUrl url;
  std::shared_ptr<ssl::context> tls_context;  ///< for https:// sources
  FollowerState state;
  /// The supervisor sleeps on it while watches run; request_relist() cancels it.
  net::steady_timer relist_wanted;
  bool relist_requested = false;
  /// Bumped at every relist: watches of an older epoch stop at their next step.
  std::uint64_t epoch = 0;
  std::array<std::weak_ptr<Connection>, kKindCount> watches;
  std::array<bool, kKindCount> failing{};
  std::optional<std::chrono::system_clock::time_point> down_since;
  std::string last_error;
  bool flush_posted = false;
  bool waiting_reported = false;
  std::function<void()> on_first_publish;
  std::function<void(const std::string&)> on_waiting;
};

namespace {

/// Applies a watch stream's lines as they arrive.
class WatchSink : public ResponseSink {
 public:
  WatchSink(Follower::Impl& impl, Kind kind, std::uint64_t epoch)
      : impl_(impl), kind_(kind), epoch_(epoch) {}

  bool on_header(unsigned status) override {
    status_ = status;
    if (status == 200 && impl_.epoch == epoch_) impl_.note_success(kind_);
    return true;
  }
  bool on_body(std::string& body, bool done) override {
    if (status_ != 200) {
      if (done) error_ = describe_failure(status_, body);
      return true;
    }
    std::size_t start = 0;
    for (auto end = body.find('\n'); end != std::string::npos; end = body.find('\n', start)) {
      const std::string_view line(body.data() + start, end - start);
      start = end + 1;
      if (impl_.epoch != epoch_) return false;
      if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
      if (!apply(line)) return false;
    }
    body.erase(0, start);
    return true;
  }

  [[nodiscard]] unsigned status() const { return status_; }
  [[nodiscard]] bool expired() const { return expired_ || status_ == 410; }
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  bool apply(std::string_view line) {
    auto event = parse_event(kind_, line);
    if (!event) {
      error_ = "watch " + std::string(info_of(kind_).path) + ": a line that is not JSON";
      return false;
    }
    const std::string message = event->error_message;
    switch (impl_.state.apply(kind_, std::move(*event))) {
      case FollowerState::Outcome::Applied:
        impl_.schedule_flush();
        return true;
      case FollowerState::Outcome::Advanced:
        return true;
      case FollowerState::Outcome::Expired:
        expired_ = true;
        return false;
      case FollowerState::Outcome::Failed:
        error_ = "watch " + std::string(info_of(kind_).path) + ": " +
                 (message.empty() ? "an event not understood" : message);
        return false;
    }
    return false;
  }

  Follower::Impl& impl_;
  const Kind kind_;
  const std::uint64_t epoch_;
  unsigned status_ = 0;
  bool expired_ = false;
  std::string error_;
};

/// Rethrows what escaped a coroutine, so it leaves io_context::run() instead of vanishing.
void rethrow(std::exception_ptr error) {
  if (error) std::rethrow_exception(error);
}

}  // namespace

net::awaitable<void> Follower::Impl::run(std::shared_ptr<Impl> self) {
  Impl& impl = *self;
  for (;;) {
    co_await relist(self);
    const std::uint64_t epoch = ++impl.epoch;
    impl.relist_requested = false;
    for (const auto& kind : source_kinds())
      net::co_spawn(impl.io, watch_loop(self, kind.kind, epoch), net::detached);
    if (!impl.relist_requested) {
      impl.relist_wanted.expires_at(std::chrono::steady_clock::time_point::max());
      boost::system::error_code ec;
      co_await impl.relist_wanted.async_wait(net::redirect_error(net::use_awaitable, ec));
    }
    ++impl.epoch;
    for (auto& weak : impl.watches)
      if (auto connection = weak.lock()) connection->lowest().close();
  }
}

net::awaitable<void> Follower::Impl::relist(std::shared_ptr<Impl> self) {
  Impl& impl = *self;
  Backoff backoff;
  for (;;) {
    impl.state.begin_relist();
    try {
      for (const auto& kind : source_kinds())
        impl.state.add_list(kind.kind, co_await impl.list(kind));
      break;
    } catch (const std::exception& error) {
      impl.note_failure(std::nullopt, error.what());
    }
    co_await impl.sleep(backoff.next());
  }
  impl.failing.fill(false);
  impl.down_since.reset();
  impl.last_error.clear();
  if (impl.state.relists() == 1 && impl.on_first_publish) impl.on_first_publish();
}

net::awaitable<void> Follower::Impl::watch_loop(std::shared_ptr<Impl> self, Kind kind,
                                                std::uint64_t epoch) {
  Impl& impl = *self;
  const KindInfo& info = info_of(kind);
  Backoff backoff;
  while (impl.epoch == epoch) {
    WatchSink sink(impl, kind, epoch);
    const auto started = std::chrono::steady_clock::now();
    bool clean = false;
    try {
      auto connection = co_await impl.connect();
      if (impl.epoch != epoch) co_return;
      impl.watches[static_cast<std::size_t>(kind)] = connection;
      const std::string target =
          impl.url.base_path + info.path + "?watch=1&allowWatchBookmarks=true&timeoutSeconds=" +
          std::to_string(kWatchTimeoutSeconds) +
          "&resourceVersion=" + query_escape(impl.state.resource_version(kind));
      co_await impl.perform(*connection, impl.make_request(target), sink, kWatchReadTimeout);
      if (impl.epoch != epoch) co_return;
      if (sink.expired()) {
        impl.request_relist(epoch);
        co_return;
      }
      if (!sink.error().empty()) throw std::runtime_error(sink.error());
      if (sink.status() != 200)
        throw std::runtime_error("watch " + std::string(info.path) + ": HTTP " +
                                 std::to_string(sink.status()));
      clean = true;  // the source ended the stream (timeoutSeconds): resume at once
    } catch (const std::exception& error) {
      if (impl.epoch != epoch) co_return;
      impl.note_failure(kind, error.what());
    }
    const bool healthy =
        sink.status() == 200 && std::chrono::steady_clock::now() - started >= kHealthyStream;
    if (healthy) backoff.reset();
    if (!(clean && healthy)) co_await impl.sleep(backoff.next());
  }
}

net::awaitable<ListResult> Follower::Impl::list(const KindInfo& kind) {
  auto connection = co_await connect();
  ListSink sink;
  co_await perform(*connection, make_request(url.base_path + kind.path), sink, kListTimeout);
  if (sink.status_ != 200)
    throw std::runtime_error(std::string("list ") + kind.path + ": " +
                             describe_failure(sink.status_, sink.body_));
  auto listed = parse_list(kind.kind, sink.body_);
  if (!listed) throw std::runtime_error(std::string("list ") + kind.path + ": not a List");
  co_return std::move(*listed);
}

net::awaitable<std::shared_ptr<Connection>> Follower::Impl::connect() {
  tcp::resolver resolver(io);
  const auto endpoints = co_await resolver.async_resolve(url.host, url.port, net::use_awaitable);
  auto connection = std::make_shared<Connection>();
  if (url.tls) {
    connection->tls.emplace(io, *tls_context);
    api::expect_server_identity(connection->tls->native_handle(), url.host, true);
  } else {
    connection->plain.emplace(io);
  }
  connection->lowest().expires_after(kConnectTimeout);
  co_await connection->lowest().async_connect(endpoints, net::use_awaitable);
  if (connection->tls) {
    connection->lowest().expires_after(kConnectTimeout);
    co_await connection->tls->async_handshake(ssl::stream_base::client, net::use_awaitable);
  }
  co_return connection;
}

net::awaitable<void> Follower::Impl::perform(Connection& connection, const Request& request,
                                             ResponseSink& sink,
                                             std::chrono::seconds read_timeout) {
  if (connection.tls) {
    co_await exchange(*connection.tls, connection.lowest(), request, sink, read_timeout);
  } else {
    co_await exchange(*connection.plain, connection.lowest(), request, sink, read_timeout);
  }
}

net::awaitable<void> Follower::Impl::sleep(std::chrono::milliseconds delay) {
  net::steady_timer timer(io, delay);
  boost::system::error_code ec;
  co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
}

Request Follower::Impl::make_request(const std::string& target) const {
  Request request{http::verb::get, target, 11};
  request.set(http::field::host, url.host_header());
  request.set(http::field::user_agent, "ordinal-follower");
  request.set(http::field::accept, "application/json");
  if (!options.token_file.empty())
    request.set(http::field::authorization, "Bearer " + read_token(options.token_file));
  request.keep_alive(false);
  return request;
}

void Follower::Impl::note_failure(std::optional<Kind> kind, const std::string& why) {
  if (kind) failing[static_cast<std::size_t>(*kind)] = true;
  if (!down_since) down_since = std::chrono::system_clock::now();
  last_error = why;
  if (!state.published() && !waiting_reported && on_waiting) {
    waiting_reported = true;
    on_waiting(why);
  }
}

void Follower::Impl::note_success(Kind kind) {
  failing[static_cast<std::size_t>(kind)] = false;
  if (std::none_of(failing.begin(), failing.end(), [](bool f) { return f; })) {
    down_since.reset();
    last_error.clear();
  }
}

void Follower::Impl::request_relist(std::uint64_t from_epoch) {
  if (from_epoch != epoch) return;
  relist_requested = true;
  relist_wanted.cancel();
}

void Follower::Impl::schedule_flush() {
  // Posted behind the reads already queued: a burst over several watches becomes one snapshot.
  if (flush_posted) return;
  flush_posted = true;
  net::post(io, [this] {
    flush_posted = false;
    state.flush();
  });
}

Follower::Follower(net::io_context& io, FollowerOptions options, zones::SnapshotHolder& holder)
    : impl_(std::make_shared<Impl>(io, std::move(options), holder)) {}

Follower::~Follower() = default;

void Follower::start(std::function<void()> on_first_publish,
                     std::function<void(const std::string&)> on_waiting) {
  impl_->on_first_publish = std::move(on_first_publish);
  impl_->on_waiting = std::move(on_waiting);
  net::co_spawn(impl_->io, Impl::run(impl_), rethrow);
}

FollowerStatus Follower::status() const {
  FollowerStatus status;
  status.source = impl_->url.to_string();
  status.published = impl_->state.published();
  status.down_since = impl_->down_since;
  status.last_error = impl_->last_error;
  status.relists = impl_->state.relists();
  status.events = impl_->state.events();
  status.serial = impl_->state.serial();
  status.last_sync = impl_->state.last_sync();
  return status;
}

}  // namespace ordinal::follow
